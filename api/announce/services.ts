// Which Services the speaker considers at all, and their load-balancer IPs, pool and endpoints, as
// upstream's speaker reads them: type LoadBalancer with ingress IPs that all lie in one pool.
import { parseAddressEntry, parseIP, rangeContains, type IPRange } from '../ip-ranges';
import { isOurLoadBalancerClass } from '../load-balancer-class';
import type { IPAddressPool } from '../types';
import type { ElectionEndpoint } from './election';
import type { EndpointSliceInput, ServiceInput } from './inputs';

export const ALLOW_SHARED_IP_ANNOTATION = 'metallb.io/allow-shared-ip';
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

/** Why a Service is not considered by either protocol. */
export type IgnoredReason = 'notLoadBalancer' | 'otherClass' | 'noIngressIP' | 'invalidIP' | 'notInPool';

export interface ServiceRef {
  namespace: string;
  name: string;
}

/** `namespace/name`: the key every per-Service result is stored under. */
export function serviceKey(ref: ServiceRef): string {
  return `${ref.namespace}/${ref.name}`;
}

export function serviceRef(svc: ServiceInput): ServiceRef {
  return { namespace: svc.metadata?.namespace ?? '', name: svc.metadata?.name ?? '' };
}

export interface ConsideredService {
  ref: ServiceRef;
  key: string;
  /** Ingress IPs in status order. */
  ips: string[];
  pool: IPAddressPool;
  labels: Readonly<Record<string, string>>;
  local: boolean;
  allowSharedIP: boolean;
}

interface ParsedPool {
  pool: IPAddressPool;
  ranges: IPRange[];
}

/** Pools with their parsed ranges; entries that do not parse are left out (validation reports them). */
/** The pools' ranges, sorted by pool name (the order poolForIPs looks in). */
export function parsePoolRanges(pools: readonly IPAddressPool[]): ParsedPool[] {
  const byName = [...pools].sort((a, b) => cmp(a.metadata?.name ?? '', b.metadata?.name ?? ''));
  return byName.map((pool) => {
    const ranges: IPRange[] = [];
    for (const entry of pool.spec?.addresses ?? []) {
      try {
        ranges.push(parseAddressEntry(entry));
      } catch {
        // reported by the validation core
      }
    }
    return { pool, ranges };
  });
}

/** The first pool (parsePoolRanges sorts them by name) holding every one of the IPs, or undefined. */
export function poolForIPs(pools: readonly ParsedPool[], ips: readonly string[]): IPAddressPool | undefined {
  const parsed = ips.map(parseIP);
  if (parsed.length === 0 || parsed.some((p) => !p)) return undefined;
  return poolForParsed(pools, parsed as NonNullable<ReturnType<typeof parseIP>>[]);
}

function poolForParsed(
  pools: readonly ParsedPool[],
  parsed: readonly NonNullable<ReturnType<typeof parseIP>>[],
): IPAddressPool | undefined {
  return pools.find((p) => parsed.every((ip) => p.ranges.some((r) => rangeContains(r, ip.family, ip.value))))
    ?.pool;
}

/** A Service the speaker handles, or why it does not. */
export function considerService(
  svc: ServiceInput,
  pools: readonly ParsedPool[],
  lbClass?: string,
): ConsideredService | IgnoredReason {
  if (svc.spec?.type !== 'LoadBalancer') return 'notLoadBalancer';
  // Another implementation announces Services of other classes.
  if (!isOurLoadBalancerClass(svc, lbClass)) return 'otherClass';
  const ips = (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip).filter((ip): ip is string => !!ip);
  if (ips.length === 0) return 'noIngressIP';
  const parsed = ips.map(parseIP);
  if (parsed.some((p) => !p)) return 'invalidIP';
  const pool = poolForParsed(pools, parsed as NonNullable<ReturnType<typeof parseIP>>[]);
  if (!pool) return 'notInPool';
  const ref = serviceRef(svc);
  const shared = svc.metadata?.annotations?.[ALLOW_SHARED_IP_ANNOTATION];
  return {
    ref,
    key: serviceKey(ref),
    ips,
    pool,
    labels: svc.metadata?.labels ?? {},
    local: svc.spec?.externalTrafficPolicy === 'Local',
    allowSharedIP: !!shared,
  };
}

// The speaker plans from the same watched objects pass after pass (a changed object is a new
// object), so what is derived from one object alone is remembered with it: at 10,000 Services this
// spares 20,000 IP parses and 10,000 endpoint lists per pass, and the garbage they made.
const considered = new WeakMap<ServiceInput, { pools: PoolsToken; lbClass?: string; c: Considered }>();
const sliceEndpoints = new WeakMap<
  EndpointSliceInput,
  { key: string; endpoints: ElectionEndpoint[] } | null
>();
type Considered = ConsideredService | IgnoredReason;

/** Parsed pools, the same object while the pool objects are the same ones in the same order. */
export interface PoolsToken {
  readonly source: readonly IPAddressPool[];
  readonly parsed: readonly ParsedPool[];
}

let lastPools: PoolsToken | undefined;

/** parsePoolRanges of `pools`, remembered: last call's token when the pool objects are the same. */
export function poolsToken(pools: readonly IPAddressPool[]): PoolsToken {
  const last = lastPools;
  if (last && last.source.length === pools.length && last.source.every((p, i) => p === pools[i])) return last;
  return (lastPools = { source: [...pools], parsed: parsePoolRanges(pools) });
}

/** considerService, remembered per Service object for the same pools and class. */
export function considerServiceOnce(svc: ServiceInput, pools: PoolsToken, lbClass?: string): Considered {
  const m = considered.get(svc);
  if (m && m.pools === pools && m.lbClass === lbClass) return m.c;
  const c = considerService(svc, pools.parsed, lbClass);
  considered.set(svc, { pools, ...(lbClass !== undefined ? { lbClass } : {}), c });
  return c;
}

let lastEndpoints:
  | { slices: readonly EndpointSliceInput[]; out: ReadonlyMap<string, readonly ElectionEndpoint[]> }
  | undefined;

/**
 * The endpoints of every Service, from its EndpointSlices (label kubernetes.io/service-name). The
 * last call's map when the slices are the same objects in the same order: shared, never modified.
 */
export function endpointsByService(
  slices: readonly EndpointSliceInput[],
): ReadonlyMap<string, readonly ElectionEndpoint[]> {
  const last = lastEndpoints;
  if (last && last.slices.length === slices.length && last.slices.every((s, i) => s === slices[i]))
    return last.out;
  const out = new Map<string, readonly ElectionEndpoint[]>();
  for (const slice of slices) {
    let e = sliceEndpoints.get(slice);
    if (e === undefined) sliceEndpoints.set(slice, (e = endpointsOf(slice)));
    if (!e) continue;
    const list = out.get(e.key);
    // Remembered lists are shared, never appended to: a Service's second slice makes a new list.
    out.set(e.key, list ? [...list, ...e.endpoints] : e.endpoints);
  }
  lastEndpoints = { slices: [...slices], out };
  return out;
}

function endpointsOf(slice: EndpointSliceInput): { key: string; endpoints: ElectionEndpoint[] } | null {
  const name = slice.metadata?.labels?.[SERVICE_NAME_LABEL];
  if (!name) return null;
  return {
    key: serviceKey({ namespace: slice.metadata?.namespace ?? '', name }),
    endpoints: (slice.endpoints ?? []).map((ep) => ({
      ...(ep.nodeName !== undefined ? { nodeName: ep.nodeName } : {}),
      ready: ep.conditions?.ready ?? null,
      serving: ep.conditions?.serving ?? null,
    })),
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
