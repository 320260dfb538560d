// What a metallb.io change would do before it is applied: the webhook's verdict (the same
// validation core), then the controller and the speakers run on the configuration with the change
// and without it, and every Service whose IPs, pool, Layer 2 node or BGP routes differ is listed.
import { routesFor, type AdvertisementSpec, type Route } from '../../api/announce/advertisement';
import type { BGPSession, DesiredState } from '../../api/announce/desired-state';
import { formatCommunity, formatLargeCommunity } from '../../api/announce/communities';
import {
  PREVIEW_ROUTE_LINES,
  type PreviewOperation,
  type PreviewResult,
  type ServiceChange,
  type ServiceState,
} from '../../api/explain/types';
import type { MetalLBObject } from '../../api/types';
import { validateAdmission, type AdmissionObject, type ConfigInput } from '../../api/validation';
import { isOurs, simulateAllocations, type Allocation } from './allocation';
import { affectedServices } from './affected';
import { eachNodePlan, layer2AndBGPServices, nodeNames } from './announce';
import { eachBGPNodeGroup } from './node-groups';
import { slicesOf } from './focus';
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

/**
 * Every Service whose state differs between the two configurations, sorted by key. The speakers'
 * plans run over the Services the change can touch (affected.ts), once per group of alike nodes;
 * `everything` plans every Service on every node (tests compare both).
 */
export function compare(
  before: ClusterSnapshot,
  after: ClusterSnapshot,
  everything = false,
): ServiceChange[] {
  const held = simulateAllocations(before);
  // The controller keeps the IPs the Services hold before the change while they stay valid.
  const changed: ClusterSnapshot = { ...after, services: applyAllocations(after, held) };
  const allocs = simulateAllocations(changed);
  const keys = everything ? undefined : affectedServices(before, changed, held, allocs);
  const only = (snap: ClusterSnapshot): ClusterSnapshot =>
    keys
      ? {
          ...snap,
          services: snap.services.filter((s) => keys.has(keyOf(s))),
          endpointSlices: slicesOf(snap.endpointSlices, keys),
        }
      : snap;
  const was = serviceStates(only(before), held, everything);
  const now = serviceStates(only(changed), allocs, everything);
  const out: ServiceChange[] = [];
  for (const [key, b] of was) {
    const a: Gathered = now.get(key) ?? { ingressIPs: [], l2Nodes: [], routes: new Map() };
    const changes: ServiceChange['changes'] = [];
    if (!same(a.ingressIPs, b.ingressIPs)) changes.push('ips');
    if (a.pool !== b.pool) changes.push('pool');
    if (!same(a.l2Nodes, b.l2Nodes)) changes.push('l2Nodes');
    if (!sameRoutes(a.routes, b.routes)) changes.push('bgpRoutes');
    if (changes.length === 0) continue;
    const [namespace = '', name = ''] = key.split('/');
    const losesIPs = b.ingressIPs.some((ip) => !a.ingressIPs.includes(ip));
    out.push({ service: { namespace, name }, before: shown(b), after: shown(a), changes, losesIPs });
  }
  return out.sort((x, y) => cmp(keyOf({ metadata: x.service }), keyOf({ metadata: y.service })));
}

/**
 * A Service's state while comparing: its BGP routes as "peer prefix attrs" -> the nodes sending it
 * (in node order), written out as ServiceState's "node peer prefix attrs" lines only for Services
 * that change. At 1,000 nodes and 5,000 BGP Services the lines of every Service were 5 million
 * strings per side.
 */
interface Gathered {
  ingressIPs: string[];
  pool?: string;
  l2Nodes: string[];
  routes: Map<string, string[]>;
}

function shown(g: Gathered): ServiceState {
  const bgpRoutes: string[] = [];
  for (const [route, nodes] of g.routes) for (const n of nodes) bgpRoutes.push(`${n} ${route}`);
  bgpRoutes.sort();
  return {
    ingressIPs: g.ingressIPs,
    ...(g.pool ? { pool: g.pool } : {}),
    l2Nodes: [...g.l2Nodes].sort(),
    bgpRoutes: bgpRoutes.slice(0, PREVIEW_ROUTE_LINES),
    ...(bgpRoutes.length > PREVIEW_ROUTE_LINES ? { bgpRoutesTotal: bgpRoutes.length } : {}),
  };
}

