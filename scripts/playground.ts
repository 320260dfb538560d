// `npm start`: the whole product on an embedded default. Starts a local control plane (etcd,
// kube-apiserver, controller-manager, scheduler, kwok with simulated nodes), then the backend in
// dev mode against it (CRDs, namespace, webhooks), and prints how to reach the UI.
//   npm start                 foreground; Ctrl-C stops everything
//   npm start -- --detach     leaves it running; state in .playground/state.json
//   npm stop                  stops a detached playground
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  startControlPlane,
  stopControlPlaneFromState,
  type ControlPlaneState,
} from '../integration-tests/cluster/control-plane';
import { ensureUIBuilt } from '../frontend/build/ensure-built';
import { freePort } from '../integration-tests/cluster/ports';
import { isAlive, stopProcess } from '../integration-tests/cluster/processes';

const DIR = '.playground';
const STATE = join(DIR, 'state.json');

interface PlaygroundState {
  ui: string;
  kubeconfig: string;
  backendPid: number;
  backendLog: string;
  cluster: ControlPlaneState;
}

const { values } = parseArgs({
  options: {
    detach: { type: 'boolean', default: false },
    stop: { type: 'boolean', default: false },
    nodes: { type: 'string', default: '3' },
    port: { type: 'string', default: process.env.PORT ?? '8080' },
  },
});

async function stopPlayground(): Promise<void> {
  if (!existsSync(STATE)) {
    console.error('no playground is running');
    return;
  }
  const state = JSON.parse(readFileSync(STATE, 'utf8')) as PlaygroundState;
  await stopProcess(state.backendPid, 5000);
  await stopControlPlaneFromState(state.cluster);
  rmSync(DIR, { recursive: true, force: true });
  console.error('playground stopped');
}

async function portOrFree(preferred: number): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => void freePort().then(resolve));
    srv.listen(preferred, '127.0.0.1', () => srv.close(() => resolve(preferred)));
  });
}

async function startPlayground(): Promise<void> {
  if (existsSync(STATE)) {
    const old = JSON.parse(readFileSync(STATE, 'utf8')) as PlaygroundState;
    if (isAlive(old.backendPid)) {
      console.log(
        `a playground is already running: UI ${old.ui}  KUBECONFIG=${old.kubeconfig}  (npm stop ends it)`,
      );
      return;
    }
    await stopPlayground();
  }
  mkdirSync(DIR, { recursive: true });
  // A fresh clone has no UI build yet: the URL printed below must serve the UI.
  const built = await ensureUIBuilt();
  if (built) console.log(`built the UI (plugin ${built.pluginMs} ms, standalone ${built.standaloneMs} ms)`);
  const cluster = await startControlPlane({ nodes: Number(values.nodes), detached: values.detach });
  const port = await portOrFree(Number(values.port));
  const backendLog = join(DIR, 'backend.log');
  const out = openSync(backendLog, 'a');
  const backend = spawn(
    process.execPath,
    ['--import', 'tsx', 'backend/main.ts', '--dev', '--http-port', String(port)],
    {
      env: { ...process.env, KUBECONFIG: cluster.kubeconfig },
      stdio: ['ignore', 'pipe', out],
      detached: values.detach,
    },
  );
  const cleanup = async () => {
    if (backend.pid) await stopProcess(backend.pid, 5000);
    await cluster.stop();
    rmSync(DIR, { recursive: true, force: true });
  };
  // The backend prints UI=<url> once it serves; everything else it logs goes to the log file.
  const ui = await new Promise<string>((resolve, reject) => {
    let buf = '';
    backend.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const m = /^UI=(\S+)$/m.exec(buf);
      if (m) resolve(m[1]!);
    });
    backend.once('exit', (code) => reject(new Error(`the backend exited (code ${code}); see ${backendLog}`)));
  }).catch(async (err: Error) => {
    await cleanup();
    throw err;
  });

  const state: PlaygroundState = {
    ui,
    kubeconfig: cluster.kubeconfig,
    backendPid: backend.pid!,
    backendLog,
    cluster,
  };
  writeFileSync(
    STATE,
    JSON.stringify({ ...state, cluster: { ...cluster, binaries: undefined, certs: undefined } }, null, 2),
  );
  console.log(`MetalLB playground is up (${cluster.nodes} simulated nodes).`);
  console.log(`  UI:          ${ui}`);
  console.log(
    `  kubectl:     KUBECONFIG=${cluster.kubeconfig} ${cluster.binaries.kubectl} get ipaddresspools -A`,
  );
  console.log(`  backend log: ${backendLog}`);
  if (values.detach) {
    backend.stdout!.destroy();
    backend.unref();
    console.log('Detached; `npm stop` ends it.');
    console.log(`KUBECONFIG=${cluster.kubeconfig}`);
    return;
  }
  console.log('Press Ctrl-C to stop.');
  console.log(`KUBECONFIG=${cluster.kubeconfig}`);
  backend.stdout!.resume();
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
    backend.once('exit', resolve);
  });
  console.log('stopping…');
  await cleanup();
}

try {
  if (values.stop) await stopPlayground();
  else await startPlayground();
  process.exit(0);
} catch (err) {
  console.error(`playground: ${(err as Error).message}`);
  process.exit(1);
}
