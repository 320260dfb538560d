// Random operations against the allocator, checking after each one that no IP has two owners
// unless they may share, and that the usage counters equal the distinct IPs held. The config
// includes overlapping pools (invalid, but the allocator must still keep ownership exclusive).
import { describe, expect, it } from 'vitest';
import { parseIP } from '../../../api/ip-ranges';
import { Allocator } from './allocator';
import { poolsFromConfig } from './pools-from-config';
import { pool, svc } from './scenario-runner';
import type { AllocService } from './service-request';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const configs = [
  [
    pool('a', ['10.0.0.0/28', 'fd00::/124'], { avoidBuggyIPs: true }),
    pool('b', ['10.0.0.8/29', '10.0.1.250-10.0.2.3']), // overlaps a
    pool('c', ['fd00::8/125', 'fd00::20/126'], { autoAssign: false }), // overlaps a
  ],
  [
    pool('a2', ['10.0.0.0/29', 'fd00::/125']),
    pool('d', ['10.0.2.0/30'], { serviceAllocation: { namespaces: ['x'] } }),
  ],
].map((crs) => poolsFromConfig(crs, []).pools);

function randomService(r: () => number, i: number): AllocService {
  const fam = (['4', '6', '46', '64'] as const)[Math.floor(r() * 4)]!;
  const policy = fam.length === 2 && r() < 0.5 ? 'PreferDualStack' : undefined;
  return svc(`s${i}`, {
    fam,
    ...(policy ? { policy } : {}),
    ns: r() < 0.2 ? 'x' : 'default',
    key: r() < 0.5 ? `k${Math.floor(r() * 2)}` : '',
    backend: r() < 0.2 ? 'app=y' : '',
    ports: `tcp/${80 + Math.floor(r() * 3)}`,
  });
}

function checkInvariants(alloc: Allocator, services: Map<string, AllocService>): void {
  const owners = new Map<string, AllocService[]>();
  for (const [key, s] of services) {
    const a = alloc.allocation(key);
    if (!a) continue;
    expect(a.ips.length).toBeGreaterThan(0);
    expect(new Set(a.ips.map((ip) => parseIP(ip)!.family)).size).toBe(a.ips.length);
    for (const ip of a.ips) {
      const canonical = `${parseIP(ip)!.family}:${parseIP(ip)!.value}`;
      owners.set(canonical, [...(owners.get(canonical) ?? []), s]);
    }
  }
  for (const [ip, list] of owners) {
    if (list.length < 2) continue;
    const [first] = list;
    for (const s of list) {
      expect(s.sharingKey, `${ip} shared by ${list.map((x) => x.key)}`).not.toBe('');
      expect(s.sharingKey).toBe(first!.sharingKey);
      expect(s.backendKey).toBe(first!.backendKey);
    }
    const ports = list.flatMap((s) => s.ports.map((p) => `${p.protocol}/${p.port}`));
    expect(new Set(ports).size, `${ip} ports`).toBe(ports.length);
  }
  const inUse = alloc.usageAll().reduce((n, u) => n + u.inUseIPv4 + u.inUseIPv6, 0);
  expect(inUse).toBe(owners.size);
}

describe('allocator invariants under random operations', () => {
  // Thousands of random operations per seed: seconds on a loaded machine, far past the 5 s default.
  it.each([1, 2, 3, 4, 5, 6])(
    'seed %i',
    (seed) => {
      const r = rng(seed);
      const alloc = new Allocator();
      alloc.setPools(configs[0]!);
      const services = new Map<string, AllocService>();
      for (let i = 0; i < 1500; i++) {
        const op = r();
        const s = randomService(r, Math.floor(r() * 40));
        if (op < 0.45) {
          if (alloc.allocate(s).ok) services.set(s.key, s);
        } else if (op < 0.6) {
          if (alloc.allocateFromPool(s, ['a', 'b', 'c', 'a2', 'd'][Math.floor(r() * 5)]!).ok)
            services.set(s.key, s);
        } else if (op < 0.75) {
          const ip =
            r() < 0.5 ? `10.0.0.${Math.floor(r() * 16)}` : `fd00::${Math.floor(r() * 48).toString(16)}`;
          if (alloc.assign(s, [ip]).ok) services.set(s.key, s);
        } else if (op < 0.97) {
          alloc.release(s.key);
        } else {
          for (const key of alloc.setPools(configs[Math.floor(r() * 2)]!))
            expect(alloc.allocation(key)).toBeUndefined();
        }
        checkInvariants(alloc, services);
      }
    },
    60_000,
  );
});
