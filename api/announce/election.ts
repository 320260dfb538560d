// The Layer 2 announcing-node choice (upstream speaker ShouldAnnounce + sortL2Candidates, as the
// behaviour notes describe them). Pure and deterministic: the same inputs give the same winner on
// every speaker, which is what makes one node answer per IP without any coordination beyond
// memberlist's view of who is alive.
import { hash } from 'node:crypto';
import type { L2AdvertisementSpec, LabelSelector } from '../types';
import { selectorMatches, type Labels } from '../validation/label-selector';

export const EXCLUDE_LB_LABEL = 'node.kubernetes.io/exclude-from-external-load-balancers';

/** Why a node does not announce a Service; '' means it announces. Names as upstream's reasons. */
export type L2AnnounceReason =
  | ''
  | 'notOwner'
  | 'sharedIPWithServiceSelector'
  | 'noMatchingAdvertisement'
  | 'nodeNetworkUnavailable'
  | 'nodeLabeledExcludeBalancers';

export interface ElectionNode {
  name: string;
  labels?: Labels;
  /** The Node condition NetworkUnavailable is True. */
  networkUnavailable?: boolean;
}

/** An EndpointSlice endpoint, reduced to what the election reads. */
export interface ElectionEndpoint {
  nodeName?: string;
  ready?: boolean | null;
  serving?: boolean | null;
}

export interface L2ElectionInput {
  /** The Service's load-balancer IPs in status order; only the first one is hashed. */
  ips: readonly string[];
  serviceLabels?: Labels;
  /** The Service carries the metallb.io/allow-shared-ip annotation. */
  allowSharedIP?: boolean;
  externalTrafficPolicy?: 'Cluster' | 'Local';
  /** The L2Advertisements that select the Service's pool (before serviceSelectors). */
  advertisements: readonly L2AdvertisementSpec[];
  /** Every Node the speaker knows. */
  nodes: readonly ElectionNode[];
  /** Names of memberlist members (speakers alive); null when memberlist is disabled (all Nodes count). */
  members: ReadonlySet<string> | null;
  endpoints: readonly ElectionEndpoint[];
  /** The speaker's --ignore-exclude-lb flag. */
  ignoreExcludeLB?: boolean;
}

export interface L2ElectionResult {
  /** Candidates best first; empty when nobody may announce. */
  order: string[];
  /** order[0], or null. */
  winner: string | null;
  /** Preferred-node score per candidate (0 when no preference matches). */
  scores: Map<string, number>;
}

/** Upstream's "endpoint can serve": ready unset or true, or serving true. */
export function endpointCanServe(ep: ElectionEndpoint): boolean {
  return ep.ready == null || ep.ready === true || ep.serving === true;
}

/** Node exclusion for load balancing (applies to L2 and BGP), or '' when the node may announce. */
export function nodeExclusion(
  node: ElectionNode,
  ignoreExcludeLB = false,
): '' | 'nodeNetworkUnavailable' | 'nodeLabeledExcludeBalancers' {
  if (node.networkUnavailable) return 'nodeNetworkUnavailable';
  if (
    !ignoreExcludeLB &&
    node.labels &&
    Object.prototype.hasOwnProperty.call(node.labels, EXCLUDE_LB_LABEL)
  ) {
    return 'nodeLabeledExcludeBalancers';
  }
  return '';
}

/** An advertisement selects a node when it has no nodeSelectors or any of them matches (OR). */
export function advertisementSelectsNode(ad: L2AdvertisementSpec, labels: Labels | undefined): boolean {
  const sels = ad.nodeSelectors ?? [];
  return sels.length === 0 || sels.some((s) => selectorMatches(s, labels));
}

/** An advertisement applies to a Service when it has no serviceSelectors or any of them matches. */
export function advertisementSelectsService(ad: L2AdvertisementSpec, labels: Labels | undefined): boolean {
  const sels: LabelSelector[] = ad.serviceSelectors ?? [];
  return sels.length === 0 || sels.some((s) => selectorMatches(s, labels));
}

