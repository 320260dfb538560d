import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Debouncer } from './debounce';

describe('Debouncer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('calls once, delay after the last trigger', () => {
    const fn = vi.fn();
    const d = new Debouncer(fn, 100);
    d.trigger();
    vi.advanceTimersByTime(60);
    d.trigger();
    vi.advanceTimersByTime(60);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(40);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(d.pending).toBe(false);
  });

  it('fires by maxWait under steady churn', () => {
    const fn = vi.fn();
    const d = new Debouncer(fn, 100, 250);
    for (let t = 0; t < 260; t += 50) {
      d.trigger();
      vi.advanceTimersByTime(50);
    }
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('flush runs a pending call now; cancel drops it', () => {
    const fn = vi.fn();
    const d = new Debouncer(fn, 100);
    d.flush();
    expect(fn).not.toHaveBeenCalled();
    d.trigger();
    d.flush();
    expect(fn).toHaveBeenCalledTimes(1);
    d.trigger();
    d.cancel();
    vi.advanceTimersByTime(500);
    expect(fn).toHaveBeenCalledTimes(1);
  });
});
