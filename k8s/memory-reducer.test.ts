import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, reductionDue, startMemoryReducer, type MemoryReducer } from './memory-reducer';

const MiB = 2 ** 20;

describe('reductionDue', () => {
  const state = { baselineRss: 100 * MiB, lastAt: 0 };

  it('waits while the RSS grew less than both the minimum and the ratio', () => {
    expect(reductionDue(state, 120 * MiB, 60_000)).toBe(false);
    // 32 MiB of growth is under 25% of a 200 MiB baseline.
    expect(reductionDue({ baselineRss: 200 * MiB, lastAt: 0 }, 240 * MiB, 60_000)).toBe(false);
  });

  it('asks for a reduction once the RSS grew past both', () => {
    expect(reductionDue(state, 140 * MiB, 60_000)).toBe(true);
  });

  it('never runs two reductions closer than the minimum interval', () => {
    expect(reductionDue(state, 400 * MiB, DEFAULT_POLICY.minIntervalMs - 1)).toBe(false);
    expect(reductionDue(state, 400 * MiB, DEFAULT_POLICY.minIntervalMs)).toBe(true);
  });
});

describe('startMemoryReducer', () => {
  let reducer: MemoryReducer | undefined;
  afterEach(() => reducer?.stop());

  it('gives back the pages a burst of garbage left resident', async () => {
    reducer = startMemoryReducer({ checkMs: 3_600_000 });
    expect(reducer).toBeDefined();
    // ~300 MB of short-lived objects, as the first list of 10,000 Services leaves behind.
    let burst: { s: string; a: number[] }[] | null = [];
    for (let i = 0; i < 2_500_000; i++) burst.push({ s: `x${i}`, a: [i, i + 1] });
    burst = null;
    const { before, after } = await reducer!.reduce();
    expect(before - after).toBeGreaterThan(150 * MiB);
  });
});
