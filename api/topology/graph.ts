// The topology graph of a MetalLB configuration and its live state: a pure function of the
// objects, so the backend can serve it and tests can pin it down.
import { selectorMatches } from '../validation/label-selector';
import { poolLocator, poolUsages, type PoolUsage, type ServiceLike } from '../pool-usage';
import type { LabelSelector, ObjectMeta } from '../types';
import { GraphBuilder } from './builder';
import { keyOfService, place, type Placement } from './placement';
import type { GraphNode, TopologyGraph, TopologyInput, TopologyOptions } from './types';

export { nodeId } from './builder';
export { DEFAULT_MAX_NODES, DEFAULT_MAX_SERVICES } from './placement';

/** Session problems listed per peer; beyond them, one problem counts the other nodes. */
export const MAX_LISTED_SESSION_PROBLEMS = 10;

function namesOf(list: readonly { metadata: ObjectMeta }[]): string[] {
  return list.map((o) => o.metadata.name ?? '');
}

/** Pools an advertisement applies to: named ones, selector matches, or all when neither is given. */
export function advertisedPools(
  spec: { ipAddressPools?: string[]; ipAddressPoolSelectors?: LabelSelector[] } | undefined,
  pools: TopologyInput['pools'],
): { selected: string[]; missing: string[] } {
  const names = spec?.ipAddressPools ?? [];
  const selectors = spec?.ipAddressPoolSelectors ?? [];
  if (names.length === 0 && selectors.length === 0) return { selected: namesOf(pools), missing: [] };
  const existing = new Set(namesOf(pools));
  const selected = new Set(names.filter((n) => existing.has(n)));
  for (const p of pools) {
    if (selectors.some((s) => selectorMatches(s, p.metadata.labels))) selected.add(p.metadata.name ?? '');
  }
  return { selected: [...selected].sort(), missing: names.filter((n) => !existing.has(n)) };
}

function usageFacts(u: PoolUsage): Record<string, string> {
  const facts: Record<string, string> = { addresses: u.addresses.join(', ') };
  if (u.ipv4.level !== 'empty') facts.ipv4 = `${u.ipv4.assigned}/${u.ipv4.total}`;
  if (u.ipv6.level !== 'empty') facts.ipv6 = `${u.ipv6.assigned}/${u.ipv6.total}`;
  return facts;
}

function serviceIPs(svc: ServiceLike): string[] {
  return (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? i.hostname ?? '').filter(Boolean);
}

function addPools(g: GraphBuilder, input: TopologyInput, services: readonly ServiceLike[]) {
  const usages = poolUsages(input.pools, services);
  for (const [i, pool] of input.pools.entries()) {
    const u = usages[i]!;
    const n = g.add('IPAddressPool', pool.metadata, usageFacts(u));
    if (u.level === 'exhausted') g.problem(n, { code: 'pool-exhausted' });
    else if (u.level === 'warning') {
      g.problem(n, { code: 'pool-nearly-exhausted', percent: Math.max(u.ipv4.percent, u.ipv6.percent) });
    }
  }
}

function addAdvertisements(g: GraphBuilder, input: TopologyInput) {
  const ads = [
    ...input.l2Advertisements.map((a) => ({ kind: 'L2Advertisement' as const, obj: a, peers: undefined })),
    ...input.bgpAdvertisements.map((a) => ({
      kind: 'BGPAdvertisement' as const,
      obj: a,
      peers: a.spec?.peers,
    })),
  ];
  for (const { kind, obj, peers } of ads) {
    const facts: Record<string, string> = {};
    const spec = obj.spec as { interfaces?: string[]; aggregationLength?: number; localPref?: number };
    if (spec?.interfaces?.length) facts.interfaces = spec.interfaces.join(', ');
    if (spec?.localPref !== undefined) facts.localPref = String(spec.localPref);
    const ad = g.add(kind, obj.metadata, facts);
    const { selected, missing } = advertisedPools(obj.spec, input.pools);
    for (const name of selected) g.link('advertised-by', g.ref('IPAddressPool', name), ad);
    for (const name of missing) {
      g.problem(ad, { code: 'dangling-reference', kind: 'IPAddressPool', name });
      g.link('advertised-by', g.ref('IPAddressPool', name), ad, 'danger');
    }
    if (selected.length === 0 && missing.length === 0) g.problem(ad, { code: 'selects-no-pool' });
    if (kind !== 'BGPAdvertisement') continue;
    const peerNames = new Set(namesOf(input.bgpPeers));
    const targets = peers?.length ? peers : [...peerNames];
    for (const name of targets) {
      const ok = peerNames.has(name);
      if (!ok) g.problem(ad, { code: 'dangling-reference', kind: 'BGPPeer', name });
      g.link('advertises-to', ad, g.ref('BGPPeer', name), ok ? 'ok' : 'danger');
    }
  }
}

