// Pool utilisation as the UI shows it: assigned and available addresses per family, from the
// pool's status (written by the controller) or, until the controller has written it, computed
// from the pool's ranges and the Services' load-balancer IPs. Pure and browser-safe.
import {
  parseAddressEntry,
  parseIP,
  rangeContains,
  rangeSize,
  type IPFamily,
  type IPRange,
} from './ip-ranges';
import type { IPAddressPool } from './types';

/** Utilisation from this fraction up is "near exhaustion". */
export const NEAR_EXHAUSTION = 0.9;

export type UsageLevel = 'ok' | 'warning' | 'exhausted' | 'empty';

export interface FamilyUsage {
  assigned: number;
  /** Decimal strings: IPv6 capacities exceed what a JSON number holds exactly. */
  available: string;
  total: string;
  /** 0..100, rounded down to one decimal; 0 for a family the pool has no addresses of. */
  percent: number;
  level: UsageLevel;
}

export interface PoolUsage {
  name: string;
  namespace?: string;
  addresses: string[];
  autoAssign: boolean;
  ipv4: FamilyUsage;
  ipv6: FamilyUsage;
  /** The worst level among the families the pool has addresses of. */
  level: UsageLevel;
  source: 'status' | 'computed';
}

/** The subset of a core/v1 Service pool maths and the topology need. */
export interface ServiceLike {
  metadata: {
    name?: string;
    namespace?: string;
    annotations?: Record<string, string>;
    labels?: Record<string, string>;
  };
  spec?: { type?: string; loadBalancerClass?: string };
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
}

export const POOL_ANNOTATION = 'metallb.io/ip-allocated-from-pool';

/** How many addresses of [first, last] end in .0 or .255 (skipped by avoidBuggyIPs). */
export function buggyIPv4Count(r: IPRange): bigint {
  if (r.family !== 4) return 0n;
  const below = (x: bigint, rem: bigint) => (x < rem ? 0n : (x - rem) / 256n + 1n); // count of v<=x, v≡rem
  let n = 0n;
  for (const rem of [0n, 255n]) n += below(r.last, rem) - (r.first === 0n ? 0n : below(r.first - 1n, rem));
  return n;
}

function safeRanges(addresses: readonly string[]): IPRange[] {
  const out: IPRange[] = [];
  for (const a of addresses) {
    try {
      out.push(parseAddressEntry(a));
    } catch {
      // An invalid entry is the validation core's business; it holds no addresses here.
    }
  }
  return out;
}

/** Addresses a pool can hand out per family, from its ranges (overlapping entries counted once). */
export function poolCapacity(pool: Pick<IPAddressPool, 'spec'>): Record<IPFamily, bigint> {
  const ranges = safeRanges(pool.spec?.addresses ?? []).sort((a, b) =>
    a.family !== b.family ? a.family - b.family : a.first < b.first ? -1 : a.first > b.first ? 1 : 0,
  );
  const cap: Record<IPFamily, bigint> = { 4: 0n, 6: 0n };
  let cur: IPRange | undefined;
  const flush = () => {
    if (!cur) return;
    cap[cur.family] += rangeSize(cur) - (pool.spec?.avoidBuggyIPs ? buggyIPv4Count(cur) : 0n);
  };
  for (const r of ranges) {
    if (cur && cur.family === r.family && r.first <= cur.last + 1n) {
      if (r.last > cur.last) cur = { ...cur, last: r.last };
    } else {
      flush();
      cur = { ...r };
    }
  }
  flush();
  return cap;
}

type ParsedIP = { family: IPFamily; value: bigint };

