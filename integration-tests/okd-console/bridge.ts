// The real OpenShift console (OKD 4.22's "bridge" serving its own frontend) on top of a local
// control plane, with our plugin loaded from the backend and the plugin's `backend` proxy alias
// pointing at the same backend. Bridge runs off-cluster without login: every request it makes
// carries the token of a ServiceAccount bound to cluster-admin, as a cluster administrator's would.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KUBE_KINDS, resourcePath } from '../../api/kinds';
import type { ApiClient } from '../../k8s/api-client';
import { freePort } from '../cluster/ports';

const ROOT = join(import.meta.dirname, '..', '..');
export const PLUGIN = 'metallb-console-plugin';
const ADMIN_SA = { namespace: 'kube-system', name: 'okd-console-admin' };

export interface RunningConsole {
  url: string;
  log: string;
  /** Bridge, leader of its own process group. */
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * The console's source root, built into the cache by build.sh when it is not yet (8-10 minutes
 * once; its progress lines go to `progress`). Rejects with build.sh's message naming what is missing.
 */
export function okdConsoleRoot(
  progress: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [join(import.meta.dirname, 'build.sh')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const lines: string[] = [];
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      for (const l of d.toString().split('\n').filter(Boolean)) {
        lines.push(l);
        progress(l);
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const root = out.trim().split('\n').at(-1) ?? '';
      if (code === 0 && existsSync(join(root, 'bridge'))) resolve(root);
      else reject(new Error(`the OpenShift console could not be built:\n${lines.slice(-20).join('\n')}`));
    });
  });
}

/** A long-lived token of a cluster-admin ServiceAccount (created once per cluster). */
async function adminToken(client: ApiClient): Promise<string> {
  const sa = resourcePath(KUBE_KINDS.ServiceAccount, ADMIN_SA);
  if (!(await client.find(sa))) {
    await client.create(resourcePath(KUBE_KINDS.ServiceAccount, { namespace: ADMIN_SA.namespace }), {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: ADMIN_SA.name },
    });
  }
  const binding = resourcePath(KUBE_KINDS.ClusterRoleBinding, { name: ADMIN_SA.name });
  if (!(await client.find(binding))) {
    await client.create(resourcePath(KUBE_KINDS.ClusterRoleBinding, {}), {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: ADMIN_SA.name },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
      subjects: [{ kind: 'ServiceAccount', ...ADMIN_SA }],
    });
  }
  const req = await client.create<{ status: { token: string } }>(`${sa}/token`, {
    apiVersion: 'authentication.k8s.io/v1',
    kind: 'TokenRequest',
    spec: { expirationSeconds: 24 * 3600 },
  });
  return req.status.token;
}

async function waitForHealth(
  url: string,
  child: ChildProcess,
  log: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(
        `bridge exited (${child.exitCode}); log ${log}:\n${readFileSync(log, 'utf8').slice(-3000)}`,
      );
    if (
      await fetch(`${url}health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the console did not answer /health within ${timeoutMs} ms; log ${log}`);
}

export interface ConsoleOptions {
  client: ApiClient;
  /** The backend's base URL (serves plugin-manifest.json at its root and the REST API). */
  backendUrl: string;
  /** Where bridge's log and token file go. */
  dir: string;
  /** The console's source root (okdConsoleRoot()). */
  root: string;
  port?: number;
}

export async function startOkdConsole(o: ConsoleOptions): Promise<RunningConsole> {
  const token = await adminToken(o.client);
  const tokenFile = join(o.dir, 'okd-console-token');
  writeFileSync(tokenFile, token, { mode: 0o600 });
  const port = o.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}/`;
  const backend = o.backendUrl.replace(/\/$/, '');
  // The ConsolePlugin's proxy alias, as bridge reads it from the ConsolePlugin on a cluster: the
  // user's token is forwarded (authorize), like `authorization: UserToken`.
  const proxy = {
    services: [
      { consoleAPIPath: `/api/proxy/plugin/${PLUGIN}/backend/`, endpoint: backend, authorize: true },
    ],
  };
  const log = join(o.dir, 'okd-console.log');
  const fd = openSync(log, 'w');
  const child = spawn(
    join(o.root, 'bridge'),
    [
      `--listen=http://127.0.0.1:${port}`,
      `--public-dir=${join(o.root, 'frontend', 'public', 'dist')}`,
      '--user-auth=disabled',
      '--k8s-mode=off-cluster',
      `--k8s-mode-off-cluster-endpoint=${o.client.server.origin}`,
      '--k8s-mode-off-cluster-skip-verify-tls=true',
      `--k8s-auth-bearer-token=${token}`,
      `--k8s-mode-off-cluster-service-account-bearer-token-file=${tokenFile}`,
      '--user-settings-location=localstorage',
      '--release-version=4.22.0',
      `--plugins=${PLUGIN}=${backend}/`,
      `--plugin-proxy=${JSON.stringify(proxy)}`,
      `--i18n-namespaces=plugin__${PLUGIN}`,
    ],
    // Bridge reads pkg/graphql/schema.graphql by a relative path: it runs from the source root.
    { cwd: o.root, stdio: ['ignore', fd, fd], detached: true },
  );
  child.on('error', () => undefined);
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  const stop = async () => {
    process.off('exit', kill);
    if (child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 3000).unref();
    });
  };
  try {
    await waitForHealth(url, child, log, 30_000);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, log, child, stop };
}

export { ROOT as REPO_ROOT };
