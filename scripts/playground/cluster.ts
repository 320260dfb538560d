// The Kubernetes side of the playground: the local control plane (its directory and logs under
// .playground, so nothing is left in /tmp), the backend in dev mode, the simulated Nodes' addresses
// set to their namespaces' (the speakers announce from there), and the sample configuration.
import { closeSync, createWriteStream, mkdirSync, openSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { KUBE_KINDS, resourcePath } from '../../api/kinds';
import { ApiClient } from '../../k8s/api-client';
import { errorMessage } from '../../k8s/errors';
import { startControlPlane, type ControlPlane } from '../../integration-tests/cluster/control-plane';
import type { Ledger } from './ledger';
import type { Plan } from './plan';
import { spawnLogged } from './processes';
import type { SampleObject, SampleService } from './sample-config';

export async function startCluster(o: {
  dir: string;
  logs: string;
  nodes: number;
  ledger: Ledger;
  say: (l: string) => void;
}): Promise<ControlPlane> {
  // The control plane writes its logs to <dir>/logs: make that .playground/logs.
  mkdirSync(o.dir, { recursive: true });
  symlinkSync(path.relative(o.dir, o.logs), path.join(o.dir, 'logs'));
  o.ledger.dir(o.dir);
  const cp = await startControlPlane({ nodes: o.nodes, dir: o.dir, log: (l) => o.say(l) });
  const { dir, kubeconfig, server, etcd, nodes, processes, startedAt } = cp;
  o.ledger.cluster({ dir, kubeconfig, server, etcd, nodes, processes, startedAt });
  return cp;
}

/** Starts `backend/main.ts --dev`; resolves with the UI's URL once it serves. */
export async function startBackend(o: {
  root: string;
  logs: string;
  kubeconfig: string;
  port: number;
  ledger: Ledger;
  /** Called if it exits after serving. */
  onExit: (why: string) => void;
}): Promise<string> {
  const log = path.join(o.logs, 'backend.log');
  closeSync(openSync(log, 'a'));
  const child = spawnLogged(
    process.execPath,
    ['--import', 'tsx', path.join(o.root, 'backend/main.ts'), '--dev', '--http-port', String(o.port)],
    log,
    { cwd: o.root, env: { ...process.env, KUBECONFIG: o.kubeconfig }, stdout: 'pipe' },
  );
  o.ledger.track('backend', child, true);
  // Its JSON log is on stdout, with the UI= line: both go to the log file.
  const file = createWriteStream(log, { flags: 'a' });
  return new Promise<string>((resolve, reject) => {
    let buf = '';
    let found = false;
    child.stdout!.on('data', (d: Buffer) => {
      file.write(d);
      if (found) return;
      buf += d.toString();
      const m = /^UI=(\S+)$/m.exec(buf);
      if (m) {
        found = true;
        resolve(m[1]!);
      }
    });
    child.once('exit', (code, signal) => {
      const why = `the backend exited (${signal ?? `code ${code}`}); see ${log}`;
      if (found) o.onExit(why);
      else reject(new Error(why));
    });
  });
}

export function connect(kubeconfig: string): ApiClient {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  return ApiClient.fromKubeConfig(kc);
}

/** Retries `f` while the apiserver warms up (new CRDs 404/429 for a moment, webhooks start). */
async function retrying<T>(what: string, f: () => Promise<T>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await f();
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`${what}: ${errorMessage(err)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** Gives each Node its namespace's addresses, so the speakers announce from the right place. */
export async function addressNodes(client: ApiClient, p: Plan): Promise<void> {
  for (const n of p.nodes)
    await retrying(`addresses of Node ${n.name}`, () =>
      client.mergePatch(resourcePath(KUBE_KINDS.Node, { name: n.name, subresource: 'status' }), {
        status: {
          addresses: [
            { type: 'InternalIP', address: n.ipv4 },
            { type: 'InternalIP', address: n.ipv6 },
            { type: 'Hostname', address: n.name },
          ],
        },
      }),
    );
}

export async function applySample(client: ApiClient, objects: SampleObject[]): Promise<void> {
  for (const obj of objects)
    await retrying(`${obj.kind} ${obj.metadata.name}`, () =>
      client.apply(obj as never, { fieldManager: 'metallb-playground' }),
    );
}

/** Each sample Service's IPs ("ns/name" -> IPs) once the controller assigned them all. */
export async function waitForIPs(
  client: ApiClient,
  services: SampleService[],
  timeoutMs = 60_000,
): Promise<Map<string, string[]>> {
  const ips = new Map<string, string[]>();
  const deadline = Date.now() + timeoutMs;
  while (ips.size < services.length) {
    for (const s of services) {
      const svc = await client
        .find<{ status?: { loadBalancer?: { ingress?: { ip?: string }[] } } }>(
          resourcePath(KUBE_KINDS.Service, { namespace: s.namespace, name: s.name }),
        )
        .catch(() => undefined);
      const got = (svc?.status?.loadBalancer?.ingress ?? []).flatMap((i) => (i.ip ? [i.ip] : []));
      if (got.length >= 2) ips.set(`${s.namespace}/${s.name}`, got);
    }
    if (ips.size === services.length) break;
    if (Date.now() > deadline)
      throw new Error(
        `the controller assigned no IPs to ${services
          .filter((s) => !ips.has(`${s.namespace}/${s.name}`))
          .map((s) => `${s.namespace}/${s.name}`)
          .join(', ')} within ${timeoutMs / 1000} s; see .playground/logs/backend.log`,
      );
    await new Promise((r) => setTimeout(r, 250));
  }
  return ips;
}
