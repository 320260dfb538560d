import { describe, expect, it } from 'vitest';
import { SparseIndex } from './sparse-index';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const WINDOW_MAX = 4096; // small, so the test reaches the region past the dense window

describe('SparseIndex', () => {
  it.each([
    [1, false],
    [2, false],
    [3, true],
    [4, true],
  ])(
    'matches a naive lowest-free model, explicit offsets far ahead included, past the dense window (seed %i, reserved %s)',
    (seed, withReserved) => {
      const reserved = withReserved ? (o: number) => o % 7 === 3 : undefined;
      const index = new SparseIndex(2 ** 52, reserved, WINDOW_MAX);
      const used = new Map<number, number>();
      let from = 0; // lowest offset that may be free
      let highest = 0; // highest offset lowestFree gave
      const naiveLowest = () => {
        while (used.has(from) || reserved?.(from)) from++;
        return from;
      };
      const r = rng(seed);
      for (let i = 0; i < 20000; i++) {
        const op = r();
        if (op < 0.55) {
          const o = index.lowestFree();
          expect(o).toBe(naiveLowest());
          highest = Math.max(highest, o);
          index.take(o, i + 1);
          used.set(o, i + 1);
        } else if (op < 0.7) {
          // Explicit: near the allocated run, far ahead (beyond the window), or re-taking a used one.
          const o = r() < 0.7 ? Math.floor(r() * (used.size + 64)) : Math.floor(r() * 3 * WINDOW_MAX);
          if (reserved?.(o)) continue;
          index.take(o, i + 1);
          used.set(o, i + 1);
        } else if (used.size > 0) {
          const all = [...used.keys()];
          const o = all[Math.floor(r() * all.length)]!;
          expect(index.release(o)).toBe(true);
          used.delete(o);
          from = Math.min(from, o);
        }
        if (i % 500 === 0) expect(index.count).toBe(used.size);
      }
      expect(highest).toBeGreaterThan(WINDOW_MAX); // allocation went on past the dense window
      expect(index.count).toBe(used.size);
      for (const [o, ref] of used) expect(index.get(o)).toBe(ref);
      expect(index.release(2 ** 40)).toBe(false);
      expect(index.lowestFree()).toBe(naiveLowest());
    },
  );

  it('keeps a reserved offset out after a mirrored use of it is released', () => {
    const index = new SparseIndex(2 ** 40, (o) => o === 0 || o === 5000);
    expect(index.lowestFree()).toBe(1);
    index.take(0, 9);
    index.take(5000, 9); // beyond the first window
    expect(index.release(0)).toBe(true);
    expect(index.lowestFree()).toBe(1);
    for (let o = 1; o < 5000; o++) index.take(o, 1);
    expect(index.release(5000)).toBe(true);
    expect(index.lowestFree()).toBe(5001);
  });
});
