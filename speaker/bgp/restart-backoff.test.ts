import { afterEach, describe, expect, it, vi } from 'vitest';
import { BACKOFF_INITIAL_MS, BACKOFF_MAX_MS, RestartBackoff } from './restart-backoff';

afterEach(() => {
  vi.useRealTimers();
});

describe('RestartBackoff', () => {
  it('doubles from the initial delay up to the cap', () => {
    const b = new RestartBackoff({ initialMs: 10, maxMs: 50 });
    expect([1, 2, 3, 4, 5].map(() => b.nextDelay())).toEqual([10, 20, 40, 50, 50]);
    b.reset();
    expect(b.nextDelay()).toBe(10);
  });

  it('defaults to 1 s up to 2 min, and survives very many attempts', () => {
    const b = new RestartBackoff();
    expect(b.nextDelay()).toBe(BACKOFF_INITIAL_MS);
    for (let i = 0; i < 100; i++) b.nextDelay();
    expect(b.nextDelay()).toBe(BACKOFF_MAX_MS);
  });

  it('starts over only after a session that stayed up long enough', () => {
    const b = new RestartBackoff({ initialMs: 10, stableMs: 1_000 });
    b.nextDelay();
    b.nextDelay();
    b.sessionEnded(999);
    expect(b.nextDelay()).toBe(40);
    b.sessionEnded(1_000);
    expect(b.nextDelay()).toBe(10);
  });

  it('runs the restart after the delay unless cancelled', () => {
    vi.useFakeTimers();
    const b = new RestartBackoff();
    const restart = vi.fn();
    b.after(100, restart);
    vi.advanceTimersByTime(99);
    expect(restart).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(restart).toHaveBeenCalledOnce();
    b.after(100, restart);
    b.cancel();
    vi.advanceTimersByTime(1_000);
    expect(restart).toHaveBeenCalledOnce();
  });
});
