import { describe, expect, it, vi } from 'vitest';
import * as ipRanges from './ip-ranges';
import {
  assignedInPool,
  buggyIPv4Count,
  familyUsage,
  poolCapacity,
  poolLocator,
  poolOfService,
  poolUsage,
  poolUsages,
  usageNeedsServices,
  type ServiceLike,
} from './pool-usage';
import type { IPAddressPool } from './types';

// Spies around the real parsers: how often the many-pools paths parse.
vi.mock('./ip-ranges', async (importOriginal) => {
  const real = await importOriginal<typeof ipRanges>();
  return { ...real, parseIP: vi.fn(real.parseIP), parseAddressEntry: vi.fn(real.parseAddressEntry) };
});

function pool(name: string, addresses: string[], extra: Partial<IPAddressPool['spec']> = {}): IPAddressPool {
  return {
    apiVersion: 'metallb.io/v1beta1',
    kind: 'IPAddressPool',
    metadata: { name, namespace: 'metallb-system' },
    spec: { addresses, ...extra },
  };
}

function svc(name: string, ...ips: string[]): ServiceLike {
  return {
    metadata: { name, namespace: 'default' },
    spec: { type: 'LoadBalancer' },
    status: { loadBalancer: { ingress: ips.map((ip) => ({ ip })) } },
  };
}

describe('pool capacity', () => {
  it.each([
    [['192.0.2.0/24'], 256n, 0n],
    [['192.0.2.10-192.0.2.19'], 10n, 0n],
    [['192.0.2.0/24', '192.0.2.128/25'], 256n, 0n], // overlap counted once
    [['192.0.2.0/25', '192.0.2.128/25'], 256n, 0n], // adjacent
    [['2001:db8::/120', '192.0.2.1/32'], 1n, 256n],
    [['2001:db8::/64'], 0n, 1n << 64n],
    [['not-an-address', '192.0.2.0/30'], 4n, 0n],
  ])('%j holds %d IPv4 and %d IPv6', (addresses, v4, v6) => {
    expect(poolCapacity(pool('p', addresses))).toEqual({ 4: v4, 6: v6 });
  });

  it('avoidBuggyIPs skips .0 and .255', () => {
    expect(poolCapacity(pool('p', ['192.0.2.0/24'], { avoidBuggyIPs: true }))[4]).toBe(254n);
    expect(poolCapacity(pool('p', ['192.0.2.0/23'], { avoidBuggyIPs: true }))[4]).toBe(508n);
    expect(poolCapacity(pool('p', ['192.0.2.1-192.0.2.254'], { avoidBuggyIPs: true }))[4]).toBe(254n);
    expect(buggyIPv4Count({ family: 4, first: 0n, last: 0n })).toBe(1n);
    expect(buggyIPv4Count({ family: 6, first: 0n, last: 255n })).toBe(0n);
  });
});

describe('assigned addresses', () => {
  it('counts distinct load-balancer IPs inside the ranges, per family', () => {
    const p = pool('p', ['192.0.2.0/28', '2001:db8::/126']);
    const services = [
      svc('a', '192.0.2.1'),
      svc('b', '192.0.2.1'),
      svc('c', '192.0.2.99'),
      svc('d', '2001:db8::2'),
    ];
    expect(assignedInPool(p, services)).toEqual({ 4: 1, 6: 1 });
  });
});

describe('family usage levels', () => {
  it.each([
    [0, 0n, 'empty', 0],
    [0, 10n, 'ok', 0],
    [8, 10n, 'ok', 80],
    [9, 10n, 'warning', 90],
    [10, 10n, 'exhausted', 100],
    [1, 3n, 'ok', 33.3],
    [12, 10n, 'exhausted', 120], // more than capacity (shared IPs, shrunk pool) never goes negative
  ] as const)('%d of %d is %s at %d%%', (assigned, total, level, percent) => {
    const u = familyUsage(assigned, total);
    expect(u.level).toBe(level);
    expect(u.percent).toBe(percent);
    expect(BigInt(u.available)).toBeGreaterThanOrEqual(0n);
  });
});

