import { describe, expect, it } from 'vitest';
import { AddressBlock } from './address-block';
import { MinHeap } from './min-heap';

/** A tiny deterministic PRNG so failures reproduce. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('MinHeap', () => {
  it('pops in ascending order', () => {
    const h = new MinHeap();
    const r = rng(1);
    const xs = Array.from({ length: 500 }, () => Math.floor(r() * 100));
    xs.forEach((x) => h.push(x));
    const out: number[] = [];
    while (h.size) out.push(h.pop()!);
    expect(out).toEqual([...xs].sort((a, b) => a - b));
    expect(h.pop()).toBeUndefined();
  });
});

describe('AddressBlock', () => {
  it('formats IPv4 and IPv6 offsets', () => {
    expect(new AddressBlock(4, 0x0a000000n, 256, false).format(255)).toBe('10.0.0.255');
    const v6 = new AddressBlock(6, 0xfd00_0000_0000_0000_0000_0000_0000_fff0n, 2 ** 20, false);
    expect(v6.format(0)).toBe('fd00::fff0');
    expect(v6.format(0x10)).toBe('fd00::1:0'); // carry into the next group
    expect(v6.format(0xf_0010)).toBe('fd00::10:0');
    expect(v6.value(0x10)).toBe(0xfd00_0000_0000_0000_0000_0000_0001_0000n);
  });

  it('skips .0 and .255 only when avoiding buggy IPs', () => {
    const b = new AddressBlock(4, 0x0a0000ffn, 3, true); // 10.0.0.255, 10.0.1.0, 10.0.1.1
    expect(b.lowestFree()).toBe(2);
    expect(new AddressBlock(4, 0x0a0000ffn, 3, false).lowestFree()).toBe(0);
    const onlyBuggy = new AddressBlock(4, 0x0a0000ffn, 2, true);
    expect(onlyBuggy.lowestFree()).toBe(-1);
  });

  it.each([
    [false, 1],
    [true, 2],
    [false, 3],
    [true, 4],
  ])('matches a naive model under random operations (avoidBuggy %s, seed %i)', (avoidBuggy, seed) => {
    const size = 600;
    const first = 0x0a0000f0n; // crosses two .255/.0 boundaries
    const block = new AddressBlock(4, first, size, avoidBuggy);
    const used = new Set<number>();
    const buggy = (o: number) => avoidBuggy && [0, 255].includes((Number(first) + o) % 256);
    const naiveLowest = () => {
      for (let o = 0; o < size; o++) if (!used.has(o) && !buggy(o)) return o;
      return -1;
    };
    const r = rng(seed);
    for (let i = 0; i < 5000; i++) {
      const op = r();
      if (op < 0.45) {
        const o = block.lowestFree();
        expect(o).toBe(naiveLowest());
        if (o >= 0) {
          block.take(o, 1);
          used.add(o);
        }
      } else if (op < 0.6) {
        const o = Math.floor(r() * size);
        if (!used.has(o) && !buggy(o)) {
          block.take(o, 2);
          used.add(o);
        }
      } else if (used.size > 0) {
        const all = [...used];
        const o = all[Math.floor(r() * all.length)]!;
        block.release(o);
        used.delete(o);
      }
      expect(block.count).toBe(used.size);
    }
    expect(block.lowestFree()).toBe(naiveLowest());
  });
});
