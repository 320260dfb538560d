import { parseIP } from '../../../api/ip-ranges';
import type { AllocResult, Allocator } from './allocator';
import {
  ANNOTATION_ADDRESS_POOL,
  ANNOTATION_ALLOCATED_FROM_POOL,
  allocService,
  familyPolicy,
  hasDeprecatedAnnotation,
  metallbAnnotation,
  requestedIPs,
  serviceFamilies,
  serviceKey,
  type AllocService,
  type ServiceInput,
} from './service-request';

// Upstream's convergeBalancer as a pure function of (allocator state, Service): what the Service's
// status and pool annotation should be, which events to emit, and whether to retry or reprocess.

export interface ServiceEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

export interface ConvergeResult {
  /** Desired `status.loadBalancer.ingress` IPs; [] clears the status. */
  ingressIPs: string[];
  /** Desired `metallb.io/ip-allocated-from-pool`; undefined removes it. */
  pool: string | undefined;
  events: ServiceEvent[];
  /** Whether ingressIPs or pool differ from the Service as given. */
  changed: boolean;
  /** Not converged (upstream ErrConverge): nothing to do until something changes. */
  retry: boolean;
  /** An IP was freed or the sharing/backend key changed: re-run every Service (upstream ReprocessAll). */
  reprocessAll: boolean;
}

/** Processes one Service of our loadBalancerClass (see isOurLoadBalancerClass). */
export function convergeService(allocator: Allocator, svc: ServiceInput): ConvergeResult {
  const key = serviceKey(svc);
  const statusIPs = (svc.status?.loadBalancer?.ingress ?? []).flatMap((i) => (i.ip ? [i.ip] : []));
  const before = allocator.allocatedService(key);
  const events: ServiceEvent[] = [];
  const finish = (retry: boolean, keep?: string[]): ConvergeResult =>
    result(allocator, svc, key, statusIPs, before, events, retry, keep);

  if (svc.spec?.type !== 'LoadBalancer' || !allocator.hasPools()) {
    allocator.release(key);
    return finish(svc.spec?.type === 'LoadBalancer');
  }
  const fam = serviceFamilies(svc);
  if ('error' in fam) {
    events.push(warning('noclusterIPsIPFamily', `Failed to get the IP family of the service: ${fam.error}`));
    allocator.release(key);
    return finish(true);
  }
  if (fam.families.length === 0) {
    allocator.release(key); // no clusterIPs yet: wait for them, quietly
    return finish(true);
  }
  const policy = familyPolicy(svc);
  if (policy === 'RequireDualStack' && fam.families.length < 2) {
    events.push(warning('not enough clusterips', 'RequireDualStack needs a clusterIP of each family'));
    allocator.release(key);
    return finish(true);
  }
  const a = allocService(svc, fam.families);
  const poolWanted = metallbAnnotation(svc, ANNOTATION_ADDRESS_POOL);
  let ips = keepableStatusIPs(a, statusIPs, events);

  if (ips.length > 0) {
    const r = allocator.assign(a, ips);
    if (!r.ok) {
      events.push(normal('ClearAssignment', `current IP not allowed by config, clearing: ${r.error}`));
      ips = [];
    } else if (poolWanted && poolWanted !== r.pool) {
      ips = []; // the Service now asks for another pool
    }
    if (ips.length === 0) allocator.release(key);
  }
  const req = requestedIPs(svc);
  if ('error' in req) {
    // Keep whatever the Service has; only report the bad input.
    events.push(warning('LoadBalancerFailed', `Failed to parse the requested IPs: ${req.error}`));
    return finish(true, ips);
  }
  if (ips.length > 0 && req.ips.length > 0 && !sameIPs(req.ips, ips)) {
    allocator.release(key);
    ips = [];
  }
  if (ips.length === 1 && policy === 'PreferDualStack' && a.families.length === 2) {
    const r = allocator.allocateAdditionalFamily(a);
    events.push(
      r.ok
        ? normal(
            'IPAllocated',
            `Assigned additional IP ${JSON.stringify(r.ips.find((ip) => !ips.includes(ip)))}`,
          )
        : normal('AdditionalAssignFailed', `Failed to assign an additional IP: ${r.error}`),
    );
  }
  if (ips.length === 0) {
    const r = allocateIPs(allocator, a, req.ips, poolWanted);
    if (!r.ok) {
      events.push(
        warning('AllocationFailed', `Failed to allocate IP for ${JSON.stringify(key)}: ${r.error}`),
      );
      return finish(true);
    }
    events.push(normal('IPAllocated', `Assigned IP ${JSON.stringify(r.ips)}`));
  }
  return finish(false);
}

