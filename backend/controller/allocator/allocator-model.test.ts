// The allocator against naive models: lowest-free order checked address by address, and explicit
// IPs far into a /64 (beyond the span's first block).
import { describe, expect, it } from 'vitest';
import { formatIP, parseAddressEntry, type IPFamily } from '../../../api/ip-ranges';
import { Allocator } from './allocator';
import { poolsFromConfig } from './pools-from-config';
import { pool, svc } from './scenario-runner';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Every allocatable address of the entries, in address order (avoidBuggy: IPv4 .0 and .255 skipped). */
function addresses(entries: string[], family: IPFamily, avoidBuggy: boolean): string[] {
  const ranges = entries.map(parseAddressEntry).filter((r) => r.family === family);
  ranges.sort((a, b) => (a.first < b.first ? -1 : 1));
  const out: string[] = [];
  for (const r of ranges) {
    for (let v = r.first; v <= r.last; v++) {
      if (avoidBuggy && family === 4 && (v % 256n === 0n || v % 256n === 255n)) continue;
      out.push(formatIP(family, v));
    }
  }
  return out;
}

describe('allocator against a naive lowest-free model', () => {
  const entriesA = ['10.0.3.0/29', '10.0.0.250-10.0.1.5', 'fd00::fffc-fd00::1:3'];
  const entriesB = ['10.0.9.0/28'];
  // Fallback pools are tried by name: a, then b.
  const model = [
    { name: 'a', v4: addresses(entriesA, 4, true), v6: addresses(entriesA, 6, true) },
    { name: 'b', v4: addresses(entriesB, 4, false), v6: [] as string[] },
  ];

  it.each([1, 2, 3, 4])('random allocate/release sequences give the same addresses (seed %i)', (seed) => {
    const { pools } = poolsFromConfig(
      [pool('b', entriesB), pool('a', entriesA, { avoidBuggyIPs: true })],
      [],
    );
    const alloc = new Allocator();
    alloc.setPools(pools);
    const used = new Set<string>();
    const held = new Map<string, { pool: string; ips: string[] }>();
    const r = rng(seed);
    for (let i = 0; i < 3000; i++) {
      const keys = [...held.keys()];
      if (r() < 0.4 && keys.length > 0) {
        const key = keys[Math.floor(r() * keys.length)]!;
        expect(alloc.release(key)).toBe(true);
        for (const ip of held.get(key)!.ips) used.delete(ip);
        held.delete(key);
        continue;
      }
      const fam = (['4', '6', '46', '64'] as const)[Math.floor(r() * 4)]!;
      const s = svc(`s${i}`, { fam });
      const lowest = (list: string[]) => list.find((ip) => !used.has(ip));
      let expected: { pool: string; ips: string[] } | undefined;
      for (const p of model) {
        const v4 = lowest(p.v4);
        const v6 = lowest(p.v6);
        const ips = fam === '4' ? [v4] : fam === '6' ? [v6] : [v4, v6];
        if (ips.every((ip) => ip !== undefined)) {
          expected = { pool: p.name, ips: ips as string[] };
          break;
        }
      }
      const got = alloc.allocate(s);
      if (!expected) {
        expect(got.ok, JSON.stringify(got)).toBe(false);
        continue;
      }
      expect(got).toEqual({ ok: true, ...expected });
      for (const ip of expected.ips) used.add(ip);
      held.set(s.key, expected);
      // Asking again changes nothing.
      expect(alloc.allocate(s)).toEqual({ ok: true, ...expected });
      expect(alloc.allocation(s.key)).toEqual(expected);
    }
    const inUse = alloc.usageAll().reduce((n, u) => n + u.inUseIPv4 + u.inUseIPv6, 0);
    expect(inUse).toBe(used.size);
  });
});

describe('explicit IPs far into a /64', () => {
  it('are held, kept across a config reload, released, and do not disturb automatic allocation', () => {
    const far = 'fd01::8000:0:0:5'; // offset 2^63 + 5: beyond the span's first 2^52 addresses
    const alloc = new Allocator();
    alloc.setPools(poolsFromConfig([pool('big', ['fd01::/64'])], []).pools);
    expect(alloc.assign(svc('far', { fam: '6' }), [far])).toEqual({ ok: true, pool: 'big', ips: [far] });
    expect(alloc.assign(svc('other', { fam: '6' }), [far])).toMatchObject({ ok: false });
    expect(alloc.allocate(svc('auto', { fam: '6' }))).toEqual({ ok: true, pool: 'big', ips: ['fd01::'] });
    const dual = svc('dual', { fam: '46' });
    alloc.setPools(poolsFromConfig([pool('big', ['fd01::/64', '10.0.0.0/30'])], []).pools);
    expect(alloc.allocation('default/far')).toEqual({ pool: 'big', ips: [far] });
    expect(alloc.assign(dual, ['fd01::8000:0:0:6', '10.0.0.1'])).toEqual({
      ok: true,
      pool: 'big',
      ips: ['10.0.0.1', 'fd01::8000:0:0:6'],
    });
    expect(alloc.release('default/far')).toBe(true);
    expect(alloc.assign(svc('other', { fam: '6' }), [far])).toMatchObject({ ok: true, ips: [far] });
    expect(alloc.usage('big')).toMatchObject({ inUseIPv4: 1, inUseIPv6: 3 });
  });
});
