// The pure allocator core allocating every address of a /16 IPv4 pool and of a /112 IPv6 pool, one
// Service at a time, plus the first 65,536 addresses of a /64 (offsets beyond 2^32, bigint-sized pool).
// Several rounds on fresh allocators; medians are reported (the first round only warms the JIT).
// The Service descriptions are built before timing; each timed call is one allocate() with its result.
// The /16 and /112 share one allocator (as a controller would), so the /112's first 1,000 include the
// service table growing past 65,536 entries: its own ratio is far below 1. lastToFirstRatio reports
// the worse of the two phases. Ratios compare chunk times, and the last chunk of 65,536 holds 536
// allocations: a flat cost per allocation gives about 0.54. addressBlock* time the address-picking
// core alone (the two-level bitmap: lowest free offset, take it, format it) filling a /16, without
// the Service bookkeeping around it.
import { performance } from 'node:perf_hooks';
import type { IPAddressPool } from '../api/types';
import { AddressBlock } from '../backend/controller/allocator/address-block';
import { Allocator } from '../backend/controller/allocator/allocator';
import { poolsFromConfig } from '../backend/controller/allocator/pools-from-config';
import type { AllocService } from '../backend/controller/allocator/service-request';
import type { IPFamily } from '../api/ip-ranges';
import type { Metrics } from './run';

const ROUNDS = 9;
const CHUNK = 1000;

interface Phase {
  seconds: number;
  count: number;
  ratio: number;
}

function pool(name: string, addresses: string[]): IPAddressPool {
  return { apiVersion: 'metallb.io/v1beta1', kind: 'IPAddressPool', metadata: { name }, spec: { addresses } };
}

function services(prefix: string, family: IPFamily, n: number): AllocService[] {
  return Array.from({ length: n }, (_, i) => ({
    key: `bench/${prefix}-${i}`,
    namespace: 'bench',
    labels: {},
    families: [family],
    policy: 'SingleStack',
    ports: [{ port: 80, protocol: 'TCP' }],
    sharingKey: '',
    backendKey: '',
  }));
}

/** Allocates for every Service, timing each chunk of 1,000; fails loudly if any allocation fails. */
function phase(alloc: Allocator, svcs: AllocService[], lastIP: string): Phase {
  const chunks: number[] = [];
  let ip = '';
  for (let start = 0; start < svcs.length; start += CHUNK) {
    const end = Math.min(start + CHUNK, svcs.length);
    const t0 = performance.now();
    for (let i = start; i < end; i++) {
      const r = alloc.allocate(svcs[i]!);
      if (!r.ok) throw new Error(`allocation ${i} failed: ${r.error}`);
      ip = r.ips[0]!;
    }
    chunks.push(performance.now() - t0);
  }
  if (ip !== lastIP) throw new Error(`last IP ${ip}, expected ${lastIP}`);
  const seconds = chunks.reduce((a, b) => a + b, 0) / 1000;
  return { seconds, count: svcs.length, ratio: chunks.at(-1)! / chunks[0]! };
}

