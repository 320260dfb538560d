// Runs a container of a rendered Deployment or DaemonSet as a local process, the way its image
// would: the image's ENTRYPOINT (read from containers/*.Containerfile) or the container's command,
// its args and env exactly (fieldRefs resolved as the kubelet would), authenticated as the pod's
// ServiceAccount with a TokenRequest token, so only the packaged RBAC applies. Only what points at
// in-cluster things changes: /app becomes this checkout, and listening ports become free ones.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { V1Container, V1PodSpec } from '@kubernetes/client-node';
import { KUBE_KINDS, resourcePath } from '../../api/kinds';
import type { ApiClient } from '../../k8s/api-client';
import { freePort } from '../cluster/ports';

export const ROOT = join(import.meta.dirname, '..', '..');

/** Image name (without registry and tag) -> ENTRYPOINT of its Containerfile. */
export function entrypoints(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of readdirSync(join(ROOT, 'containers')).filter((n) => n.endsWith('.Containerfile'))) {
    const m = /^ENTRYPOINT (\[.*\])$/m.exec(readFileSync(join(ROOT, 'containers', f), 'utf8'));
    if (m) out.set(f.replace(/\.Containerfile$/, ''), JSON.parse(m[1]!) as string[]);
  }
  return out;
}

function imageName(image: string): string {
  return image.split('/').at(-1)!.split(':')[0]!;
}

export interface PodProcess {
  child: ChildProcess;
  log: string;
  output(): string;
  /** The HTTP port the process was given (METALLB_HTTP_PORT), if any. */
  httpPort?: number;
  stop(): Promise<void>;
}

export interface PodIdentity {
  namespace: string;
  podName: string;
  nodeName?: string;
  hostIP?: string;
}

async function tokenKubeconfig(
  client: ApiClient,
  dir: string,
  namespace: string,
  sa: string,
): Promise<string> {
  const path = `${resourcePath(KUBE_KINDS.ServiceAccount, { namespace, name: sa })}/token`;
  const req = await client.create<{ status: { token: string } }>(path, {
    apiVersion: 'authentication.k8s.io/v1',
    kind: 'TokenRequest',
    spec: { expirationSeconds: 3600 },
  });
  const file = join(dir, 'kubeconfig');
  // The server's own CA is not what we test: the token is.
  writeFileSync(
    file,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters: [{name: c, cluster: {server: "' +
        client.server.origin +
        '", insecure-skip-tls-verify: true}}]',
      `users: [{name: u, user: {token: "${req.status.token}"}}]`,
      'contexts: [{name: x, context: {cluster: c, user: u}}]',
      'current-context: x',
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  return file;
}

const PORT_VARS = ['METALLB_HTTP_PORT', 'METALLB_WEBHOOK_PORT', 'METALLB_ML_BIND_PORT', 'METALLB_BGP_PORT'];

/**
 * Secret and ConfigMap volumes, as the kubelet would mount them: each key a file in a directory.
 * Returns mount path -> local directory.
 */
async function mountVolumes(
  client: ApiClient,
  pod: V1PodSpec,
  container: V1Container,
  namespace: string,
  dir: string,
): Promise<Map<string, string>> {
  const mounts = new Map<string, string>();
  for (const m of container.volumeMounts ?? []) {
    const v = pod.volumes?.find((x) => x.name === m.name);
    const local = join(dir, 'volumes', m.name);
    mkdirSync(local, { recursive: true });
    if (v?.secret?.secretName) {
      const path = resourcePath(KUBE_KINDS.Secret, { namespace, name: v.secret.secretName });
      const secret = await client.find<{ data?: Record<string, string> }>(path);
      for (const [k, val] of Object.entries(secret?.data ?? {}))
        writeFileSync(join(local, k), Buffer.from(val, 'base64'), { mode: 0o400 });
    } else if (v?.configMap?.name) {
      const path = resourcePath(KUBE_KINDS.ConfigMap, { namespace, name: v.configMap.name });
      const cm = await client.find<{ data?: Record<string, string> }>(path);
      for (const [k, val] of Object.entries(cm?.data ?? {}))
        writeFileSync(join(local, k), val, { mode: 0o400 });
    } else throw new Error(`volume ${m.name}: only Secret and ConfigMap volumes are supported here`);
    mounts.set(m.mountPath, local);
  }
  return mounts;
}

export async function runContainer(
  client: ApiClient,
  pod: V1PodSpec,
  container: V1Container,
  id: PodIdentity,
  extraEnv: Record<string, string> = {},
): Promise<PodProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'mlbts-pod-'));
  const kubeconfig = await tokenKubeconfig(client, dir, id.namespace, pod.serviceAccountName ?? 'default');
  const mounts = await mountVolumes(client, pod, container, id.namespace, dir);
  const local = (v: string) => {
    for (const [mountPath, d] of mounts)
      if (v === mountPath || v.startsWith(`${mountPath}/`)) return d + v.slice(mountPath.length);
    return v.replace(/^\/app(\/|$)/, `${ROOT}$1`);
  };
  const env: Record<string, string> = {};
  let httpPort: number | undefined;
  for (const e of container.env ?? []) {
    const field = e.valueFrom?.fieldRef?.fieldPath;
    let value = e.value ?? '';
    if (field === 'metadata.namespace') value = id.namespace;
    else if (field === 'metadata.name') value = id.podName;
    else if (field === 'spec.nodeName') value = id.nodeName ?? '';
    else if (field === 'status.hostIP' || field === 'status.podIP') value = id.hostIP ?? '127.0.0.1';
    else if (e.valueFrom) throw new Error(`env ${e.name}: unsupported source ${JSON.stringify(e.valueFrom)}`);
    if (PORT_VARS.includes(e.name)) value = String(await freePort());
    if (e.name === 'METALLB_HTTP_PORT') httpPort = Number(value);
    env[e.name] = local(value);
  }
  const command = container.command ?? entrypoints().get(imageName(container.image ?? ''));
  if (!command) throw new Error(`no command and no Containerfile ENTRYPOINT for image ${container.image}`);
  const [exe, ...rest] = [...command, ...(container.args ?? [])].map((a) =>
    a.replace(/^\/app\//, `${ROOT}/`),
  );
  const log = join(dir, `${container.name}.log`);
  const fd = openSync(log, 'w');
  const child = spawn(exe === 'node' ? process.execPath : exe!, rest, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: dir, KUBECONFIG: kubeconfig, ...env, ...extraEnv },
    stdio: ['ignore', fd, fd],
  });
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  return {
    child,
    log,
    output: () => readFileSync(log, 'utf8'),
    ...(httpPort ? { httpPort } : {}),
    stop: async () => {
      process.off('exit', kill);
      if (child.exitCode !== null || child.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      });
    },
  };
}
