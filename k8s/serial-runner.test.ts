import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SerialRunner, type RunOutcome } from './serial-runner';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function runner(job: () => Promise<RunOutcome | void>, onError = vi.fn()) {
  return { r: new SerialRunner(job, { debounceMs: 50, backoffMs: [500, 4000], onError }), onError };
}

describe('SerialRunner', () => {
  it('folds kicks within the debounce window into one run', async () => {
    const job = vi.fn(async () => undefined);
    const { r } = runner(job);
    r.kick();
    r.kick();
    await vi.advanceTimersByTimeAsync(30);
    r.kick();
    await vi.advanceTimersByTimeAsync(100);
    expect(job).toHaveBeenCalledTimes(1);
  });

  it('runs one job at a time and once more for kicks during a run', async () => {
    let active = 0;
    let maxActive = 0;
    const job = vi.fn(async () => {
      active++;
      maxActive = Math.max(maxActive, active);
      await new Promise((res) => setTimeout(res, 200));
      active--;
    });
    const { r } = runner(job);
    r.kick(0);
    await vi.advanceTimersByTimeAsync(10);
    r.kick(0);
    r.kick(0);
    await vi.advanceTimersByTimeAsync(100);
    r.kick(0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(job).toHaveBeenCalledTimes(2);
    expect(maxActive).toBe(1);
  });

  it('retries a failing job with doubling backoff up to the maximum, and resets after a success', async () => {
    let failing = 5;
    const times: number[] = [];
    const job = vi.fn(async () => {
      times.push(Date.now());
      if (failing-- > 0) throw new Error('refused');
    });
    const { r, onError } = runner(job);
    const start = Date.now();
    r.kick(0);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(job).toHaveBeenCalledTimes(6);
    expect(times.map((t) => t - start)).toEqual([0, 500, 1500, 3500, 7500, 11500]);
    expect(onError.mock.calls.map((c) => [c[1], c[2]])).toEqual([
      [1, 500],
      [2, 1000],
      [3, 2000],
      [4, 4000],
      [5, 4000],
    ]);
    expect(r.consecutiveFailures).toBe(0);
  });

  it('a kick during backoff runs after the debounce (something changed)', async () => {
    const job = vi.fn(async () => {
      throw new Error('refused');
    });
    const { r } = runner(job);
    r.kick(0);
    await vi.advanceTimersByTimeAsync(10);
    expect(job).toHaveBeenCalledTimes(1);
    r.kick();
    await vi.advanceTimersByTimeAsync(60);
    expect(job).toHaveBeenCalledTimes(2);
  });

  it('requeues after the delay the job asks for', async () => {
    const job = vi.fn(async () => ({ requeueAfterMs: 1000 }));
    const { r } = runner(job);
    r.kick(0);
    await vi.advanceTimersByTimeAsync(2500);
    expect(job).toHaveBeenCalledTimes(3);
    await r.stop();
  });

  it('survives an error handler that throws', async () => {
    const job = vi.fn(async () => {
      throw new Error('refused');
    });
    const { r } = runner(
      job,
      vi.fn(() => {
        throw new Error('logger broken');
      }),
    );
    r.kick(0);
    await vi.advanceTimersByTimeAsync(600);
    expect(job).toHaveBeenCalledTimes(2);
    await r.stop();
  });

  it('stop waits for the running job and prevents further runs', async () => {
    let finished = false;
    const job = vi.fn(async () => {
      await new Promise((res) => setTimeout(res, 100));
      finished = true;
      return { requeueAfterMs: 10 };
    });
    const { r } = runner(job);
    r.kick(0);
    await vi.advanceTimersByTimeAsync(1);
    const stopped = r.stop();
    r.kick(0);
    await vi.advanceTimersByTimeAsync(200);
    await stopped;
    expect(finished).toBe(true);
    await vi.advanceTimersByTimeAsync(1000);
    expect(job).toHaveBeenCalledTimes(1);
  });
});
