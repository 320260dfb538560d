// `npm run cluster:up [-- --nodes N]` / `npm run cluster:down`: one local control plane in the
// background, its state in a fixed temp dir so `down` finds what `up` started.
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startControlPlane, stopControlPlaneFromState, type ControlPlaneState } from './control-plane';
import { isAlive } from './processes';

const DIR = process.env.METALLB_TS_CLUSTER_DIR ?? join(tmpdir(), 'metallb-ts-cluster');
const STATE = join(DIR, 'state.json');

async function readState(): Promise<ControlPlaneState | undefined> {
  if (!existsSync(STATE)) return undefined;
  return JSON.parse(await readFile(STATE, 'utf8')) as ControlPlaneState;
}

async function up(nodes: number): Promise<void> {
  const state = await readState();
  if (state && state.processes.every((p) => isAlive(p.pid))) {
    console.error(
      `a control plane is already running (${state.server}, ${state.nodes} nodes); cluster:down stops it`,
    );
    console.log(`KUBECONFIG=${state.kubeconfig}`);
    return;
  }
  if (state) await stopControlPlaneFromState(state);
  await rm(DIR, { recursive: true, force: true });
  const cp = await startControlPlane({ nodes, dir: DIR, detached: true });
  console.log(`KUBECONFIG=${cp.kubeconfig}`);
}

async function down(): Promise<void> {
  const state = await readState();
  if (!state) {
    console.error('no control plane is running');
    await rm(DIR, { recursive: true, force: true });
    return;
  }
  await stopControlPlaneFromState(state);
  console.error(`stopped the control plane at ${state.server} and removed ${state.dir}`);
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { nodes: { type: 'string', default: '0' } },
});
const cmd = positionals[0];
try {
  if (cmd === 'up') await up(Number(values.nodes));
  else if (cmd === 'down') await down();
  else throw new Error(`usage: cli.ts up [--nodes N] | down`);
  process.exit(0);
} catch (err) {
  console.error(`cluster ${cmd ?? ''}: ${(err as Error).message}`);
  process.exit(1);
}
