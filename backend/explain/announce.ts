// Which nodes announce a Service, and why the others do not, from the speakers' own plan
// (api/announce/desired-state.ts) run once per node on the live objects, with the speakers that
// really run as the members. What the speakers report (ServiceL2Status, BGPSessionState) is put
// beside the plan: a planned Layer 2 announcement no interface answers is shown as such.
import { formatCommunity, formatLargeCommunity } from '../../api/announce/communities';
import { routesFor } from '../../api/announce/advertisement';
import { L2RankingMemo } from '../../api/announce/l2-ranking';
import { l2Announcers } from '../../api/announce/l2';
import { planNode, prepare, type DesiredState, type PlanInput } from '../../api/announce/desired-state';
import { EXCLUDE_LB_LABEL } from '../../api/announce/election';
import { advertisementSelectsPool } from '../../api/announce/pool-selection';
import type {
  AdvertisementMatch,
  NodeVerdict,
  PeerVerdict,
  Reason,
  RouteAttributes,
} from '../../api/explain/types';
import type { BGPSessionStateStatus, IPAddressPool } from '../../api/types';
import { keyOf, runningSpeakers, type ClusterSnapshot } from './snapshot';

export interface NodePlans {
  running: Set<string>;
  /** Node name -> that node's speaker plan. */
  plans: Map<string, DesiredState>;
}

/** Every node's plan, as its speaker computes it. */
export function planEveryNode(snap: ClusterSnapshot): NodePlans {
  const plans = new Map<string, DesiredState>();
  const running = eachNodePlan(snap, (name, plan) => plans.set(name, plan));
  return { running, plans };
}

/**
 * Every node's plan, handed to `visit` one at a time and not kept (a preview at 1,000 nodes would
 * otherwise hold 1,000 plans of every Service); returns the running speakers.
 */
export function eachNodePlan(
  snap: ClusterSnapshot,
  visit: (node: string, plan: DesiredState) => void,
): NodePlans['running'] {
  const running = runningSpeakers(snap);
  // Every node's plan shares one election memory: the winners do not depend on who asks.
  const l2Memo = new OnePassMemo();
  // What does not depend on the node (pools, Services, endpoints) is derived once for all of them.
  const prepared = prepare(planBase(snap, running));
  for (const name of nodeNames(snap)) visit(name, planNode(prepared, name, l2Memo));
  return running;
}

/** The speakers' inputs from a snapshot, without the node: the members are the running speakers. */
export function planBase(snap: ClusterSnapshot, running: ReadonlySet<string>): Omit<PlanInput, 'node'> {
  return {
    nodes: snap.nodes,
    services: snap.services,
    endpointSlices: snap.endpointSlices,
    pools: snap.pools,
    l2Advertisements: snap.l2Advertisements,
    bgpAdvertisements: snap.bgpAdvertisements,
    bgpPeers: snap.bgpPeers,
    bfdProfiles: snap.bfdProfiles,
    communities: snap.communities,
    members: running,
    ...(snap.lbClass ? { lbClass: snap.lbClass } : {}),
  };
}

/**
 * Every node's Layer 2 announcements at once (Service key -> the announcing node), as eachNodePlan's
 * plans would list them, and the keys of the Services some BGPAdvertisement selects (the only ones
 * whose BGP plan needs every node).
 */
export function layer2AndBGPServices(snap: ClusterSnapshot): { l2: Map<string, string>; bgp: Set<string> } {
  const running = runningSpeakers(snap);
  const prepared = prepare(planBase(snap, running));
  const l2 = l2Announcers(prepared.considered, {
    nodes: prepared.nodes,
    advertisements: snap.l2Advertisements,
    endpoints: prepared.endpoints,
    members: running,
  });
  const bgp = new Set(
    prepared.considered
      .filter((c) => snap.bgpAdvertisements.some((a) => advertisementSelectsPool(a.spec, c.pool)))
      .map((c) => c.key),
  );
  return { l2, bgp };
}

