// `npm run cluster:up` / `cluster:down` as a user runs them: a background control plane whose
// last printed line is KUBECONFIG=<path>, and nothing left behind after down.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { ControlPlaneState } from './control-plane';
import { isAlive } from './processes';

const run = promisify(execFile);
const cli = (args: string[], dir: string) =>
  run(process.execPath, ['--import', 'tsx', 'integration-tests/cluster/cli.ts', ...args], {
    env: { ...process.env, METALLB_TS_CLUSTER_DIR: dir },
  });

describe('cluster:up and cluster:down', () => {
  it('start a background control plane with fake nodes and remove every process and file', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'metallb-ts-cli-'));
    onTestFinished(() => rmSync(parent, { recursive: true, force: true }));
    const dir = join(parent, 'cluster');
    const up = await cli(['up', '--nodes', '2'], dir);
    const last = up.stdout.trim().split('\n').pop()!;
    expect(last).toBe(`KUBECONFIG=${join(dir, 'kubeconfig')}`);
    const state = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as ControlPlaneState;
    expect(state.processes.map((p) => p.name)).toEqual([
      'etcd',
      'kube-apiserver',
      'kube-controller-manager',
      'kube-scheduler',
      'kwok',
    ]);
    // The processes outlive the command that started them.
    expect(state.processes.every((p) => isAlive(p.pid))).toBe(true);

    // A second `up` reports the running one instead of starting another.
    const again = await cli(['up'], dir);
    expect(again.stdout.trim().split('\n').pop()).toBe(last);

    await cli(['down'], dir);
    expect(state.processes.some((p) => isAlive(p.pid))).toBe(false);
    expect(existsSync(dir)).toBe(false);
  });
});
