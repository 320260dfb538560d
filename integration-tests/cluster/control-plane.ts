import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { ensureBinaries, type Binaries } from './binaries';
import { generateCerts, type ControlPlaneCerts } from './certs';
import { freePort } from './ports';
import { isAlive, killGroupSync, startProcess, stopProcess, type ManagedProcess } from './processes';
import { createFakeNodes } from './nodes';

export const SERVICE_CIDRS = ['10.96.0.0/16', 'fd00:10:96::/112'];

/**
 * Addresses kwok gives simulated Pods, and Nodes that have none of their own (the playground sets
 * its Nodes' from their network namespaces). kwok's default, 10.0.0.0/24, is routable: a packet to
 * a simulated Pod would leave the machine and may reach a real host. These come from TEST-NET-3
 * (RFC 5737, documentation only, never routed), from its upper quarter, which no test names an
 * address in (tests' pools use its lower addresses, or the whole /24 for Service IPs only).
 */
export const POD_CIDR = '203.0.113.128/26';
export const NODE_IP = '203.0.113.192';

export interface ControlPlaneOptions {
  /** Adds kube-controller-manager, kube-scheduler and kwok with this many fake nodes (0: apiserver only). */
  nodes?: number;
  /** Directory for certs, data and logs; a fresh temp dir by default. */
  dir?: string;
  /** Leave the processes running when this process exits (for `cluster:up`). */
  detached?: boolean;
  log?: (line: string) => void;
}

export interface ControlPlaneState {
  dir: string;
  kubeconfig: string;
  server: string;
  etcd: string;
  nodes: number;
  processes: { name: string; pid: number; log: string }[];
  startedAt: string;
}

export interface ControlPlane extends ControlPlaneState {
  binaries: Binaries;
  certs: ControlPlaneCerts;
  stop(): Promise<void>;
}

const defaultLog = (line: string) => process.stderr.write(`[cluster] ${line}\n`);

function httpOk(url: string, certs?: ControlPlaneCerts): Promise<boolean> {
  return new Promise((resolve) => {
    const opts = certs
      ? {
          ca: readFileSyncCached(certs.caCert),
          cert: readFileSyncCached(certs.adminCert),
          key: readFileSyncCached(certs.adminKey),
        }
      : {};
    const req = (url.startsWith('https') ? httpsRequest : httpRequest)(
      url,
      { ...opts, timeout: 2000 },
      (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      },
    );
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
    req.end();
  });
}

const fileCache = new Map<string, Buffer>();
function readFileSyncCached(path: string): Buffer {
  let b = fileCache.get(path);
  if (!b) {
    // Certificates are small and read on every readiness poll; read them once.
    b = readFileSync(path);
    fileCache.set(path, b);
  }
  return b;
}

async function tailOf(log: string, lines = 20): Promise<string> {
  try {
    return (await readFile(log, 'utf8')).trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Polls until check() is true; fails early (with the log's tail) if the process died. */
async function waitUntil(
  what: string,
  proc: ManagedProcess,
  check: () => Promise<boolean>,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.exited || !isAlive(proc.pid)) {
      throw new Error(
        `${proc.name} exited while waiting for ${what}; log ${proc.log}:\n${await tailOf(proc.log)}`,
      );
    }
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(
    `timed out after ${timeoutMs} ms waiting for ${what}; log ${proc.log}:\n${await tailOf(proc.log)}`,
  );
}

function kubeconfigYaml(server: string, certs: ControlPlaneCerts): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'metallb-ts', cluster: { server, 'certificate-authority': certs.caCert } }],
    users: [{ name: 'admin', user: { 'client-certificate': certs.adminCert, 'client-key': certs.adminKey } }],
    contexts: [{ name: 'metallb-ts', context: { cluster: 'metallb-ts', user: 'admin' } }],
    'current-context': 'metallb-ts',
  });
}