/**
 * The election memory of plans made for every node on the same inputs: one pass for all of them,
 * so each candidate group is computed once, not once per node (a million checks at 1,000 nodes).
 */
class OnePassMemo extends L2RankingMemo {
  private begun = false;
  override beginPass(): void {
    if (!this.begun) super.beginPass();
    this.begun = true;
  }
  override endPass(): void {}
}

export function nodeNames(snap: ClusterSnapshot): string[] {
  return snap.nodes.map((n) => n.metadata?.name ?? '').sort();
}

/** The advertisements that select the pool, L2 first. */
export function advertisementsFor(snap: ClusterSnapshot, pool: IPAddressPool): AdvertisementMatch[] {
  return [
    ...snap.l2Advertisements
      .filter((a) => advertisementSelectsPool(a.spec, pool))
      .map((a) => ({ kind: 'L2Advertisement' as const, name: a.metadata?.name ?? '' })),
    ...snap.bgpAdvertisements
      .filter((a) => advertisementSelectsPool(a.spec, pool))
      .map((a) => ({ kind: 'BGPAdvertisement' as const, name: a.metadata?.name ?? '' })),
  ];
}

/** Per node: does it announce the Service by L2 and by BGP, and if not, why. */
export function explainNodes(
  snap: ClusterSnapshot,
  nodePlans: NodePlans,
  key: string,
  pool: IPAddressPool | undefined,
): NodeVerdict[] {
  const ads = pool ? advertisementsFor(snap, pool) : [];
  const hasL2 = ads.some((a) => a.kind === 'L2Advertisement');
  const hasBGP = ads.some((a) => a.kind === 'BGPAdvertisement');
  const none: Reason = { code: 'noAdvertisementSelectsPool', params: { pool: pool?.metadata?.name ?? '' } };
  const sessions = sessionsByNodeAndPeer(snap);
  return [...nodePlans.plans].map(([node, plan]): NodeVerdict => {
    const speaker = nodePlans.running.has(node);
    const out: NodeVerdict = { node, speaker };
    if (hasL2 || !hasBGP)
      out.l2 = hasL2 ? l2Verdict(snap, plan, key, node) : { announces: false, reason: none };
    if (hasBGP || !hasL2) {
      out.bgp = hasBGP
        ? speaker
          ? bgpVerdict(snap, sessions, plan, key, node)
          : { announces: false, reason: { code: 'speakerNotRunning', params: { node } }, peers: [] }
        : { announces: false, reason: none, peers: [] };
    }
    return out;
  });
}

function l2Verdict(snap: ClusterSnapshot, plan: DesiredState, key: string, node: string): NodeVerdict['l2'] {
  const planned = plan.l2.announce.find((a) => a.key === key);
  if (planned) {
    const status = snap.l2Statuses.find((s) => s.status?.node === node && statusKey(s.status) === key);
    if (!status) {
      return {
        announces: false,
        reason: { code: 'notAnsweringOnWire', params: { node } },
        interfaces: planned.interfaces,
      };
    }
    const reported = (status.status?.interfaces ?? []).map((i) => i.name);
    return {
      announces: true,
      reason: { code: 'announcing', params: { node } },
      interfaces: planned.interfaces,
      reported,
    };
  }
  const skipped = plan.l2.skipped.find((s) => s.key === key)!;
  const params: Record<string, string> = { node };
  if (skipped.cause === 'notWinner' && skipped.winner) params.winner = skipped.winner;
  if (skipped.cause === 'nodeLabeledExcludeBalancers') params.label = EXCLUDE_LB_LABEL;
  return { announces: false, reason: { code: skipped.cause, params } };
}