function sameRoutes(a: ReadonlyMap<string, string[]>, b: ReadonlyMap<string, string[]>): boolean {
  if (a.size !== b.size) return false;
  for (const [route, nodes] of a) {
    const other = b.get(route);
    // Both sides visit the nodes in the same order: equal sets are equal lists.
    if (!other || !same(nodes, other)) return false;
  }
  return true;
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

/**
 * Per Service of ours: IPs and pool, the L2 winner, the BGP routes sent by every node (planned per
 * group of alike nodes, node-groups.ts; `perNode`: by every node itself).
 */
function serviceStates(
  snap: ClusterSnapshot,
  allocs: Map<string, Allocation>,
  perNode: boolean,
): Map<string, Gathered> {
  const services = applyAllocations(snap, allocs);
  const out = new Map<string, Gathered>();
  for (const svc of services) {
    if (!isOurs(svc, snap.lbClass)) continue;
    const a = allocs.get(keyOf(svc)) ?? { ingressIPs: [] };
    out.set(keyOf(svc), {
      ingressIPs: a.ingressIPs,
      ...(a.pool ? { pool: a.pool } : {}),
      l2Nodes: [],
      routes: new Map(),
    });
  }
  // Layer 2: one election per Service says which node announces it. BGP: every node's plan, over
  // the Services some BGPAdvertisement selects (none: no node plans at all).
  const { l2, bgp } = layer2AndBGPServices({ ...snap, services });
  for (const [key, node] of l2) out.get(key)?.l2Nodes.push(node);
  if (bgp.size === 0) return out;
  const bgpOnly = {
    ...snap,
    services: services.filter((s) => bgp.has(keyOf(s))),
    endpointSlices: slicesOf(snap.endpointSlices, bgp),
  };
  // Each plan's routes, as [node list of the route, ...] per Service: filled node by node in name
  // order afterwards, so both sides list the nodes of a route in the same order.
  const byNode = new Map<string, string[][]>();
  const visit = (nodes: readonly string[], plan: DesiredState) => {
    const lists: string[][] = [];
    const sessions = new Map(plan.bgp.sessions.map((s) => [s.peer, new SessionIndex(s)]));
    for (const a of plan.bgp.announce) {
      const state = out.get(a.key);
      if (!state) continue;
      for (const peer of a.peers) {
        const session = sessions.get(peer);
        if (!session) continue;
        // The Service's own prefixes (aggregated as its advertisements say), then the routes the
        // session sends for them (merged with other Services' attributes where they aggregate).
        const own = routesFor(a.ips.flatMap((ip) => session.specsByIP.get(ip) ?? [])).routes;
        for (const { prefix } of own) {
          const text = session.routeText(prefix);
          if (text === undefined) continue;
          const route = `${peer} ${text}`;
          let list = state.routes.get(route);
          if (!list) state.routes.set(route, (list = []));
          lists.push(list);
        }
      }
    }
    for (const n of nodes) byNode.set(n, lists);
  };
  if (perNode) eachNodePlan(bgpOnly, (node, plan) => visit([node], plan));
  else eachBGPNodeGroup(bgpOnly, visit);
  for (const node of nodeNames(bgpOnly)) for (const list of byNode.get(node) ?? []) list.push(node);
  return out;
}

/** One session's advertisements by IP and routes by prefix: lookups, not scans, per Service. */
class SessionIndex {
  readonly specsByIP = new Map<string, AdvertisementSpec[]>();
  private readonly routes: Map<string, Route>;
  private readonly texts = new Map<string, string>();

  constructor(session: BGPSession) {
    for (const spec of session.advertisements) {
      const list = this.specsByIP.get(spec.ip);
      if (list) list.push(spec);
      else this.specsByIP.set(spec.ip, [spec]);
    }
    this.routes = new Map(session.routes.map((r) => [r.prefix, r]));
  }

  /** "prefix attr=..." of the session's route for `prefix`, or undefined when it sends none. */
  routeText(prefix: string): string | undefined {
    const known = this.texts.get(prefix);
    if (known !== undefined) return known;
    const r = this.routes.get(prefix);
    if (!r) return undefined;
    const text = [
      r.prefix,
      r.localPref !== undefined ? `localPref=${r.localPref}` : '',
      r.communities.length ? `communities=${r.communities.map(formatCommunity).join(',')}` : '',
      r.largeCommunities.length
        ? `largeCommunities=${r.largeCommunities.map(formatLargeCommunity).join(',')}`
        : '',
    ]
      .filter(Boolean)
      .join(' ');
    this.texts.set(prefix, text);
    return text;
  }
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