/** On Service deletion: frees its IPs; reprocess everyone if that freed anything. */
export function forgetService(allocator: Allocator, key: string): { reprocessAll: boolean } {
  return { reprocessAll: allocator.release(key) };
}

/** The status IPs worth re-assigning: a valid family combination that fits the Service's families. */
function keepableStatusIPs(a: AllocService, ips: string[], events: ServiceEvent[]): string[] {
  if (ips.length === 0) return ips;
  const parsed = ips.map((ip) => parseIP(ip));
  if (
    ips.length > 2 ||
    parsed.some((p) => !p) ||
    (ips.length === 2 && parsed[0]!.family === parsed[1]!.family)
  ) {
    events.push(
      warning('nolbIPsIPFamily', `Failed to get the IP family of the current IPs ${JSON.stringify(ips)}`),
    );
    return [];
  }
  const have = parsed.map((p) => p!.family).sort();
  const want = [...a.families].sort();
  const same = have.length === want.length && have.every((f, i) => f === want[i]);
  const preferSubset = a.policy === 'PreferDualStack' && want.length === 2 && have.length === 1;
  return same || preferSubset ? ips : [];
}

function allocateIPs(
  allocator: Allocator,
  a: AllocService,
  requested: string[],
  poolWanted: string | undefined,
): AllocResult {
  if (requested.length === 0) {
    return poolWanted ? allocator.allocateFromPool(a, poolWanted) : allocator.allocate(a);
  }
  const reqFamilies = requested.map((ip) => parseIP(ip)!.family).sort();
  const svcFamilies = [...a.families].sort();
  if (reqFamilies.length !== svcFamilies.length || reqFamilies.some((f, i) => f !== svcFamilies[i])) {
    return {
      ok: false,
      error: `requested loadBalancer IP(s) ${JSON.stringify(requested)} does not match the ipFamily of the service`,
    };
  }
  const r = allocator.assign(a, requested);
  if (r.ok && poolWanted && poolWanted !== r.pool) {
    allocator.release(a.key);
    return {
      ok: false,
      error: `requested IP(s) ${JSON.stringify(requested)} are in pool "${r.pool}", which is not compatible with requested address pool "${poolWanted}"`,
    };
  }
  return r;
}

function result(
  allocator: Allocator,
  svc: ServiceInput,
  key: string,
  statusIPs: string[],
  before: AllocService | undefined,
  events: ServiceEvent[],
  retry: boolean,
  keep?: string[],
): ConvergeResult {
  const alloc = allocator.allocation(key);
  const ingressIPs = keep ?? alloc?.ips ?? [];
  const pool = keep ? (keep.length ? alloc?.pool : undefined) : alloc?.pool;
  const currentPool = svc.metadata?.annotations?.[ANNOTATION_ALLOCATED_FROM_POOL];
  const changed = !sameOrderedIPs(ingressIPs, statusIPs) || pool !== currentPool;
  const after = allocator.allocatedService(key);
  const keyChanged =
    !!before && !!after && (before.sharingKey !== after.sharingKey || before.backendKey !== after.backendKey);
  const lostInPool = statusIPs.some(
    (ip) => !ingressIPs.includes(ip) && allocator.poolFor([ip]) !== undefined,
  );
  if (changed && hasDeprecatedAnnotation(svc)) {
    events.push(
      warning(
        'deprecatedAnnotation',
        'metallb.universe.tf/ annotations are deprecated, use metallb.io/ instead',
      ),
    );
  }
  return { ingressIPs, pool, events, changed, retry, reprocessAll: keyChanged || lostInPool };
}

function sameIPs(a: string[], b: string[]): boolean {
  const norm = (xs: string[]) =>
    xs
      .map((ip) => {
        const p = parseIP(ip);
        return p ? `${p.family}:${p.value}` : ip;
      })
      .sort();
  const x = norm(a);
  const y = norm(b);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

function sameOrderedIPs(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function warning(reason: string, message: string): ServiceEvent {
  return { type: 'Warning', reason, message };
}

function normal(reason: string, message: string): ServiceEvent {
  return { type: 'Normal', reason, message };
}
