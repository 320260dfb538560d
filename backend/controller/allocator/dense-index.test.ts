import { describe, expect, it } from 'vitest';
import { formatIP, formatIPv4Number } from '../../../api/ip-ranges';
import { AddressBlock } from './address-block';
import { DENSE_MAX, DenseIndex, TwoLevelBitmap } from './dense-index';

/** A tiny deterministic PRNG so failures reproduce. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function shuffle<T>(xs: T[], r: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

/**
 * The reference: a set of used offsets scanned upwards, from the lowest offset ever released (a
 * full scan from 0 each time would make the /16 tests quadratic).
 */
class Naive {
  private readonly set = new Set<number>();
  private from = 0;
  constructor(
    private readonly size: number,
    private readonly reserved: (o: number) => boolean = () => false,
  ) {}
  get used(): ReadonlySet<number> {
    return this.set;
  }
  add(o: number): void {
    this.set.add(o);
  }
  delete(o: number): void {
    this.set.delete(o);
    this.from = Math.min(this.from, o);
  }
  lowest(): number {
    while (this.from < this.size && (this.set.has(this.from) || this.reserved(this.from))) this.from++;
    return this.from < this.size ? this.from : -1;
  }
}

describe('TwoLevelBitmap', () => {
  // Sizes around the word (32) and summary (32 words = 1,024 offsets) boundaries.
  it.each([0, 1, 31, 32, 33, 1023, 1024, 1025, 2048 + 5, 32 * 1024 + 1])(
    'fills in order and finds cleared bits across word boundaries (size %i)',
    (size) => {
      const b = new TwoLevelBitmap(size);
      for (let o = 0; o < size; o++) {
        expect(b.lowestClear()).toBe(o);
        b.set(o);
      }
      expect(b.lowestClear()).toBe(-1);
      const edges = [...new Set([size - 1, 1024, 1023, 32, 31, 0])].filter((o) => o >= 0 && o < size);
      for (const o of edges) b.clear(o);
      for (const o of [...edges].sort((a, c) => a - c)) {
        expect(b.has(o)).toBe(false);
        expect(b.lowestClear()).toBe(o);
        b.set(o);
      }
      expect(b.lowestClear()).toBe(-1);
    },
  );

  it('rejects sizes it cannot hold', () => {
    expect(() => new TwoLevelBitmap(DENSE_MAX + 1)).toThrow(RangeError);
    expect(new TwoLevelBitmap(DENSE_MAX).lowestClear()).toBe(0);
  });
});

describe('DenseIndex', () => {
  it('counts uses, not reservations, and ignores releases of free offsets', () => {
    const d = new DenseIndex(64);
    d.reserve(0);
    expect(d.lowestFree()).toBe(1);
    d.take(1, 7);
    d.take(1, -3); // re-taking replaces the owner
    expect([d.count, d.get(1), d.get(2)]).toEqual([1, -3, 0]);
    expect(d.release(2)).toBe(false);
    expect(d.release(1)).toBe(true);
    expect([d.count, d.lowestFree()]).toEqual([0, 1]);
  });
});

describe('AddressBlock on a full /16', () => {
  it.each([false, true])(
    'fills, frees in random order and refills like the naive reference (avoidBuggy %s)',
    (avoidBuggy) => {
      const size = 65536;
      const first = 0x0a000000;
      const block = new AddressBlock(4, BigInt(first), size, avoidBuggy);
      const buggy = (o: number) => avoidBuggy && [0, 255].includes((first + o) & 255);
      const naive = new Naive(size, buggy);
      const fill = () => {
        const got: string[] = [];
        for (let o = naive.lowest(); o >= 0; o = naive.lowest()) {
          expect(block.lowestFree()).toBe(o);
          block.take(o, o + 1);
          naive.add(o);
          got.push(block.format(o));
          if (got.length % 4096 === 0) expect(block.count).toBe(naive.used.size);
        }
        expect(block.lowestFree()).toBe(-1);
        return got;
      };
      const firstFill = fill();
      expect(firstFill.length).toBe(avoidBuggy ? size - 512 : size);
      expect(firstFill.slice(0, 2)).toEqual(avoidBuggy ? ['10.0.0.1', '10.0.0.2'] : ['10.0.0.0', '10.0.0.1']);

      const r = rng(avoidBuggy ? 7 : 8);
      const freed = shuffle([...naive.used], r).slice(0, 20000);
      for (const o of freed) {
        block.release(o);
        naive.delete(o);
        if (r() < 0.01) expect(block.lowestFree()).toBe(naive.lowest());
      }
      const refill = fill();
      expect(refill).toEqual([...freed].sort((a, b) => a - b).map((o) => formatIPv4Number(first + o)));
      expect(block.count).toBe(firstFill.length);
    },
  );

  it('keeps a buggy IP unavailable after a mirrored use of it is released', () => {
    const block = new AddressBlock(4, 0x0a000000n, 512, true);
    block.take(0, 9); // 10.0.0.0, taken on behalf of an overlapping pool
    expect(block.count).toBe(1);
    block.release(0);
    expect([block.count, block.lowestFree()]).toEqual([0, 1]);
  });
});

describe('AddressBlock beyond the bitmap', () => {
  it('allocates, frees and refills a 2^52 IPv6 block like the naive reference', () => {
    const first = 0xfd01_0000_0000_0000_0000_0000_0000_0000n;
    const block = new AddressBlock(6, first, 2 ** 52, false);
    const naive = new Naive(5000);
    const r = rng(3);
    for (let i = 0; i < 6000; i++) {
      if (r() < 0.7 || naive.used.size === 0) {
        const o = naive.lowest();
        expect(block.lowestFree()).toBe(o);
        block.take(o, o + 1);
        naive.add(o);
        expect(block.format(o)).toBe(formatIP(6, first + BigInt(o)));
      } else {
        const all = [...naive.used];
        const o = all[Math.floor(r() * all.length)]!;
        block.release(o);
        naive.delete(o);
      }
    }
    expect(block.count).toBe(naive.used.size);
    // Explicit IPs far into the block work without memory per free address.
    block.take(2 ** 51, -1);
    expect([block.get(2 ** 51), block.format(2 ** 51)]).toEqual([-1, formatIP(6, first + 2n ** 51n)]);
  });

  it('skips buggy IPs in an IPv4 range too big for the bitmap', () => {
    const block = new AddressBlock(4, 0n, DENSE_MAX * 2, true);
    expect(block.lowestFree()).toBe(1);
    block.take(0, 9);
    block.release(0);
    block.take(1, 1);
    expect(block.lowestFree()).toBe(2);
    block.release(1);
    expect(block.lowestFree()).toBe(1);
  });
});

describe('AddressBlock.format', () => {
  it('matches formatIP across group and octet boundaries, in order and out of order', () => {
    const v6first = 0xfd00_0000_0000_0000_0000_0000_0000_fff0n;
    const v6 = new AddressBlock(6, v6first, 2 ** 40, false);
    const v4 = new AddressBlock(4, 0xc0a8fff0n, 2 ** 12, false);
    const r = rng(5);
    const offsets = [
      ...Array.from({ length: 600 }, (_, i) => i),
      ...Array.from({ length: 300 }, () => Math.floor(r() * 4096)),
      65535,
      65536,
      65551,
      65552,
      2 ** 32 - 16,
      2 ** 32,
    ];
    for (const o of offsets) {
      expect(v6.format(o)).toBe(formatIP(6, v6first + BigInt(o)));
      if (o < 4096) expect(v4.format(o)).toBe(formatIP(4, 0xc0a8fff0n + BigInt(o)));
    }
  });
});