/** Fills a fresh /16 block through lowestFree/take/format, timing each chunk of 1,000. */
function blockPhase(): Phase {
  const n = 65536;
  const block = new AddressBlock(4, 0x0a000000n, n, false);
  const chunks: number[] = [];
  let ip = '';
  for (let start = 0; start < n; start += CHUNK) {
    const end = Math.min(start + CHUNK, n);
    const t0 = performance.now();
    for (let i = start; i < end; i++) {
      const o = block.lowestFree();
      ip = block.format(o);
      block.take(o, i + 1);
    }
    chunks.push(performance.now() - t0);
  }
  if (ip !== '10.0.255.255' || block.lowestFree() !== -1) throw new Error(`block not filled in order: ${ip}`);
  return { seconds: chunks.reduce((a, b) => a + b, 0) / 1000, count: n, ratio: chunks.at(-1)! / chunks[0]! };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * The baseline users compare us with: upstream's strategy of walking a pool's addresses from the
 * start and taking the first one not in use, i.e. a scan per allocation. Run on a /20 (4,096
 * addresses; a /16 would take minutes) next to our allocator on the same pool, same process.
 */
function linearScanSeconds(size: number): number {
  const inUse = new Set<number>();
  const base = 0x0a000000;
  const t0 = performance.now();
  for (let i = 0; i < size; i++) {
    let ip = base;
    while (inUse.has(ip)) ip++;
    inUse.add(ip);
  }
  return (performance.now() - t0) / 1000;
}

function oursSeconds(pools: ReturnType<typeof poolsFromConfig>['pools'], svcs: AllocService[]): number {
  const a = new Allocator();
  a.setPools(pools);
  const t0 = performance.now();
  for (const svc of svcs) if (!a.allocate(svc).ok) throw new Error('baseline pool exhausted early');
  return (performance.now() - t0) / 1000;
}

function speedupVsLinearScan(): number {
  const size = 4096;
  const { pools } = poolsFromConfig([pool('baseline', ['10.0.0.0/20'])], []);
  const svcs = services('baseline', 4, size);
  const ratios: number[] = [];
  for (let r = 0; r <= 5; r++) {
    const ratio = linearScanSeconds(size) / oursSeconds(pools, svcs);
    if (r > 0) ratios.push(ratio);
  }
  return median(ratios);
}

export async function run(): Promise<Metrics> {
  const { pools, errors } = poolsFromConfig(
    [pool('bench-v4', ['10.0.0.0/16']), pool('bench-v6', ['fd00::/112']), pool('bench-v6-64', ['fd01::/64'])],
    [],
  );
  if (errors.length) throw new Error(errors.join('; '));
  const n = 65536;
  const v4 = services('v4', 4, n);
  const v6 = services('v6', 6, n);
  const big = services('big', 6, n);
  const rows: { v4: Phase; v6: Phase; big: Phase; block: Phase }[] = [];
  for (let r = 0; r <= ROUNDS; r++) {
    const a = new Allocator();
    a.setPools(pools.filter((p) => p.name !== 'bench-v6-64'));
    const p4 = phase(a, v4, '10.0.255.255');
    const p6 = phase(a, v6, 'fd00::ffff');
    if (a.allocate({ ...v4[0]!, key: 'bench/extra' }).ok) throw new Error('pool should be exhausted');
    const b = new Allocator();
    b.setPools(pools.filter((p) => p.name === 'bench-v6-64'));
    const pb = phase(b, big, 'fd01::ffff');
    const pk = blockPhase();
    if (r > 0) rows.push({ v4: p4, v6: p6, big: pb, block: pk });
    console.error(
      `round ${r}${r === 0 ? ' (warm-up)' : ''}: v4 ${(n / p4.seconds / 1e6).toFixed(2)}M/s ratio ${p4.ratio.toFixed(2)}, ` +
        `v6 ${(n / p6.seconds / 1e6).toFixed(2)}M/s ratio ${p6.ratio.toFixed(2)}, ` +
        `/64 ${(n / pb.seconds / 1e6).toFixed(2)}M/s ratio ${pb.ratio.toFixed(2)}, ` +
        `block /16 ${(n / pk.seconds / 1e6).toFixed(2)}M/s ratio ${pk.ratio.toFixed(2)}`,
    );
  }
  const perSec = (ps: Phase[]) => ps.reduce((a, p) => a + p.count, 0) / ps.reduce((a, p) => a + p.seconds, 0);
  return {
    allocationsPerSecond: {
      value: Math.round(median(rows.map((r) => perSec([r.v4, r.v6])))),
      unit: 'allocations/s',
    },
    lastToFirstRatio: {
      value: Number(
        Math.max(median(rows.map((r) => r.v4.ratio)), median(rows.map((r) => r.v6.ratio))).toFixed(3),
      ),
      unit: 'ratio',
    },
    ipv4AllocationsPerSecond: {
      value: Math.round(median(rows.map((r) => perSec([r.v4])))),
      unit: 'allocations/s',
    },
    ipv4LastToFirstRatio: { value: Number(median(rows.map((r) => r.v4.ratio)).toFixed(3)), unit: 'ratio' },
    ipv6AllocationsPerSecond: {
      value: Math.round(median(rows.map((r) => perSec([r.v6])))),
      unit: 'allocations/s',
    },
    ipv6LastToFirstRatio: { value: Number(median(rows.map((r) => r.v6.ratio)).toFixed(3)), unit: 'ratio' },
    ipv6Slash64AllocationsPerSecond: {
      value: Math.round(median(rows.map((r) => perSec([r.big])))),
      unit: 'allocations/s',
    },
    ipv6Slash64LastToFirstRatio: {
      value: Number(median(rows.map((r) => r.big.ratio)).toFixed(3)),
      unit: 'ratio',
    },
    addressBlockAllocationsPerSecond: {
      value: Math.round(median(rows.map((r) => perSec([r.block])))),
      unit: 'allocations/s',
    },
    addressBlockLastToFirstRatio: {
      value: Number(median(rows.map((r) => r.block.ratio)).toFixed(3)),
      unit: 'ratio',
    },
    speedupVsLinearScanSlash20: { value: Number(speedupVsLinearScan().toFixed(1)), unit: 'x' },
    addressesPerRound: { value: 3 * n, unit: 'allocations' },
    rounds: { value: ROUNDS, unit: 'rounds' },
  };
}