const BGP_REASONS = {
  notOwner: 'nodeNotSelected',
  noMatchingAdvertisement: 'serviceNotSelected',
  conflictingAdvertisements: 'conflictingAdvertisements',
  nodeNetworkUnavailable: 'nodeNetworkUnavailable',
  nodeLabeledExcludeBalancers: 'nodeLabeledExcludeBalancers',
  noLocalEndpoints: 'noLocalEndpoint',
  noEndpoints: 'noServingEndpoints',
} as const;

function bgpVerdict(
  snap: ClusterSnapshot,
  sessions: SessionIndex,
  plan: DesiredState,
  key: string,
  node: string,
): NodeVerdict['bgp'] {
  const skipped = plan.bgp.skipped.find((s) => s.key === key);
  if (skipped) {
    const params: Record<string, string> = { node };
    if (skipped.reason === 'nodeLabeledExcludeBalancers') params.label = EXCLUDE_LB_LABEL;
    return { announces: false, reason: { code: BGP_REASONS[skipped.reason], params }, peers: [] };
  }
  const announced = plan.bgp.announce.find((a) => a.key === key);
  const peers = [...snap.bgpPeers]
    .map((p) => p.metadata?.name ?? '')
    .sort()
    .map((peer): PeerVerdict => {
      const session = plan.bgp.sessions.find((s) => s.peer === peer);
      if (!session)
        return { peer, sent: false, reason: { code: 'peerNotForNode', params: { peer, node } }, routes: [] };
      const state = sessionState(sessions.get(sessionKey(node, peer)));
      const base = state ? { session: state } : {};
      if (!announced?.peers.includes(peer)) {
        return {
          peer,
          sent: false,
          reason: { code: 'advertisementNotForPeer', params: { peer } },
          routes: [],
          ...base,
        };
      }
      const mine = session.advertisements.filter((a) => announced.ips.includes(a.ip));
      const prefixes = new Set(routesFor(mine).routes.map((r) => r.prefix));
      const routes = session.routes.filter((r) => prefixes.has(r.prefix)).map(toAttributes);
      return { peer, sent: true, reason: { code: 'routeSent', params: { peer } }, routes, ...base };
    });
  return { announces: !!announced, reason: { code: 'announcing', params: { node } }, peers };
}

function toAttributes(r: {
  prefix: string;
  localPref?: number;
  communities: number[];
  largeCommunities: { global: number; local1: number; local2: number }[];
}): RouteAttributes {
  return {
    prefix: r.prefix,
    ...(r.localPref !== undefined ? { localPref: r.localPref } : {}),
    communities: r.communities.map(formatCommunity),
    largeCommunities: r.largeCommunities.map(formatLargeCommunity),
  };
}

type SessionIndex = ReadonlyMap<string, BGPSessionStateStatus>;
const sessionKey = (node: string, peer: string) => `${node}\n${peer}`;

/** BGPSessionState status by node and peer (the first one listed, as a search would find it). */
function sessionsByNodeAndPeer(snap: ClusterSnapshot): SessionIndex {
  const out = new Map<string, BGPSessionStateStatus>();
  for (const x of snap.sessions) {
    if (!x.status || x.status.node === undefined || x.status.peer === undefined) continue;
    const k = sessionKey(x.status.node, x.status.peer);
    if (!out.has(k)) out.set(k, x.status);
  }
  return out;
}

function sessionState(s: BGPSessionStateStatus | undefined): PeerVerdict['session'] {
  if (!s) return undefined;
  return {
    ...(s.bgpState ? { bgpState: s.bgpState } : {}),
    ...(s.bfdState ? { bfdState: s.bfdState } : {}),
    ...(s.lastError ? { lastError: s.lastError } : {}),
    ...(s.prefixesSent !== undefined ? { prefixesSent: s.prefixesSent } : {}),
  };
}

function statusKey(s: { serviceNamespace?: string; serviceName?: string } | undefined): string {
  return keyOf({ metadata: { namespace: s?.serviceNamespace ?? '', name: s?.serviceName ?? '' } });
}
