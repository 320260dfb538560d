// What the UI end-to-end test runs against: a local control plane with fake nodes and the
// backend in development mode (CRDs, namespace, webhooks, controller, UI) on a free port.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { METALLB_KINDS, resourcePath } from '../../api/kinds';
import { startControlPlane, type ControlPlane } from '../cluster/control-plane';
import { freePort } from '../cluster/ports';

export interface UIEnv {
  url: string;
  cluster: ControlPlane;
  backendLog: string;
  kubectl(args: string[], stdin?: string): Promise<string>;
  stop(): Promise<void>;
}

async function waitForUI(url: string, backend: ChildProcess, log: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (backend.exitCode !== null)
      throw new Error(
        `the backend exited (${backend.exitCode}); log ${log}:\n${readFileSync(log, 'utf8').slice(-3000)}`,
      );
    const ok = await fetch(`${url}readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the backend was not ready within ${timeoutMs} ms; log ${log}`);
}

/** Every metallb.io list in the MetalLB namespace. */
const LISTS = Object.values(METALLB_KINDS).map((kind) => resourcePath(kind, { namespace: 'metallb-system' }));

/** Fresh CRDs answer 429 while their watch cache warms up; the pages should not see that. */
async function waitForLists(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const list of LISTS) {
    while (
      !(await fetch(`${url}api/kubernetes${list}?limit=1`).then(
        (r) => r.ok,
        () => false,
      ))
    ) {
      if (Date.now() > deadline) throw new Error(`metallb.io list ${list} not served within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function startUIEnv(outDir: string): Promise<UIEnv> {
  mkdirSync(outDir, { recursive: true });
  const cluster = await startControlPlane({ nodes: 3 });
  let backend: ChildProcess | undefined;
  // If the test process dies without running its hooks, take the backend down with it.
  const killBackend = () => backend?.kill('SIGKILL');
  process.once('exit', killBackend);
  const stop = async () => {
    process.off('exit', killBackend);
    if (backend) await stopChild(backend);
    await cluster.stop();
  };
  try {
    const port = await freePort();
    const backendLog = join(outDir, 'backend.log');
    const url = `http://127.0.0.1:${port}/`;
    // Right after the CRDs are installed, discovery may briefly not list a kind and `--dev`
    // preparation fails; a fresh start then succeeds.
    for (let attempt = 1; ; attempt++) {
      const fd = openSync(backendLog, attempt === 1 ? 'w' : 'a');
      backend = spawn(
        process.execPath,
        ['--import', 'tsx', 'backend/main.ts', '--dev', '--http-port', String(port)],
        {
          env: { ...process.env, KUBECONFIG: cluster.kubeconfig, METALLB_LOG_LEVEL: 'info' },
          stdio: ['ignore', fd, fd],
        },
      );
      try {
        await waitForUI(url, backend, backendLog, 120_000);
        break;
      } catch (err) {
        if (attempt >= 3 || backend.exitCode === null) throw err;
      }
    }
    await waitForLists(url);
    const kubectl = (args: string[], stdin?: string) =>
      new Promise<string>((resolve, reject) => {
        const child = execFile(
          cluster.binaries.kubectl,
          ['--kubeconfig', cluster.kubeconfig, ...args],
          (err, stdout, stderr) =>
            err ? reject(new Error(`kubectl ${args.join(' ')}: ${stderr || err.message}`)) : resolve(stdout),
        );
        if (stdin !== undefined) child.stdin?.end(stdin);
      });
    return { url, cluster, backendLog, kubectl, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
