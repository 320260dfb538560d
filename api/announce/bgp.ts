// BGP: the peers this node opens sessions with (BGPPeer nodeSelectors), and per peer the
// advertisement specs (input of routesFor) of the Services this node advertises, with the reason
// for every Service it does not. ETP Cluster: every eligible node advertises (ECMP); ETP Local:
// only nodes holding a serving endpoint.
import type {
  BFDProfileSpec,
  BGPAdvertisement,
  BGPAdvertisementSpec,
  BGPPeer,
  BGPPeerSpecV1beta2,
} from '../types';
import { routesFor, type AdvertisementSpec, type Route } from './advertisement';
import { endpointCanServe, nodeExclusion, type ElectionEndpoint, type ElectionNode } from './election';
import { resolveCommunities, type AliasMap } from './community-aliases';
import { advertisementSelectsPool, selectorsAllow } from './pool-selection';
import type { ConsideredService, ServiceRef } from './services';
import { ServiceResults } from './service-memo';

export type BGPSkipReason =
  | 'notOwner'
  | 'noMatchingAdvertisement'
  | 'conflictingAdvertisements'
  | 'nodeNetworkUnavailable'
  | 'nodeLabeledExcludeBalancers'
  | 'noLocalEndpoints'
  | 'noEndpoints';

export interface BGPSession {
  /** The BGPPeer's name. */
  peer: string;
  spec: BGPPeerSpecV1beta2;
  /** The referenced BFDProfile, when it exists. */
  bfdProfile?: { name: string; spec: BFDProfileSpec };
  /** What to announce to this peer, sorted by IP: the input of routesFor. */
  advertisements: AdvertisementSpec[];
  /** routesFor(advertisements).routes. */
  routes: Route[];
}

export interface BGPServiceAnnouncement {
  key: string;
  service: ServiceRef;
  ips: string[];
  /** Sorted names of the peers that receive a prefix of this Service. */
  peers: string[];
}

export interface BGPSkipped {
  key: string;
  service: ServiceRef;
  ips: string[];
  reason: BGPSkipReason;
}

export interface BGPPlan {
  /** Sorted by peer name. */
  sessions: BGPSession[];
  /** Services this node advertises (possibly to no peer), sorted by key. */
  announce: BGPServiceAnnouncement[];
  /** Services of pools with BGP advertisements this node does not advertise, sorted by key. */
  skipped: BGPSkipped[];
  /** Dangling references (unknown community alias, missing BFD profile); the rest still plans. */
  problems: string[];
}

export interface BGPContext {
  node: string;
  nodes: readonly ElectionNode[];
  advertisements: readonly BGPAdvertisement[];
  peers: readonly BGPPeer[];
  bfdProfiles: ReadonlyMap<string, BFDProfileSpec>;
  aliases: AliasMap;
  endpoints: ReadonlyMap<string, readonly ElectionEndpoint[]>;
  ignoreExcludeLB?: boolean;
  /** Kept by a speaker across passes, begun with this pass's context (desired-state.ts). */
  results?: BGPResults;
  /** Kept by a speaker across passes: each session's last routes, by peer. */
  routes?: Map<string, { advertisements: AdvertisementSpec[]; routes: Route[] }>;
}

/** One Service's outcome on this node, with the dangling references its advertisements made. */
export type BGPOutcome = { problems: string[] } & (
  | { skipped: BGPSkipped }
  | { announce: BGPServiceAnnouncement; specsByPeer: Map<string, AdvertisementSpec[]> }
);
export type BGPResults = ServiceResults<BGPOutcome>;

/** The BGPPeers whose nodeSelectors select the node (none means every node), sorted by name. */
export function peersForNode(peers: readonly BGPPeer[], node: ElectionNode): BGPPeer[] {
  return peers
    .filter((p) => selectorsAllow(p.spec?.nodeSelectors, node.labels))
    .sort((a, b) => cmp(a.metadata?.name ?? '', b.metadata?.name ?? ''));
}

/** An advertisement goes to a peer when its peers list is empty or names the peer. */
export function advertisementTargetsPeer(ad: BGPAdvertisementSpec, peer: string): boolean {
  const list = ad.peers ?? [];
  return list.length === 0 || list.includes(peer);
}

interface NamedAd {
  name: string;
  spec: BGPAdvertisementSpec;
}