/**
 * Starts etcd and kube-apiserver on loopback (free ports, generated certs, admin kubeconfig) and,
 * with `nodes > 0`, kube-controller-manager, kube-scheduler and kwok with that many fake nodes, so
 * Deployments and DaemonSets really get Ready pods.
 */
export async function startControlPlane(opts: ControlPlaneOptions = {}): Promise<ControlPlane> {
  const log = opts.log ?? defaultLog;
  const nodes = opts.nodes ?? 0;
  const binaries = await ensureBinaries(log);
  const dir = opts.dir ?? (await mkdtemp(join(tmpdir(), 'metallb-ts-cp-')));
  await mkdir(join(dir, 'logs'), { recursive: true });
  const processes: ManagedProcess[] = [];
  const t0 = Date.now();

  const killAll = () => processes.forEach((p) => killGroupSync(p.pid));
  if (!opts.detached) process.once('exit', killAll);

  const stop = async () => {
    process.off('exit', killAll);
    for (const p of [...processes].reverse()) await stopProcess(p.pid);
    await rm(dir, { recursive: true, force: true });
  };

  try {
    const certs = await generateCerts(dir);
    const [etcdPort, etcdPeerPort, apiPort] = await Promise.all([freePort(), freePort(), freePort()]);

    const etcd = startProcess(
      'etcd',
      binaries.etcd,
      [
        `--data-dir=${join(dir, 'etcd')}`,
        `--listen-client-urls=http://127.0.0.1:${etcdPort}`,
        `--advertise-client-urls=http://127.0.0.1:${etcdPort}`,
        `--listen-peer-urls=http://127.0.0.1:${etcdPeerPort}`,
        `--initial-advertise-peer-urls=http://127.0.0.1:${etcdPeerPort}`,
        `--initial-cluster=default=http://127.0.0.1:${etcdPeerPort}`,
        '--unsafe-no-fsync',
        '--log-level=warn',
      ],
      join(dir, 'logs', 'etcd.log'),
    );
    processes.push(etcd);
    await waitUntil('etcd /health', etcd, () => httpOk(`http://127.0.0.1:${etcdPort}/health`), 30_000);

    const server = `https://127.0.0.1:${apiPort}`;
    const apiserver = startProcess(
      'kube-apiserver',
      binaries.kubeApiserver,
      [
        `--etcd-servers=http://127.0.0.1:${etcdPort}`,
        '--bind-address=127.0.0.1',
        '--advertise-address=127.0.0.1',
        `--secure-port=${apiPort}`,
        `--cert-dir=${join(dir, 'apiserver')}`,
        `--tls-cert-file=${certs.servingCert}`,
        `--tls-private-key-file=${certs.servingKey}`,
        `--client-ca-file=${certs.caCert}`,
        '--authorization-mode=RBAC',
        `--service-cluster-ip-range=${SERVICE_CIDRS.join(',')}`,
        '--service-account-issuer=https://kubernetes.default.svc',
        `--service-account-key-file=${certs.saPub}`,
        `--service-account-signing-key-file=${certs.saKey}`,
        '--allow-privileged=true',
        '--disable-admission-plugins=ServiceAccount',
        '--enable-priority-and-fairness=false',
        '--endpoint-reconciler-type=none',
        // ConfigMap watches go straight to etcd, so a test can compact etcd and get a real 410 Gone
        // (the watch cache would otherwise replay its state for any old version).
        '--watch-cache-sizes=configmaps#0',
      ],
      join(dir, 'logs', 'kube-apiserver.log'),
    );
    processes.push(apiserver);
    await waitUntil('kube-apiserver /readyz', apiserver, () => httpOk(`${server}/readyz`, certs), 90_000);

    const kubeconfig = join(dir, 'kubeconfig');
    await writeFile(kubeconfig, kubeconfigYaml(server, certs), { mode: 0o600 });

    if (nodes > 0) {
      const [kcmPort, schedPort, kwokPort] = await Promise.all([freePort(), freePort(), freePort()]);
      const common = [
        `--kubeconfig=${kubeconfig}`,
        `--authentication-kubeconfig=${kubeconfig}`,
        `--authorization-kubeconfig=${kubeconfig}`,
        '--leader-elect=false',
        '--bind-address=127.0.0.1',
      ];
      processes.push(
        startProcess(
          'kube-controller-manager',
          binaries.kubeControllerManager,
          [
            ...common,
            `--secure-port=${kcmPort}`,
            `--cert-dir=${join(dir, 'kcm')}`,
            '--controllers=*',
            `--service-account-private-key-file=${certs.saKey}`,
            `--root-ca-file=${certs.caCert}`,
          ],
          join(dir, 'logs', 'kube-controller-manager.log'),
        ),
        startProcess(
          'kube-scheduler',
          binaries.kubeScheduler,
          [...common, `--secure-port=${schedPort}`, `--cert-dir=${join(dir, 'scheduler')}`],
          join(dir, 'logs', 'kube-scheduler.log'),
        ),
      );
      const stages = (await readdir(binaries.kwokStages)).filter((f) => f.endsWith('.yaml'));
      const kwok = startProcess(
        'kwok',
        binaries.kwok,
        [
          `--kubeconfig=${kubeconfig}`,
          '--manage-all-nodes=true',
          `--server-address=127.0.0.1:${kwokPort}`,
          '--node-lease-duration-seconds=40',
          `--cidr=${POD_CIDR}`,
          `--node-ip=${NODE_IP}`,
          ...stages.map((f) => `--config=${join(binaries.kwokStages, f)}`),
        ],
        join(dir, 'logs', 'kwok.log'),
      );
      processes.push(kwok);
      await createFakeNodes(kubeconfig, nodes);
      await waitUntil(
        `${nodes} fake nodes Ready`,
        kwok,
        () => nodesReady(binaries, kubeconfig, nodes),
        60_000,
      );
    }

    const state: ControlPlaneState = {
      dir,
      kubeconfig,
      server,
      etcd: `http://127.0.0.1:${etcdPort}`,
      nodes,
      processes: processes.map(({ name, pid, log: l }) => ({ name, pid, log: l })),
      startedAt: new Date().toISOString(),
    };
    await writeFile(join(dir, 'state.json'), JSON.stringify(state, null, 2));
    log(`control plane up in ${((Date.now() - t0) / 1000).toFixed(1)} s (${server}, ${nodes} fake nodes)`);
    return { ...state, binaries, certs, stop };
  } catch (err) {
    log(`start failed; logs kept in ${join(dir, 'logs')} until cleanup`);
    for (const p of [...processes].reverse()) await stopProcess(p.pid, 2000);
    process.off('exit', killAll);
    throw err;
  }
}

async function nodesReady(binaries: Binaries, kubeconfig: string, want: number): Promise<boolean> {
  return new Promise((resolve) => {
    execFile(
      binaries.kubectl,
      [
        '--kubeconfig',
        kubeconfig,
        'get',
        'nodes',
        '-o',
        'jsonpath={.items[*].status.conditions[?(@.type=="Ready")].status}',
      ],
      (err, stdout) => resolve(!err && stdout.split(' ').filter((s) => s === 'True').length >= want),
    );
  });
}

/** Stops a control plane from its state file (for `cluster:down` from another process). */
export async function stopControlPlaneFromState(state: ControlPlaneState): Promise<void> {
  for (const p of [...state.processes].reverse()) await stopProcess(p.pid);
  await rm(state.dir, { recursive: true, force: true });
}

/** Compacts etcd to its current revision: every older resourceVersion becomes 410 Gone. */
export async function compactEtcd(etcd: string): Promise<void> {
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${etcd}${path}`, { method: 'POST', body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`etcd ${path}: HTTP ${res.status}`);
    return (await res.json()) as { header: { revision: string } };
  };
  const { header } = await post('/v3/kv/range', { key: 'AA==' });
  await post('/v3/kv/compaction', { revision: header.revision, physical: true });
}
