// The topology graph of a MetalLB configuration and its live state: a pure function of the
// objects, so the backend can serve it and tests can pin it down.
import { STATUS_LABELS } from '../operand';
import { selectorMatches } from '../validation/label-selector';
import { poolOfService, poolUsage, type PoolUsage, type ServiceLike } from '../pool-usage';
import type { LabelSelector, ObjectMeta } from '../types';
import type {
  GraphEdge,
  GraphEdgeType,
  GraphNode,
  GraphNodeKind,
  GraphStatus,
  Problem,
  TopologyGraph,
  TopologyInput,
  TopologyOptions,
} from './types';

export const DEFAULT_MAX_SERVICES = 50;

const PREFIX: Record<GraphNodeKind, string> = {
  IPAddressPool: 'pool',
  L2Advertisement: 'l2',
  BGPAdvertisement: 'bgpad',
  BGPPeer: 'peer',
  BFDProfile: 'bfd',
  Service: 'svc',
  Node: 'node',
  ServiceGroup: 'group',
};

export function nodeId(kind: GraphNodeKind, name: string, namespace?: string): string {
  return `${PREFIX[kind]}:${namespace ? `${namespace}/` : ''}${name}`;
}

const RANK: Record<GraphStatus, number> = { ok: 0, warning: 1, danger: 2 };
function worse(a: GraphStatus, b: GraphStatus): GraphStatus {
  return RANK[b] > RANK[a] ? b : a;
}

function statusOf(problems: readonly Problem[]): GraphStatus {
  let s: GraphStatus = 'ok';
  for (const p of problems) {
    const level: GraphStatus =
      p.code === 'pool-nearly-exhausted' || p.code === 'selects-no-pool' || p.code === 'ip-pending'
        ? 'warning'
        : 'danger';
    s = worse(s, level);
  }
  return s;
}

class GraphBuilder {
  readonly nodes = new Map<string, GraphNode>();
  readonly edges = new Map<string, GraphEdge>();

  add(kind: GraphNodeKind, meta: Pick<ObjectMeta, 'name' | 'namespace'>, facts: Record<string, string> = {}) {
    const name = meta.name ?? '';
    const id = nodeId(kind, name, kind === 'Service' ? meta.namespace : undefined);
    let n = this.nodes.get(id);
    if (!n) {
      n = { id, kind, name, status: 'ok', problems: [], facts };
      if (meta.namespace) n.namespace = meta.namespace;
      this.nodes.set(id, n);
    }
    return n;
  }

  /** The node for a referenced object, created as "missing" when it does not exist. */
  ref(kind: GraphNodeKind, name: string): GraphNode {
    const id = nodeId(kind, name);
    const existing = this.nodes.get(id);
    if (existing) return existing;
    const n: GraphNode = {
      id,
      kind,
      name,
      status: 'danger',
      missing: true,
      problems: [{ code: 'missing-object' }],
      facts: {},
    };
    this.nodes.set(id, n);
    return n;
  }

  problem(n: GraphNode, p: Problem) {
    n.problems.push(p);
    n.status = worse(n.status, statusOf([p]));
  }

  link(type: GraphEdgeType, source: GraphNode, target: GraphNode, status: GraphStatus = 'ok') {
    const id = `${type}:${source.id}->${target.id}`;
    const e = this.edges.get(id);
    if (e) e.status = worse(e.status, status);
    else this.edges.set(id, { id, type, source: source.id, target: target.id, status });
  }
}

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

function serviceKey(status: {
  metadata: ObjectMeta;
  status?: { serviceName?: string; serviceNamespace?: string };
}) {
  const name = status.status?.serviceName ?? status.metadata.labels?.[STATUS_LABELS.serviceName];
  const ns = status.status?.serviceNamespace ?? status.metadata.labels?.[STATUS_LABELS.serviceNamespace];
  return name && ns ? `${ns}/${name}` : undefined;
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
  for (const pool of input.pools) {
    const u = poolUsage(pool, services);
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

function addPeers(g: GraphBuilder, input: TopologyInput) {
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
  for (const session of input.sessions) {
    const st = session.status ?? {};
    if (!st.node || !st.peer) continue;
    const node = g.add('Node', { name: st.node });
    const peer = g.ref('BGPPeer', st.peer);
    const up = st.bgpState === 'Established';
    const bfdDown = st.bfdState === 'Down';
    if (!up) g.problem(peer, { code: 'session-down', node: st.node, state: st.bgpState ?? 'Unknown' });
    if (bfdDown) g.problem(peer, { code: 'bfd-down', node: st.node });
    g.link('session-to', node, peer, up && !bfdDown ? 'ok' : 'danger');
  }
}

function matchesFilter(svc: ServiceLike, filter: string | undefined): boolean {
  if (!filter) return false;
  return `${svc.metadata.namespace ?? ''}/${svc.metadata.name ?? ''}`
    .toLowerCase()
    .includes(filter.toLowerCase());
}

function addServices(
  g: GraphBuilder,
  input: TopologyInput,
  lbServices: ServiceLike[],
  opts: TopologyOptions,
) {
  const announcing = new Map<string, Set<string>>();
  for (const st of [...input.l2Statuses, ...input.bgpStatuses]) {
    const key = serviceKey(st);
    if (!key || !st.status?.node) continue;
    if (!announcing.has(key)) announcing.set(key, new Set());
    announcing.get(key)!.add(st.status.node);
  }
  const grouped = lbServices.length > (opts.maxServices ?? DEFAULT_MAX_SERVICES);
  for (const svc of lbServices) {
    const key = `${svc.metadata.namespace ?? ''}/${svc.metadata.name ?? ''}`;
    const pool = poolOfService(svc, input.pools);
    const ips = serviceIPs(svc);
    let n: GraphNode;
    if (grouped && !matchesFilter(svc, opts.filter)) {
      const name = pool ?? '';
      n = g.add('ServiceGroup', { name });
      n.count = (n.count ?? 0) + 1;
    } else {
      n = g.add('Service', svc.metadata, { ips: ips.join(', ') });
      if (pool) n.facts.pool = pool;
    }
    if (ips.length === 0 && !n.problems.some((p) => p.code === 'ip-pending'))
      g.problem(n, { code: 'ip-pending' });
    if (pool) g.link('allocated-from', n, g.ref('IPAddressPool', pool));
    for (const node of [...(announcing.get(key) ?? [])].sort())
      g.link('announced-from', n, g.add('Node', { name: node }));
  }
  return grouped;
}

function byId<T extends { id: string }>(a: T, b: T): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function buildTopology(input: TopologyInput, opts: TopologyOptions = {}): TopologyGraph {
  const g = new GraphBuilder();
  const lbServices = input.services.filter((s) => s.spec?.type === 'LoadBalancer');
  addPools(g, input, lbServices);
  addPeers(g, input);
  addAdvertisements(g, input);
  const grouped = addServices(g, input, lbServices, opts);
  return {
    nodes: [...g.nodes.values()].sort(byId),
    edges: [...g.edges.values()].sort(byId),
    serviceCount: lbServices.length,
    grouped,
  };
}
