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

/** The endpoints of every Service, from its EndpointSlices (label kubernetes.io/service-name). */
export function endpointsByService(slices: readonly EndpointSliceInput[]): Map<string, ElectionEndpoint[]> {
  const out = new Map<string, ElectionEndpoint[]>();
  for (const slice of slices) {
    const name = slice.metadata?.labels?.[SERVICE_NAME_LABEL];
    if (!name) continue;
    const key = serviceKey({ namespace: slice.metadata?.namespace ?? '', name });
    let list = out.get(key);
    if (!list) out.set(key, (list = []));
    for (const ep of slice.endpoints ?? []) {
      list.push({
        ...(ep.nodeName !== undefined ? { nodeName: ep.nodeName } : {}),
        ready: ep.conditions?.ready ?? null,
        serving: ep.conditions?.serving ?? null,
      });
    }
  }
  return out;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
