// One Service explained: its allocation (the controller's code) and its announcements (the
// speakers' plan), every reason a code with parameters.
import { parsePoolRanges, poolForIPs } from '../../api/announce/services';
import type { PoolVerdict, Reason, ServiceExplanation } from '../../api/explain/types';
import { explainAllocation, isOurs } from './allocation';
import { advertisementsFor, explainNodes, planEveryNode } from './announce';
import { focusOn } from './focus';
import { keyOf, type ClusterSnapshot } from './snapshot';

/** Refusals that say most about a pending Service come first (a full pool before a foreign one). */
const CAUSE_ORDER: Reason['code'][] = [
  'sharingConflict',
  'poolExhausted',
  'poolFamilyMismatch',
  'allocatorError',
  'poolNamespaceNotSelected',
  'poolServiceNotSelected',
  'poolNotPinned',
  'poolAutoAssignDisabled',
  'poolLacksRequestedIP',
  'poolNotRequested',
];

/** Undefined when no such Service is in the snapshot. */
export function explainService(
  snap: ClusterSnapshot,
  namespace: string,
  name: string,
): ServiceExplanation | undefined {
  const svc = snap.services.find((s) => s.metadata?.namespace === namespace && s.metadata?.name === name);
  if (!svc) return undefined;
  const key = keyOf(svc);
  const ingressIPs = (svc.status?.loadBalancer?.ingress ?? []).flatMap((i) => (i.ip ? [i.ip] : []));
  const livePool = svc.metadata?.annotations?.['metallb.io/ip-allocated-from-pool'];
  const out: ServiceExplanation = {
    service: { namespace, name },
    ingressIPs,
    ...(livePool ? { pool: livePool } : {}),
    summary: { code: 'allocated' },
    configErrors: [],
    pools: [],
    advertisements: [],
    nodes: [],
  };
  if (svc.spec?.type !== 'LoadBalancer') {
    out.summary = { code: 'notLoadBalancer', params: { type: svc.spec?.type ?? 'ClusterIP' } };
    return out;
  }
  if (!isOurs(svc, snap.lbClass)) {
    out.summary = { code: 'classNotOurs', params: { class: svc.spec?.loadBalancerClass ?? '' } };
    return out;
  }
  const alloc = explainAllocation(snap, svc);
  out.pools = alloc.pools;
  out.configErrors = alloc.configErrors;
  const { computed } = alloc;
  if (!sameIPs(computed.ingressIPs, ingressIPs) || computed.pool !== livePool) {
    out.computed = { ingressIPs: computed.ingressIPs, ...(computed.pool ? { pool: computed.pool } : {}) };
  }
  out.summary = summary(alloc.configErrors, computed.ingressIPs, ingressIPs, computed.pool, alloc.pools);
  if (ingressIPs.length === 0) return out;
  // The speakers announce what the Service's status says, from the pool holding all its IPs.
  const pool = poolForIPs(parsePoolRanges(snap.pools), ingressIPs);
  if (!pool) return out;
  out.advertisements = advertisementsFor(snap, pool);
  // Every node planned on the Services that bear on this one's announcements only (focus.ts).
  out.nodes = explainNodes(snap, planEveryNode(focusOn(snap, key)), key, pool);
  return out;
}

function summary(
  configErrors: string[],
  computed: string[],
  live: string[],
  pool: string | undefined,
  pools: PoolVerdict[],
): Reason {
  if (configErrors.length > 0 && pools.length === 0) return { code: 'configNotLoaded' };
  if (computed.length > 0) {
    const params = { ips: computed.join(', '), pool: pool ?? '' };
    return live.length === 0 ? { code: 'statusNotWritten', params } : { code: 'allocated', params };
  }
  const refusals = pools.map((p) => p.reason).filter((r) => CAUSE_ORDER.includes(r.code));
  refusals.sort((a, b) => CAUSE_ORDER.indexOf(a.code) - CAUSE_ORDER.indexOf(b.code));
  const cause = refusals[0];
  return { code: 'pending', params: cause ? { cause: cause.code, ...cause.params } : {} };
}

function sameIPs(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
