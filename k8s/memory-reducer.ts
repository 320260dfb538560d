// Gives memory back after a burst (the first full list of 10,000 Services, thousands of status
// writes). V8 keeps the pages its heap freed in a pool and empties it only in memory-reducing
// collections; its own memory reducer starts one only while the process allocates under ~1 MB/s,
// which a busy speaker or controller never does. Measured at 10,000 Services: 260 MB pooled in a
// speaker whose heap held 61 MB. So both programs check their RSS every few seconds and, when it
// has grown well past what it was after the last reduction, ask V8 for one through the in-process
// inspector (HeapProfiler.collectGarbage: a compacting collection with memory reduction, the one V8
// runs on a low-memory notification). No port is opened; the pause is that of a full collection.
import { Session } from 'node:inspector';
import { sharedCounter } from './metrics';
import type { Logger } from './log';

export interface ReductionPolicy {
  /** RSS growth since the last reduction below which nothing is done. */
  minGrowthBytes: number;
  /** ... and below this fraction of the RSS after the last reduction. */
  minGrowthRatio: number;
  /** Time between reductions at least (bounds the pauses under steady churn). */
  minIntervalMs: number;
}

export const DEFAULT_POLICY: ReductionPolicy = {
  minGrowthBytes: 32 * 2 ** 20,
  minGrowthRatio: 0.25,
  minIntervalMs: 30_000,
};

export interface ReducerState {
  /** RSS right after the last reduction (or at start). */
  baselineRss: number;
  /** When the last reduction ended (-Infinity before the first: it need not wait). */
  lastAt: number;
}

/** Whether a memory-reducing collection is worth its pause now. Pure. */
export function reductionDue(
  state: ReducerState,
  rss: number,
  now: number,
  policy = DEFAULT_POLICY,
): boolean {
  if (now - state.lastAt < policy.minIntervalMs) return false;
  const growth = rss - state.baselineRss;
  return growth >= policy.minGrowthBytes && growth >= state.baselineRss * policy.minGrowthRatio;
}

export interface MemoryReducer {
  /** Runs a reduction now; resolves with the RSS before and after. */
  reduce(): Promise<{ before: number; after: number; ms: number }>;
  stop(): void;
}

export interface MemoryReducerOptions {
  /** How often the RSS is read (default 5 s). */
  checkMs?: number;
  policy?: ReductionPolicy;
  log?: Logger;
}

/** Starts the periodic check; undefined when this Node has no inspector (built without it). */
export function startMemoryReducer(opts: MemoryReducerOptions = {}): MemoryReducer | undefined {
  const policy = opts.policy ?? DEFAULT_POLICY;
  const session = new Session();
  try {
    session.connect();
  } catch (err) {
    opts.log?.warn({ err: (err as Error).message }, 'no inspector: freed heap memory stays with the process');
    return undefined;
  }
  const reductions = sharedCounter(
    'metallb_memory_reductions_total',
    'Memory-reducing garbage collections run because the resident memory had grown after a burst of work.',
  );
  const pauseSeconds = sharedCounter(
    'metallb_memory_reduction_seconds_total',
    'Time spent in memory-reducing garbage collections.',
  );
  // The first reduction may come at the first check: the burst after start (the first lists) is
  // the largest a process sees.
  const state: ReducerState = { baselineRss: process.memoryUsage.rss(), lastAt: -Infinity };
  let busy = false;

  const reduce = async () => {
    busy = true;
    const before = process.memoryUsage.rss();
    const t0 = performance.now();
    try {
      await new Promise<void>((resolve, reject) =>
        session.post('HeapProfiler.collectGarbage', (err) => (err ? reject(err) : resolve())),
      );
    } finally {
      busy = false;
    }
    const ms = performance.now() - t0;
    const after = process.memoryUsage.rss();
    state.baselineRss = after;
    state.lastAt = performance.now();
    reductions.inc();
    pauseSeconds.inc(ms / 1000);
    const { heapUsed, heapTotal, external } = process.memoryUsage();
    opts.log?.debug(
      { rssBefore: before, rssAfter: after, heapUsed, heapTotal, external, ms: Math.round(ms) },
      'memory reduced',
    );
    return { before, after, ms };
  };

  const timer = setInterval(() => {
    const rss = process.memoryUsage.rss();
    // Growth counts from the lowest RSS since the last reduction.
    state.baselineRss = Math.min(state.baselineRss, rss);
    if (busy || !reductionDue(state, rss, performance.now(), policy)) return;
    reduce().catch((err: Error) => opts.log?.warn({ err: err.message }, 'memory reduction failed'));
  }, opts.checkMs ?? 5_000);
  timer.unref();

  return {
    reduce,
    stop() {
      clearInterval(timer);
      session.disconnect();
    },
  };
}
