// Shared by the benchmarks that run our programs as users run them: the production bundles
// (dist-server/backend.js, dist-server/speaker.js, built by `npm run build -- --server`) under the
// pinned Node, each in a process of its own, measured from /proc (RSS now and peak, CPU seconds).
// Every child started here is killed when this process exits, even on failure.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, openSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..');
const CLK_TCK = 100;

/** The project's pinned Node (node_modules/node), or this one when it is missing. */
export const PINNED_NODE = existsSync(join(ROOT, 'node_modules', 'node', 'bin', 'node'))
  ? join(ROOT, 'node_modules', 'node', 'bin', 'node')
  : process.execPath;

/** `npm run build -- --server` (skipped with BENCH_SKIP_BUILD=1, e.g. right after a build). */
export function ensureServerBundle(): void {
  if (process.env.BENCH_SKIP_BUILD === '1' && existsSync(join(ROOT, 'dist-server', 'backend.js'))) return;
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'scripts/build.ts', '--server'],
    {
      cwd: ROOT,
      // Its progress to stderr: stdout carries the benchmark's JSON.
      stdio: ['ignore', 2, 'inherit'],
    },
  );
}

const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

/** Starts `cmd` with stdout and stderr into `logFile`; killed with this process at the latest. */
export function spawnLogged(
  cmd: string,
  args: string[],
  env: Record<string, string>,
  logFile: string,
): ChildProcess {
  const fd = openSync(logFile, 'w');
  const child = spawn(cmd, args, {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', fd, fd],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** The NODE_OPTIONS the bundle's image sets (containers/<bundle>.Containerfile), or ''. */
export function imageNodeOptions(bundle: 'backend' | 'speaker'): string {
  const file = readFileSync(join(ROOT, 'containers', `${bundle}.Containerfile`), 'utf8');
  return /^ENV NODE_OPTIONS="([^"]*)"/m.exec(file)?.[1] ?? '';
}

/**
 * A production bundle (`backend` or `speaker`) under the pinned Node, with the NODE_OPTIONS of its
 * image (BENCH_NODE_OPTIONS replaces them, for experiments).
 */
export function spawnBundle(
  bundle: 'backend' | 'speaker',
  args: string[],
  env: Record<string, string>,
  logFile: string,
  wrapper: string[] = [],
): ChildProcess {
  const argv = [...wrapper, PINNED_NODE, join(ROOT, 'dist-server', `${bundle}.js`), ...args];
  const nodeOptions = process.env.BENCH_NODE_OPTIONS ?? imageNodeOptions(bundle);
  return spawnLogged(
    argv[0]!,
    argv.slice(1),
    { ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}), ...env },
    logFile,
  );
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
export async function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), graceMs).unref();
  });
}

export interface Usage {
  rssMB: number;
  peakMB: number;
  /** VmRSS split: anonymous memory (heaps, malloc) and file-backed pages (the node binary's code). */
  anonMB: number;
  fileMB: number;
  cpuSeconds: number;
}

/** Resident set (VmRSS, peak VmHWM) in MB and CPU seconds (utime + stime) of a live process. */
export function usage(pid: number): Usage {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return {
    rssMB: kb('VmRSS') / 1024,
    peakMB: kb('VmHWM') / 1024,
    anonMB: kb('RssAnon') / 1024,
    fileMB: kb('RssFile') / 1024,
    cpuSeconds: cpuSeconds(pid),
  };
}

export function cpuSeconds(pid: number): number {
  // Fields after the command name (which may hold spaces): utime is the 14th field, stime the 15th.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(rest[11]) + Number(rest[12])) / CLK_TCK;
}

/** The 1-minute load average, rounded: every measurement records it at its start and end. */
export function load1(): number {
  return Number(loadavg()[0]!.toFixed(2));
}

export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function median(xs: readonly number[]): number | null {
  return percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `check` every `everyMs` until true; false after `timeoutMs`. */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, everyMs = 100) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await sleep(everyMs);
  }
  return false;
}

/**
 * Waits until `pid` has used less than `maxCpuMs` of CPU in each of `windowMs` (sampled every
 * 100 ms); returns the time the quiet window began (performance.now()), or null at `timeoutMs`.
 */
export async function quietSince(
  pid: number,
  timeoutMs: number,
  windowMs = 1000,
  maxCpuMs = 20,
): Promise<number | null> {
  const samples: { t: number; cpu: number }[] = [];
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    samples.push({ t: performance.now(), cpu: cpuSeconds(pid) });
    const last = samples.at(-1)!;
    // The latest sample at least a window back: the window is never shorter than windowMs.
    const first = samples.findLast((s) => s.t <= last.t - windowMs);
    if (first && (last.cpu - first.cpu) * 1000 <= maxCpuMs) return first.t;
    await sleep(100);
  }
  return null;
}

/**
 * On SIGINT or SIGTERM runs `cleanup` (stop the control plane, remove temp dirs) and exits; the
 * children started here die with the process. Returns the function that removes the handlers.
 */
export function onInterrupt(cleanup: () => Promise<void>): () => void {
  const handler = (signal: NodeJS.Signals) => {
    void cleanup()
      .catch(() => undefined)
      .finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
