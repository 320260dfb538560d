// Layer 2: which Service IPs this node answers for, on which interfaces, and why not for the
// others. The election itself is election.ts; this applies it to every Service.
import type { L2Advertisement, L2AdvertisementSpec } from '../types';
import {
  advertisementsForService,
  announceInterfaces,
  eligibleNodes,
  endpointCanServe,
  l2Verdict,
  preferredScore,
  servingNodes,
  sortL2Candidates,
  type ElectionEndpoint,
  type ElectionNode,
  type L2AnnounceReason,
  type L2Cause,
  type L2Election,
  type L2ElectionInput,
} from './election';
import { candidateGroup, L2RankingMemo } from './l2-ranking';
import { advertisementSelectsPool } from './pool-selection';
import { ServiceResults } from './service-memo';
import type { ConsideredService, ServiceRef } from './services';

export interface L2Announcement {
  key: string;
  service: ServiceRef;
  ips: string[];
  /** Sorted interface names, or 'all' when some applicable advertisement lists none. */
  interfaces: string[] | 'all';
}

export interface L2Skipped {
  key: string;
  service: ServiceRef;
  ips: string[];
  reason: Exclude<L2AnnounceReason, ''>;
  /** The finer cause (explanations); the speaker acts on `reason` alone. */
  cause: L2Cause;
  /** The election's winner, when the checks reached the election. */
  winner?: string | null;
}

export interface L2Plan {
  /** Sorted by key. */
  announce: L2Announcement[];
  /** Services of pools with L2 advertisements that this node does not announce, sorted by key. */
  skipped: L2Skipped[];
}

export interface L2Context {
  node: string;
  nodes: readonly ElectionNode[];
  advertisements: readonly L2Advertisement[];
  endpoints: ReadonlyMap<string, readonly ElectionEndpoint[]>;
  members: ReadonlySet<string> | null;
  ignoreExcludeLB?: boolean;
  /** Kept by the caller across passes (and across nodes planned on the same inputs). */
  memo?: L2RankingMemo;
  /** Kept by a speaker across passes, begun with this pass's context (desired-state.ts). */
  results?: L2Results;
}

/** One Service's outcome on this node: announced, or skipped and why. */
export type L2Outcome = { announce: L2Announcement } | { skipped: L2Skipped };
export type L2Results = ServiceResults<L2Outcome>;

export function planL2(services: readonly ConsideredService[], ctx: L2Context): L2Plan {
  const plan: L2Plan = { announce: [], skipped: [] };
  const me = ctx.nodes.find((n) => n.name === ctx.node) ?? { name: ctx.node };
  const { memo, elect, adsFor } = electionPass(ctx);
  // Without a speaker's memo, a throwaway one: every Service is planned afresh.
  const results = ctx.results ?? ServiceResults.fresh<L2Outcome>();
  for (const svc of services) {
    const ads = adsFor(svc.pool);
    if (ads.length === 0) continue;
    const outcome = results.get(svc, ctx.endpoints.get(svc.key), () => {
      const input = electionInput(svc, ads, ctx);
      const verdict = l2Verdict(input, ctx.node, elect);
      const base = { key: svc.key, service: svc.ref, ips: svc.ips };
      if (verdict.reason !== '') {
        const { reason, cause, winner } = verdict;
        return { skipped: { ...base, reason, cause: cause!, ...(winner !== undefined ? { winner } : {}) } };
      }
      return { announce: { ...base, interfaces: announceInterfaces(advertisementsForService(input), me) } };
    });
    // A reused outcome still counts as asked: the election memo keeps this IP's ranking.
    if (svc.ips[0] !== undefined) memo.keep(svc.ips[0]);
    if ('announce' in outcome) plan.announce.push(outcome.announce);
    else plan.skipped.push(outcome.skipped);
  }
  results.end();
  memo.endPass();
  plan.announce.sort(byKey);
  plan.skipped.sort(byKey);
  return plan;
}

type ElectionContext = Omit<L2Context, 'node' | 'results'>;

/** What planL2 and l2Announcers set up for a pass: the memoized election, each pool's advertisements. */
function electionPass(ctx: ElectionContext) {
  // One spec object per advertisement for the whole pass: candidate groups are keyed by them.
  const specs = ctx.advertisements.map((ad) => ad.spec ?? {});
  const memo = ctx.memo ?? new L2RankingMemo();
  memo.beginPass();
  const elect = memoElection(memo, new Map(specs.map((spec, i) => [spec, i])));
  // The advertisements selecting each pool, once per pool rather than once per Service.
  const byPool = new Map<object, L2AdvertisementSpec[]>();
  const adsFor = (pool: ConsideredService['pool']): L2AdvertisementSpec[] => {
    let ads = byPool.get(pool);
    if (!ads) byPool.set(pool, (ads = specs.filter((spec) => advertisementSelectsPool(spec, pool))));
    return ads;
  };
  return { memo, elect, adsFor };
}

function electionInput(
  svc: ConsideredService,
  ads: readonly L2AdvertisementSpec[],
  ctx: ElectionContext,
): L2ElectionInput {
  return {
    ips: svc.ips,
    serviceLabels: svc.labels,
    allowSharedIP: svc.allowSharedIP,
    externalTrafficPolicy: svc.local ? 'Local' : 'Cluster',
    advertisements: ads,
    nodes: ctx.nodes,
    members: ctx.members,
    endpoints: ctx.endpoints.get(svc.key) ?? [],
    ...(ctx.ignoreExcludeLB ? { ignoreExcludeLB: true } : {}),
  };
}

/**
 * The node announcing each Service by Layer 2, as every node's planL2 together would say, at the
 * cost of one plan: a node announces only when it is the election's winner and its own checks pass,
 * so only the winner is asked. Services no node announces are absent.
 */
export function l2Announcers(
  services: readonly ConsideredService[],
  ctx: ElectionContext,
): Map<string, string> {
  const { memo, elect, adsFor } = electionPass(ctx);
  const out = new Map<string, string>();
  for (const svc of services) {
    const ads = adsFor(svc.pool);
    if (ads.length === 0) continue;
    const input = electionInput(svc, ads, ctx);
    const { winner } = elect(input);
    if (winner && l2Verdict(input, winner, elect).reason === '') out.set(svc.key, winner);
  }
  memo.endPass();
  return out;
}

/**
 * electL2's winner through the memo: Services whose applicable advertisements are the same share
 * one candidate group; ETP Local ranks only the eligible nodes with a serving endpoint (a few).
 */
function memoElection(
  memo: L2RankingMemo,
  index: ReadonlyMap<object, number>,
): (input: L2ElectionInput) => L2Election {
  const none: L2Election = { winner: null, isCandidate: () => false };
  return (input) => {
    const ads = advertisementsForService(input);
    const ip = input.ips[0];
    if (ip === undefined || ads.length === 0 || !input.endpoints.some(endpointCanServe)) return none;
    const g = memo.group(ads.map((a) => index.get(a)).join(','), () => {
      const nodes = eligibleNodes(input, ads);
      return candidateGroup(
        nodes.map((n) => n.name),
        new Map(nodes.map((n) => [n.name, preferredScore(ads, n)])),
      );
    });
    if (input.externalTrafficPolicy === 'Local') {
      const names = [...servingNodes(input.endpoints)].filter((n) => g.set.has(n));
      return {
        winner: sortL2Candidates(names, ip, g.scores)[0] ?? null,
        isCandidate: (n) => names.includes(n),
      };
    }
    return { winner: memo.winner(ip, g), isCandidate: (n) => g.set.has(n) };
  };
}

function byKey(a: { key: string }, b: { key: string }): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}
