import { describe, expect, it } from 'vitest';
import { eachLimited } from './each-limited';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('eachLimited', () => {
  it('runs every item with at most `limit` in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const done: number[] = [];
    await eachLimited([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      most = Math.max(most, ++inFlight);
      await tick();
      inFlight--;
      done.push(n);
    });
    expect(most).toBe(3);
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('stops taking items after a failure and rejects with it', async () => {
    const started: number[] = [];
    const run = eachLimited([1, 2, 3, 4, 5], 1, async (n) => {
      started.push(n);
      if (n === 2) throw new Error('boom');
    });
    await expect(run).rejects.toThrow('boom');
    expect(started).toEqual([1, 2]);
  });
});