/** The shape a Node is drawn as: its own, or the one NodeGroup. */
function nodeShape(g: GraphBuilder, layout: Placement, name: string): GraphNode {
  if (layout.nodesApart.has(name)) return g.add('Node', { name });
  const group = g.add('NodeGroup', { name: '' });
  group.count = layout.nodeCount - layout.nodesApart.size;
  return group;
}

function addPeers(g: GraphBuilder, input: TopologyInput, layout: Placement) {
  for (const profile of input.bfdProfiles) {
    const s = profile.spec ?? {};
    const facts: Record<string, string> = {};
    if (s.receiveInterval !== undefined) facts.receiveInterval = `${s.receiveInterval}ms`;
    if (s.transmitInterval !== undefined) facts.transmitInterval = `${s.transmitInterval}ms`;
    if (s.detectMultiplier !== undefined) facts.detectMultiplier = String(s.detectMultiplier);
    g.add('BFDProfile', profile.metadata, facts);
  }
  const bfdNames = new Set(namesOf(input.bfdProfiles));
  for (const peer of input.bgpPeers) {
    const s = peer.spec ?? { myASN: 0 };
    const facts: Record<string, string> = { myASN: String(s.myASN) };
    if (s.peerAddress) facts.peerAddress = s.peerAddress;
    if (s.interface) facts.interface = s.interface;
    if (s.peerASN !== undefined) facts.peerASN = String(s.peerASN);
    if (s.dynamicASN) facts.peerASN = s.dynamicASN;
    const n = g.add('BGPPeer', peer.metadata, facts);
    if (!s.bfdProfile) continue;
    const ok = bfdNames.has(s.bfdProfile);
    if (!ok) g.problem(n, { code: 'dangling-reference', kind: 'BFDProfile', name: s.bfdProfile });
    g.link('uses-bfd', n, g.ref('BFDProfile', s.bfdProfile), ok ? 'ok' : 'danger');
  }
  // Per peer, the nodes whose session problems are listed, and how many more have some.
  const listed = new Map<GraphNode, Set<string>>();
  const more = new Map<GraphNode, Set<string>>();
  for (const session of input.sessions) {
    const st = session.status ?? {};
    if (!st.node || !st.peer) continue;
    const node = nodeShape(g, layout, st.node);
    const peer = g.ref('BGPPeer', st.peer);
    const up = st.bgpState === 'Established';
    const bfdDown = st.bfdState === 'Down';
    g.link('session-to', node, peer, up && !bfdDown ? 'ok' : 'danger');
    if (up && !bfdDown) continue;
    const shown = listed.get(peer) ?? new Set<string>();
    listed.set(peer, shown);
    if (!shown.has(st.node) && shown.size >= MAX_LISTED_SESSION_PROBLEMS) {
      more.set(peer, (more.get(peer) ?? new Set<string>()).add(st.node));
      continue;
    }
    shown.add(st.node);
    if (!up) g.problem(peer, { code: 'session-down', node: st.node, state: st.bgpState ?? 'Unknown' });
    if (bfdDown) g.problem(peer, { code: 'bfd-down', node: st.node });
  }
  for (const [peer, nodes] of more) g.problem(peer, { code: 'more-session-problems', count: nodes.size });
}

function addServices(
  g: GraphBuilder,
  input: TopologyInput,
  lbServices: readonly ServiceLike[],
  layout: Placement,
) {
  const poolOf = poolLocator(input.pools);
  for (const svc of lbServices) {
    const key = keyOfService(svc);
    const pool = poolOf(svc);
    const ips = serviceIPs(svc);
    let n: GraphNode;
    if (!layout.apart.has(key)) {
      n = g.add('ServiceGroup', { name: pool ?? '' });
      n.count = (n.count ?? 0) + 1;
    } else {
      n = g.add('Service', svc.metadata, { ips: ips.join(', ') });
      if (pool) n.facts.pool = pool;
    }
    if (ips.length === 0 && !n.problems.some((p) => p.code === 'ip-pending'))
      g.problem(n, { code: 'ip-pending' });
    if (pool) g.link('allocated-from', n, g.ref('IPAddressPool', pool));
    for (const node of [...(layout.announcing.get(key) ?? [])].sort())
      g.link('announced-from', n, nodeShape(g, layout, node));
  }
}

function byId<T extends { id: string }>(a: T, b: T): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function buildTopology(input: TopologyInput, opts: TopologyOptions = {}): TopologyGraph {
  const g = new GraphBuilder();
  const lbServices = input.services.filter((s) => s.spec?.type === 'LoadBalancer');
  const layout = place(input, lbServices, opts);
  addPools(g, input, lbServices);
  addPeers(g, input, layout);
  addAdvertisements(g, input);
  addServices(g, input, lbServices, layout);
  return {
    nodes: [...g.nodes.values()].sort(byId),
    edges: [...g.edges.values()].sort(byId),
    serviceCount: lbServices.length,
    grouped: layout.grouped,
    ...(layout.matched !== undefined ? { matched: layout.matched } : {}),
    nodeCount: layout.nodeCount,
    nodesGrouped: layout.nodesApart.size < layout.nodeCount,
  };
}
