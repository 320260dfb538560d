// What the native addon's dataplane suites share: the skip rule (they need arping and ndisc6 as
// well as root), and small waits.
import { execFileSync, type ChildProcess } from 'node:child_process';
import { readlinkSync } from 'node:fs';
import { dataplaneSkipReason, type Testbed } from './netns';

const SUITE = 'Native addon dataplane tests';

export function skipReason(): string | undefined {
  const reason = dataplaneSkipReason(SUITE); // throws under .ci/run
  if (reason) return reason;
  const has = (tool: string) => {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  const missing = ['arping', 'ndisc6'].filter((t) => !has(t));
  if (missing.length === 0) return undefined;
  const why = `${missing.join(' and ')} missing (bash scripts/system-deps.sh installs them)`;
  if (process.env.METALLB_CI) throw new Error(`${SUITE} cannot run: ${why} (required under .ci/run)`);
  console.warn(`${SUITE} skipped: ${why}`);
  return why;
}

/** Runs a command in a namespace without blocking the event loop (frames must keep flowing). */
export function run(
  tb: Testbed,
  ns: string,
  cmd: string,
  args: string[],
): Promise<{ code: number | null; out: string }> {
  const child: ChildProcess = tb.spawn(ns, cmd, args);
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out })));
}

export async function until<T>(what: string, f: () => T | undefined | false, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const v = f();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export const ownNetns = () => readlinkSync('/proc/thread-self/ns/net');
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