/** The Services' load-balancer IPs, parsed, each address once. */
function distinctIPs(services: readonly ServiceLike[]): ParsedIP[] {
  const seen = new Set<string>();
  const out: ParsedIP[] = [];
  for (const svc of services) {
    for (const ing of svc.status?.loadBalancer?.ingress ?? []) {
      const ip = ing.ip ? parseIP(ing.ip) : undefined;
      if (!ip) continue;
      const key = `${ip.family}/${ip.value}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(ip);
    }
  }
  return out;
}

function countInRanges(ranges: readonly IPRange[], ips: readonly ParsedIP[]): Record<IPFamily, number> {
  const out: Record<IPFamily, number> = { 4: 0, 6: 0 };
  for (const ip of ips) if (ranges.some((r) => rangeContains(r, ip.family, ip.value))) out[ip.family]++;
  return out;
}

/** Distinct load-balancer IPs of the Services that fall in the pool's ranges, per family. */
export function assignedInPool(
  pool: Pick<IPAddressPool, 'spec'>,
  services: readonly ServiceLike[],
): Record<IPFamily, number> {
  return countInRanges(safeRanges(pool.spec?.addresses ?? []), distinctIPs(services));
}

export function familyUsage(assigned: number, total: bigint): FamilyUsage {
  const available = total > BigInt(assigned) ? total - BigInt(assigned) : 0n;
  if (total === 0n) return { assigned, available: '0', total: '0', percent: 0, level: 'empty' };
  const permille = (BigInt(assigned) * 1000n) / total;
  const percent = Number(permille) / 10;
  const level: UsageLevel =
    available === 0n
      ? 'exhausted'
      : BigInt(assigned) * 10n >= total * BigInt(NEAR_EXHAUSTION * 10)
        ? 'warning'
        : 'ok';
  return { assigned, available: available.toString(), total: total.toString(), percent, level };
}

const ORDER: UsageLevel[] = ['empty', 'ok', 'warning', 'exhausted'];
export function worstLevel(levels: readonly UsageLevel[]): UsageLevel {
  return levels.reduce<UsageLevel>((w, l) => (ORDER.indexOf(l) > ORDER.indexOf(w) ? l : w), 'empty');
}

/**
 * One pool's utilisation. The controller's status wins when it is there (it knows about
 * reservations and sharing); otherwise it is computed from `services`.
 */
export function poolUsage(pool: IPAddressPool, services: readonly ServiceLike[] = []): PoolUsage {
  return usageOf(pool, () => distinctIPs(services));
}

/**
 * Every pool's utilisation (poolUsage). The Services' IPs are parsed once for all the pools, and
 * only when some pool has no status: 10,000 Services over 20 pools, 10,000 parses, not 200,000.
 */
export function poolUsages(pools: readonly IPAddressPool[], services: readonly ServiceLike[]): PoolUsage[] {
  let ips: ParsedIP[] | undefined;
  return pools.map((p) => usageOf(p, () => (ips ??= distinctIPs(services))));
}

/** Whether the pool's utilisation is computed from the Services (the controller wrote no status). */
export function usageNeedsServices(pool: Pick<IPAddressPool, 'status'>): boolean {
  return !hasUsageStatus(pool.status);
}

function hasUsageStatus(st: IPAddressPool['status']): st is NonNullable<IPAddressPool['status']> {
  return (
    st !== undefined &&
    [st.assignedIPv4, st.assignedIPv6, st.availableIPv4, st.availableIPv6].some((v) => typeof v === 'number')
  );
}

function usageOf(pool: IPAddressPool, ips: () => readonly ParsedIP[]): PoolUsage {
  const st = pool.status;
  const fromStatus = hasUsageStatus(st);
  let v4: FamilyUsage;
  let v6: FamilyUsage;
  if (fromStatus) {
    const a4 = st.assignedIPv4 ?? 0;
    const a6 = st.assignedIPv6 ?? 0;
    v4 = familyUsage(a4, BigInt(a4) + BigInt(st.availableIPv4 ?? 0));
    v6 = familyUsage(a6, BigInt(a6) + BigInt(st.availableIPv6 ?? 0));
  } else {
    const cap = poolCapacity(pool);
    const used = countInRanges(safeRanges(pool.spec?.addresses ?? []), ips());
    v4 = familyUsage(used[4], cap[4]);
    v6 = familyUsage(used[6], cap[6]);
  }
  return {
    name: pool.metadata.name ?? '',
    ...(pool.metadata.namespace ? { namespace: pool.metadata.namespace } : {}),
    addresses: pool.spec?.addresses ?? [],
    autoAssign: pool.spec?.autoAssign ?? true,
    ipv4: v4,
    ipv6: v6,
    level: worstLevel([v4.level, v6.level]),
    source: fromStatus ? 'status' : 'computed',
  };
}

/** The pool a Service's IP came from: the controller's annotation, else the pool whose range holds it. */
export function poolOfService(svc: ServiceLike, pools: readonly IPAddressPool[]): string | undefined {
  return poolLocator(pools)(svc);
}

/** poolOfService for many Services: every pool's ranges parsed once, not once per Service. */
export function poolLocator(pools: readonly IPAddressPool[]): (svc: ServiceLike) => string | undefined {
  const parsed = pools.map((p) => ({ name: p.metadata.name, ranges: safeRanges(p.spec?.addresses ?? []) }));
  return (svc) => {
    const annotated = svc.metadata.annotations?.[POOL_ANNOTATION];
    if (annotated) return annotated;
    for (const ing of svc.status?.loadBalancer?.ingress ?? []) {
      const ip = ing.ip ? parseIP(ing.ip) : undefined;
      if (!ip) continue;
      const pool = parsed.find((p) => p.ranges.some((r) => rangeContains(r, ip.family, ip.value)));
      if (pool) return pool.name;
    }
    return undefined;
  };
}
