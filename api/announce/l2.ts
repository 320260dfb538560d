// Layer 2: which Service IPs this node answers for, on which interfaces, and why not for the
// others. The election itself is election.ts; this applies it to every Service.
import type { L2Advertisement } from '../types';
import {
  advertisementsForService,
  announceInterfaces,
  l2Verdict,
  type ElectionEndpoint,
  type ElectionNode,
  type L2AnnounceReason,
  type L2Cause,
  type L2ElectionInput,
} from './election';
import { advertisementSelectsPool } from './pool-selection';
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
}

export function planL2(services: readonly ConsideredService[], ctx: L2Context): L2Plan {
  const plan: L2Plan = { announce: [], skipped: [] };
  const me = ctx.nodes.find((n) => n.name === ctx.node) ?? { name: ctx.node };
  for (const svc of services) {
    const ads = ctx.advertisements
      .filter((ad) => advertisementSelectsPool(ad.spec, svc.pool))
      .map((ad) => ad.spec ?? {});
    if (ads.length === 0) continue;
    const input: L2ElectionInput = {
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
    const verdict = l2Verdict(input, ctx.node);
    const base = { key: svc.key, service: svc.ref, ips: svc.ips };
    if (verdict.reason !== '') {
      const { reason, cause, winner } = verdict;
      plan.skipped.push({ ...base, reason, cause: cause!, ...(winner !== undefined ? { winner } : {}) });
      continue;
    }
    plan.announce.push({ ...base, interfaces: announceInterfaces(advertisementsForService(input), me) });
  }
  plan.announce.sort(byKey);
  plan.skipped.sort(byKey);
  return plan;
}

function byKey(a: { key: string }, b: { key: string }): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}