/** Hex sha256 of `node + "#" + ip`: the election key. */
export function l2ElectionKey(node: string, ip: string): string {
  // One-shot hashing: about twice as fast as createHash() per key, which matters at 1,000 nodes.
  return hash('sha256', `${node}#${ip}`, 'hex');
}

/**
 * Candidates best first: higher preferred score first, then ascending sha256(node#ip) (hex order
 * equals byte order). Names with equal keys cannot occur (distinct names hash apart), but names are
 * compared last anyway so that the order is total.
 */
export function sortL2Candidates(
  nodes: readonly string[],
  ip: string,
  scores: ReadonlyMap<string, number> = new Map(),
): string[] {
  const keyed = nodes.map((n) => ({ n, key: l2ElectionKey(n, ip), score: scores.get(n) ?? 0 }));
  keyed.sort((a, b) => b.score - a.score || cmp(a.key, b.key) || cmp(a.n, b.n));
  return keyed.map((k) => k.n);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The preferred-node score of a node: the weights of every preferredNodeSelectors entry whose
 * preference matches it, summed over the advertisements that apply to the Service. An
 * advertisement adds weight only to nodes its nodeSelectors allow (preferences are soft; node
 * selectors stay a hard filter).
 */
export function preferredScore(ads: readonly L2AdvertisementSpec[], node: ElectionNode): number {
  let score = 0;
  for (const ad of ads) {
    if (!advertisementSelectsNode(ad, node.labels)) continue;
    for (const p of ad.preferredNodeSelectors ?? []) {
      if (selectorMatches(p.preference, node.labels)) score += p.weight;
    }
  }
  return score;
}

/** The advertisements that apply to the Service (the pool's ads filtered by serviceSelectors). */
export function advertisementsForService(input: L2ElectionInput): L2AdvertisementSpec[] {
  return input.advertisements.filter((ad) => advertisementSelectsService(ad, input.serviceLabels));
}

/** Nodes that may announce for these advertisements: alive, not excluded, selected by one of them. */
export function eligibleNodes(
  input: Pick<L2ElectionInput, 'nodes' | 'members' | 'ignoreExcludeLB'>,
  ads: readonly L2AdvertisementSpec[],
): ElectionNode[] {
  return input.nodes.filter(
    (n) =>
      (input.members === null || input.members.has(n.name)) &&
      nodeExclusion(n, input.ignoreExcludeLB) === '' &&
      ads.some((ad) => advertisementSelectsNode(ad, n.labels)),
  );
}

/** Names of the nodes with an endpoint that can serve. */
export function servingNodes(endpoints: readonly ElectionEndpoint[]): Set<string> {
  const out = new Set<string>();
  for (const e of endpoints) if (e.nodeName && endpointCanServe(e)) out.add(e.nodeName);
  return out;
}

/** The candidate order for the Service, independent of which node asks. */
export function electL2(input: L2ElectionInput): L2ElectionResult {
  const empty: L2ElectionResult = { order: [], winner: null, scores: new Map() };
  const firstIP = input.ips[0];
  const serving = input.endpoints.filter(endpointCanServe);
  if (firstIP === undefined || serving.length === 0) return empty;
  const ads = advertisementsForService(input);
  if (ads.length === 0) return empty;
  const local = input.externalTrafficPolicy === 'Local';
  const endpointNodes = servingNodes(input.endpoints);
  const candidates = eligibleNodes(input, ads).filter((n) => !local || endpointNodes.has(n.name));
  const scores = new Map(candidates.map((n) => [n.name, preferredScore(ads, n)]));
  const order = sortL2Candidates(
    candidates.map((n) => n.name),
    firstIP,
    scores,
  );
  return { order, winner: order[0] ?? null, scores };
}

/** What l2Verdict needs of an election: the winner, and whether a node was a candidate. */
export interface L2Election {
  winner: string | null;
  isCandidate: (node: string) => boolean;
}

function fullElection(input: L2ElectionInput): L2Election {
  const { winner, order } = electL2(input);
  return { winner, isCandidate: (n) => order.includes(n) };
}

/**
 * Why a node does not announce, finer than upstream's reason (notOwner has four causes,
 * noMatchingAdvertisement two): what explanations show. The speaker only needs the reason.
 */
export type L2Cause =
  | 'noServingEndpoints'
  | 'sharedIPWithServiceSelector'
  | 'serviceNotSelected'
  | 'nodeNotSelected'
  | 'nodeNetworkUnavailable'
  | 'nodeLabeledExcludeBalancers'
  | 'speakerNotRunning'
  | 'noLocalEndpoint'
  | 'notWinner';

export interface L2Verdict {
  /** Upstream's reason; '' when the node announces. */
  reason: L2AnnounceReason;
  /** Set exactly when reason is not ''. */
  cause?: L2Cause;
  /** The election's winner (null: nobody may announce), once the checks reach the election. */
  winner?: string | null;
}

/**
 * Whether `myNode` announces the Service, in upstream's order of checks: no serving endpoint
 * anywhere → notOwner; a shared IP with an ad carrying serviceSelectors →
 * sharedIPWithServiceSelector; no applicable ad selects my node → noMatchingAdvertisement; my node
 * excluded → its exclusion reason; otherwise '' when I win the election, else notOwner.
 */
export function l2Verdict(
  input: L2ElectionInput,
  myNode: string,
  elect: (input: L2ElectionInput) => L2Election = fullElection,
): L2Verdict {
  if (!input.endpoints.some(endpointCanServe)) return { reason: 'notOwner', cause: 'noServingEndpoints' };
  const ads = advertisementsForService(input);
  if (input.allowSharedIP && ads.some((ad) => (ad.serviceSelectors ?? []).length > 0)) {
    return { reason: 'sharedIPWithServiceSelector', cause: 'sharedIPWithServiceSelector' };
  }
  const me = input.nodes.find((n) => n.name === myNode);
  if (!ads.some((ad) => advertisementSelectsNode(ad, me?.labels))) {
    const cause = ads.length === 0 ? 'serviceNotSelected' : 'nodeNotSelected';
    return { reason: 'noMatchingAdvertisement', cause };
  }
  if (me) {
    const excluded = nodeExclusion(me, input.ignoreExcludeLB);
    if (excluded) return { reason: excluded, cause: excluded };
  }
  const { winner, isCandidate } = elect(input);
  if (winner === myNode) return { reason: '', winner };
  // Not a candidate: not alive, or (ETP Local) no serving endpoint here; else another node won.
  let cause: L2Cause = 'notWinner';
  if (!isCandidate(myNode)) {
    if (input.members !== null && !input.members.has(myNode)) cause = 'speakerNotRunning';
    else if (input.externalTrafficPolicy === 'Local') cause = 'noLocalEndpoint';
  }
  return { reason: 'notOwner', cause, winner };
}

export function shouldAnnounceL2(input: L2ElectionInput, myNode: string): L2AnnounceReason {
  return l2Verdict(input, myNode).reason;
}

/**
 * The interfaces `node` announces on: the union of the interfaces of the applicable ads that select
 * it, or 'all' when any of them lists none. Empty when no ad selects the node.
 */
export function announceInterfaces(
  ads: readonly L2AdvertisementSpec[],
  node: ElectionNode,
): string[] | 'all' {
  const out = new Set<string>();
  for (const ad of ads) {
    if (!advertisementSelectsNode(ad, node.labels)) continue;
    if ((ad.interfaces ?? []).length === 0) return 'all';
    for (const i of ad.interfaces!) out.add(i);
  }
  return [...out].sort();
}