export function planBGP(services: readonly ConsideredService[], ctx: BGPContext): BGPPlan {
  const me = ctx.nodes.find((n) => n.name === ctx.node) ?? { name: ctx.node, labels: {} };
  const problems = new Set<string>();
  const peers = peersForNode(ctx.peers, me);
  const perPeer = new Map<string, AdvertisementSpec[]>(peers.map((p) => [p.metadata?.name ?? '', []]));
  const plan: BGPPlan = { sessions: [], announce: [], skipped: [], problems: [] };
  const ads: NamedAd[] = ctx.advertisements.map((a) => ({
    name: a.metadata?.name ?? '',
    spec: a.spec ?? {},
  }));
  const exclusion = nodeExclusion(me, ctx.ignoreExcludeLB);

  // Which advertisements select a pool, and which of those select this node: per pool, not per
  // Service (20 pools, 10,000 Services).
  const byPool = new Map<object, { poolAds: NamedAd[]; mine: NamedAd[] }>();
  const forPool = (pool: ConsideredService['pool']) => {
    let e = byPool.get(pool);
    if (!e) {
      const poolAds = ads.filter((a) => advertisementSelectsPool(a.spec, pool));
      e = { poolAds, mine: poolAds.filter((a) => selectorsAllow(a.spec.nodeSelectors, me.labels)) };
      byPool.set(pool, e);
    }
    return e;
  };

  // Without a speaker's memo, a throwaway one: every Service is planned afresh.
  const results = ctx.results ?? ServiceResults.fresh<BGPOutcome>();
  for (const svc of services) {
    const { poolAds, mine } = forPool(svc.pool);
    if (poolAds.length === 0) continue;
    const outcome = results.get(svc, ctx.endpoints.get(svc.key), (): BGPOutcome => {
      const base = { key: svc.key, service: svc.ref, ips: svc.ips };
      const found: string[] = [];
      const applicable = mine.filter((a) => selectorsAllow(a.spec.serviceSelectors, svc.labels));
      const specsByPeer = new Map<string, AdvertisementSpec[]>();
      for (const peerName of perPeer.keys()) {
        const specs = applicable
          .filter((a) => advertisementTargetsPeer(a.spec, peerName))
          .flatMap((a) => specsFor(svc.ips, a, ctx.aliases, found));
        if (specs.length > 0) specsByPeer.set(peerName, specs);
      }
      const reason = skipReason(svc, mine, applicable, specsByPeer, exclusion, ctx);
      if (reason) return { skipped: { ...base, reason }, problems: found };
      return {
        announce: { ...base, peers: [...specsByPeer.keys()].sort(cmp) },
        specsByPeer,
        problems: found,
      };
    });
    for (const p of outcome.problems) problems.add(p);
    if ('skipped' in outcome) {
      plan.skipped.push(outcome.skipped);
      continue;
    }
    for (const [peerName, specs] of outcome.specsByPeer) perPeer.get(peerName)!.push(...specs);
    plan.announce.push(outcome.announce);
  }
  results.end();

  for (const peer of peers) {
    const name = peer.metadata?.name ?? '';
    const advertisements = perPeer.get(name)!.sort((a, b) => cmp(a.ip, b.ip));
    const session: BGPSession = {
      peer: name,
      spec: peer.spec,
      advertisements,
      routes: sessionRoutes(name, advertisements, ctx.routes),
    };
    const profile = peer.spec?.bfdProfile;
    if (profile) {
      const spec = ctx.bfdProfiles.get(profile);
      if (spec) session.bfdProfile = { name: profile, spec };
      else
        problems.add(
          `BGPPeer ${JSON.stringify(name)} references BFDProfile ${JSON.stringify(profile)}, which does not exist`,
        );
    }
    plan.sessions.push(session);
  }
  plan.announce.sort(byKey);
  plan.skipped.sort(byKey);
  plan.problems = [...problems].sort(cmp);
  return plan;
}

/** routesFor(advertisements).routes; last pass's when the advertisements are the same objects. */
function sessionRoutes(
  peer: string,
  advertisements: AdvertisementSpec[],
  memo: BGPContext['routes'],
): Route[] {
  const last = memo?.get(peer);
  if (
    last &&
    last.advertisements.length === advertisements.length &&
    last.advertisements.every((a, i) => a === advertisements[i])
  )
    return last.routes;
  const routes = routesFor(advertisements).routes;
  memo?.set(peer, { advertisements, routes });
  return routes;
}

/** Upstream's BGP ShouldAnnounce checks, in its order; undefined when the node advertises. */
function skipReason(
  svc: ConsideredService,
  mine: readonly NamedAd[],
  applicable: readonly NamedAd[],
  specsByPeer: ReadonlyMap<string, AdvertisementSpec[]>,
  exclusion: '' | 'nodeNetworkUnavailable' | 'nodeLabeledExcludeBalancers',
  ctx: BGPContext,
): BGPSkipReason | undefined {
  if (mine.length === 0) return 'notOwner';
  if (applicable.length === 0) return 'noMatchingAdvertisement';
  for (const specs of specsByPeer.values()) {
    if (conflictingLocalPref(specs)) return 'conflictingAdvertisements';
  }
  if (exclusion) return exclusion;
  const serving = (ctx.endpoints.get(svc.key) ?? []).filter(endpointCanServe);
  if (svc.local) {
    if (!serving.some((e) => e.nodeName === ctx.node)) return 'noLocalEndpoints';
  } else if (serving.length === 0) return 'noEndpoints';
  return undefined;
}

/** Two specs of the same prefix with different LOCAL_PREFs (routesFor reports the conflict). */
function conflictingLocalPref(specs: readonly AdvertisementSpec[]): boolean {
  // Without two different LOCAL_PREFs there is nothing to conflict: the usual case, decided
  // without computing the routes.
  const first = specs.find((s) => s.localPref !== undefined)?.localPref;
  if (first === undefined || specs.every((s) => s.localPref === undefined || s.localPref === first))
    return false;
  return routesFor(specs).errors.some((e) => e.startsWith('conflicting LOCAL_PREF'));
}

function specsFor(
  ips: readonly string[],
  ad: NamedAd,
  aliases: AliasMap,
  problems: string[],
): AdvertisementSpec[] {
  const { values, unknown } = resolveCommunities(ad.spec.communities, aliases);
  for (const u of unknown) {
    problems.push(
      `BGPAdvertisement ${JSON.stringify(ad.name)} uses community ${JSON.stringify(u)}, which is neither a community nor a known alias`,
    );
  }
  return ips.map((ip) => ({
    ip,
    ...(ad.spec.aggregationLength !== undefined ? { aggregationLength: ad.spec.aggregationLength } : {}),
    ...(ad.spec.aggregationLengthV6 !== undefined
      ? { aggregationLengthV6: ad.spec.aggregationLengthV6 }
      : {}),
    ...(ad.spec.localPref !== undefined ? { localPref: ad.spec.localPref } : {}),
    ...(values.length > 0 ? { communities: values } : {}),
  }));
}

function byKey(a: { key: string }, b: { key: string }): number {
  return cmp(a.key, b.key);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
