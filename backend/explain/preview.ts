// What a metallb.io change would do before it is applied: the webhook's verdict (the same
// validation core), then the controller and the speakers run on the configuration with the change
// and without it, and every Service whose IPs, pool, Layer 2 node or BGP routes differ is listed.
import { routesFor } from '../../api/announce/advertisement';
import { formatCommunity, formatLargeCommunity } from '../../api/announce/communities';
import type { PreviewOperation, PreviewResult, ServiceChange, ServiceState } from '../../api/explain/types';
import type { MetalLBObject } from '../../api/types';
import { validateAdmission, type AdmissionObject, type ConfigInput } from '../../api/validation';
import { isOurs, simulateAllocations, type Allocation } from './allocation';
import { planEveryNode } from './announce';
import { keyOf, type ClusterSnapshot } from './snapshot';

/** The snapshot lists a preview may change, by kind. */
const LISTS = {
  IPAddressPool: 'pools',
  L2Advertisement: 'l2Advertisements',
  BGPAdvertisement: 'bgpAdvertisements',
  BGPPeer: 'bgpPeers',
  BFDProfile: 'bfdProfiles',
  Community: 'communities',
} as const satisfies Record<string, keyof ClusterSnapshot>;

export function isPreviewKind(kind: string): kind is keyof typeof LISTS {
  return kind in LISTS;
}

export function previewChange(
  snap: ClusterSnapshot,
  obj: MetalLBObject,
  op: PreviewOperation = 'apply',
): PreviewResult {
  const name = obj.metadata?.name ?? '';
  const listName = isPreviewKind(obj.kind) ? LISTS[obj.kind] : undefined;
  const list = (listName ? snap[listName] : []) as MetalLBObject[];
  const old = list.find((o) => o.metadata?.name === name);
  const incoming = { ...obj, metadata: { ...obj.metadata, namespace: snap.namespace } } as MetalLBObject;
  const verdict = validateAdmission(
    op === 'delete' ? 'DELETE' : old ? 'UPDATE' : 'CREATE',
    incoming as AdmissionObject,
    configInput(snap),
    {
      namespace: snap.namespace,
      bgpType: snap.bgpType,
      ...(old ? { oldObject: old as AdmissionObject } : {}),
    },
  );
  const result: PreviewResult = {
    allowed: verdict.allowed,
    errors: verdict.errors,
    warnings: verdict.warnings,
    changes: [],
  };
  if (!verdict.allowed || !listName) return result;
  const rest = list.filter((o) => o.metadata?.name !== name);
  const after: ClusterSnapshot = { ...snap, [listName]: op === 'delete' ? rest : [...rest, incoming] };
  result.changes = compare(snap, after);
  return result;
}

/** Every Service whose state differs between the two configurations, sorted by key. */
export function compare(before: ClusterSnapshot, after: ClusterSnapshot): ServiceChange[] {
  const held = simulateAllocations(before);
  const was = serviceStates(before, held);
  // The controller keeps the IPs the Services hold before the change while they stay valid.
  const changed: ClusterSnapshot = { ...after, services: applyAllocations(after, held) };
  const now = serviceStates(changed, simulateAllocations(changed));
  const out: ServiceChange[] = [];
  for (const [key, b] of was) {
    const a = now.get(key) ?? { ingressIPs: [], l2Nodes: [], bgpRoutes: [] };
    const changes: ServiceChange['changes'] = [];
    if (!same(a.ingressIPs, b.ingressIPs)) changes.push('ips');
    if (a.pool !== b.pool) changes.push('pool');
    if (!same(a.l2Nodes, b.l2Nodes)) changes.push('l2Nodes');
    if (!same(a.bgpRoutes, b.bgpRoutes)) changes.push('bgpRoutes');
    if (changes.length === 0) continue;
    const [namespace = '', name = ''] = key.split('/');
    const losesIPs = b.ingressIPs.some((ip) => !a.ingressIPs.includes(ip));
    out.push({ service: { namespace, name }, before: b, after: a, changes, losesIPs });
  }
  return out.sort((x, y) => cmp(keyOf({ metadata: x.service }), keyOf({ metadata: y.service })));
}

/** The Services with the statuses these allocations give them. */
function applyAllocations(
  snap: ClusterSnapshot,
  allocs: Map<string, Allocation>,
): ClusterSnapshot['services'] {
  return snap.services.map((svc) => {
    const a = allocs.get(keyOf(svc));
    if (!a) return svc;
    return {
      ...svc,
      metadata: {
        ...svc.metadata,
        annotations: { ...svc.metadata?.annotations, 'metallb.io/ip-allocated-from-pool': a.pool ?? '' },
      },
      status: { ...svc.status, loadBalancer: { ingress: a.ingressIPs.map((ip) => ({ ip })) } },
    };
  });
}

/** Per Service of ours: IPs and pool, the L2 winner, the BGP routes sent by every node. */
function serviceStates(snap: ClusterSnapshot, allocs: Map<string, Allocation>): Map<string, ServiceState> {
  const services = applyAllocations(snap, allocs);
  const { plans } = planEveryNode({ ...snap, services });
  const out = new Map<string, ServiceState>();
  for (const svc of services) {
    if (!isOurs(svc, snap.lbClass)) continue;
    const a = allocs.get(keyOf(svc)) ?? { ingressIPs: [] };
    out.set(keyOf(svc), {
      ingressIPs: a.ingressIPs,
      ...(a.pool ? { pool: a.pool } : {}),
      l2Nodes: [],
      bgpRoutes: [],
    });
  }
  for (const [node, plan] of plans) {
    for (const a of plan.l2.announce) out.get(a.key)?.l2Nodes.push(node);
    for (const a of plan.bgp.announce) {
      const state = out.get(a.key);
      if (!state) continue;
      for (const s of plan.bgp.sessions.filter((x) => a.peers.includes(x.peer))) {
        const prefixes = new Set(
          routesFor(s.advertisements.filter((x) => a.ips.includes(x.ip))).routes.map((r) => r.prefix),
        );
        for (const r of s.routes.filter((x) => prefixes.has(x.prefix))) {
          const attrs = [
            r.localPref !== undefined ? `localPref=${r.localPref}` : '',
            r.communities.length ? `communities=${r.communities.map(formatCommunity).join(',')}` : '',
            r.largeCommunities.length
              ? `largeCommunities=${r.largeCommunities.map(formatLargeCommunity).join(',')}`
              : '',
          ].filter(Boolean);
          state.bgpRoutes.push([node, s.peer, r.prefix, ...attrs].join(' '));
        }
      }
    }
  }
  for (const s of out.values()) {
    s.l2Nodes.sort();
    s.bgpRoutes.sort();
  }
  return out;
}

/** The existing configuration as the webhook reads it (apiVersion and kind on every object). */
export function configInput(snap: ClusterSnapshot): ConfigInput {
  return {
    ipAddressPools: snap.pools,
    l2Advertisements: snap.l2Advertisements,
    bgpAdvertisements: snap.bgpAdvertisements,
    bgpPeers: snap.bgpPeers,
    bfdProfiles: snap.bfdProfiles,
    communities: snap.communities,
    nodes: snap.nodes as ConfigInput['nodes'],
    namespaces: snap.namespaces as ConfigInput['namespaces'],
  };
}

function same(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