describe('pool usage', () => {
  it('prefers the controller status', () => {
    const p = pool('p', ['192.0.2.0/24']);
    p.status = { assignedIPv4: 3, availableIPv4: 0, assignedIPv6: 0, availableIPv6: 0 };
    const u = poolUsage(p, [svc('a', '192.0.2.1')]);
    expect(u.source).toBe('status');
    expect(u.ipv4).toMatchObject({ assigned: 3, total: '3', available: '0', level: 'exhausted' });
    expect(u.level).toBe('exhausted');
  });

  it('computes from Services without a status', () => {
    const u = poolUsage(pool('p', ['192.0.2.0/30', '2001:db8::/64']), [svc('a', '192.0.2.1', '2001:db8::1')]);
    expect(u.source).toBe('computed');
    expect(u.ipv4).toMatchObject({ assigned: 1, total: '4', available: '3', percent: 25, level: 'ok' });
    expect(u.ipv6).toMatchObject({ assigned: 1, total: '18446744073709551616', level: 'ok' });
    expect(u.level).toBe('ok');
  });

  it('the worst family decides the pool level', () => {
    const u = poolUsage(pool('p', ['192.0.2.1/32', '2001:db8::/64']), [svc('a', '192.0.2.1')]);
    expect(u.level).toBe('exhausted');
  });
});

describe('pool of a Service', () => {
  const pools = [pool('a', ['192.0.2.0/24']), pool('b', ['198.51.100.0/24'])];
  it('reads the controller annotation first', () => {
    const s = svc('x', '192.0.2.1');
    s.metadata.annotations = { 'metallb.io/ip-allocated-from-pool': 'b' };
    expect(poolOfService(s, pools)).toBe('b');
  });
  it('falls back to the range holding the IP', () => {
    expect(poolOfService(svc('x', '198.51.100.7'), pools)).toBe('b');
    expect(poolOfService(svc('x', '203.0.113.1'), pools)).toBeUndefined();
    expect(poolOfService(svc('x'), pools)).toBeUndefined();
  });
});

describe('many pools and Services', () => {
  const pools = Array.from({ length: 5 }, (_, k) => pool(`p${k}`, [`10.${k}.0.0/24`]));
  const services = Array.from({ length: 40 }, (_, i) => svc(`s${i}`, `10.${i % 5}.0.${i}`));

  it('gives each pool the usage poolUsage gives, parsing each Service IP once for all pools', () => {
    vi.mocked(ipRanges.parseIP).mockClear();
    const all = poolUsages(pools, services);
    expect(ipRanges.parseIP).toHaveBeenCalledTimes(services.length);
    expect(all).toEqual(pools.map((p) => poolUsage(p, services)));
    expect(all.map((u) => u.ipv4.assigned)).toEqual([8, 8, 8, 8, 8]);
  });

  it('reads no Service when every pool has the controller status', () => {
    const withStatus = pools.map((p) => ({ ...p, status: { assignedIPv4: 1, availableIPv4: 255 } }));
    expect(withStatus.some(usageNeedsServices)).toBe(false);
    expect(pools.every(usageNeedsServices)).toBe(true);
    vi.mocked(ipRanges.parseIP).mockClear();
    expect(poolUsages(withStatus, services).map((u) => u.source)).toEqual(Array(5).fill('status'));
    expect(ipRanges.parseIP).not.toHaveBeenCalled();
  });

  it('locates the pool of every Service with each pool parsed once', () => {
    const poolOf = poolLocator(pools);
    expect(services.map(poolOf)).toEqual(services.map((s) => poolOfService(s, pools)));
    vi.mocked(ipRanges.parseAddressEntry).mockClear();
    services.forEach(poolOf);
    expect(ipRanges.parseAddressEntry).not.toHaveBeenCalled();
  });
});
