// What a speaker should be doing, computed from everything it watches: the L2 announcements, the
// BGP sessions with their routes, and the status objects that report them. Pure: the speaker's
// shells (announcer, BGP sessions, status writers) apply the result, and the backend runs the same
// plan for every node to explain and preview announcements.
import type { BFDProfileSpec, ServiceBGPStatusStatus, ServiceL2StatusStatus } from '../types';
import { planBGP, type BGPPlan } from './bgp';
import { communityAliases, type AliasMap } from './community-aliases';
import type { ElectionEndpoint, ElectionNode } from './election';
import type { PlanInput } from './inputs';
import type { L2RankingMemo } from './l2-ranking';
import { planL2, type L2Plan } from './l2';
import { electionNode } from './nodes';
import {
  considerServiceOnce,
  endpointsByService,
  poolsToken,
  serviceKey,
  serviceRef,
  type ConsideredService,
  type IgnoredReason,
} from './services';
import { nodesContext, type ServicePlanMemo } from './service-memo';
import { desiredBGPStatuses, desiredL2Statuses } from './statuses';

export type { PlanInput, NodeInput, ServiceInput, EndpointSliceInput } from './inputs';
export type { L2Plan, L2Announcement, L2Skipped } from './l2';
export type { BGPPlan, BGPSession, BGPServiceAnnouncement, BGPSkipped, BGPSkipReason } from './bgp';
export type { IgnoredReason, ServiceRef } from './services';
export { serviceKey } from './services';
export { ServicePlanMemo } from './service-memo';

export interface DesiredState {
  node: string;
  /** Services neither protocol handles (not LoadBalancer, no IP, IP in no pool), sorted by key. */
  ignored: { key: string; reason: IgnoredReason }[];
  l2: L2Plan;
  bgp: BGPPlan;
  /** ServiceL2Status content by Service key. */
  l2Statuses: Map<string, ServiceL2StatusStatus>;
  /** ServiceBGPStatus content by Service key. */
  bgpStatuses: Map<string, ServiceBGPStatusStatus>;
}

export function desiredState(input: PlanInput): DesiredState {
  return planNode(prepare(input), input.node, input.l2Memo, input.serviceMemo);
}

/** What every node's plan reads of the inputs, derived once: Services considered, nodes, endpoints. */
export interface PreparedInput {
  readonly input: Omit<PlanInput, 'node'>;
  readonly considered: readonly ConsideredService[];
  readonly ignored: DesiredState['ignored'];
  readonly nodes: readonly ElectionNode[];
  readonly endpoints: ReadonlyMap<string, readonly ElectionEndpoint[]>;
  readonly bfdProfiles: ReadonlyMap<string, BFDProfileSpec>;
  readonly aliases: AliasMap;
}

/**
 * The node-independent part of the plan. The speaker plans one node, so this is a step of
 * desiredState; the backend plans every node on the same inputs and prepares them once (parsing
 * pools and considering every Service once, not once per node).
 */
export function prepare(input: Omit<PlanInput, 'node'>): PreparedInput {
  const pools = poolsToken(input.pools);
  const considered: ConsideredService[] = [];
  const ignored: DesiredState['ignored'] = [];
  for (const svc of input.services) {
    const c = considerServiceOnce(svc, pools, input.lbClass);
    if (typeof c === 'string') {
      // Other Service types and classes are not worth listing; LoadBalancers without a usable IP are.
      if (c !== 'notLoadBalancer' && c !== 'otherClass')
        ignored.push({ key: serviceKey(serviceRef(svc)), reason: c });
    } else considered.push(c);
  }
  ignored.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return {
    input,
    considered,
    ignored,
    nodes: input.nodes.map(electionNode),
    endpoints: endpointsByService(input.endpointSlices),
    bfdProfiles: new Map(input.bfdProfiles.map((p) => [p.metadata?.name ?? '', p.spec ?? {}])),
    aliases: communityAliases(input.communities),
  };
}

/** The plan of `node` on prepared inputs (the memos as PlanInput.l2Memo and serviceMemo). */
export function planNode(
  prepared: PreparedInput,
  node: string,
  l2Memo?: L2RankingMemo,
  serviceMemo?: ServicePlanMemo,
): DesiredState {
  const { input, considered, nodes, endpoints } = prepared;
  const ignoreExcludeLB = input.ignoreExcludeLB ? { ignoreExcludeLB: true } : {};
  if (serviceMemo) {
    // Everything besides the Service and its endpoints that an outcome reads: when any of it
    // changes, every Service is planned again.
    const common = [node, !!input.ignoreExcludeLB, ...nodesContext(input.nodes, input.members)];
    serviceMemo.l2.begin([...common, ...input.l2Advertisements]);
    serviceMemo.bgp.begin([...common, ...input.bgpAdvertisements, ...input.bgpPeers, ...input.communities]);
  }
  const l2 = planL2(considered, {
    node,
    nodes,
    advertisements: input.l2Advertisements,
    endpoints,
    members: input.members,
    ...ignoreExcludeLB,
    ...(l2Memo ? { memo: l2Memo } : {}),
    ...(serviceMemo ? { results: serviceMemo.l2 } : {}),
  });
  const bgp = planBGP(considered, {
    node,
    nodes,
    advertisements: input.bgpAdvertisements,
    peers: input.bgpPeers,
    bfdProfiles: prepared.bfdProfiles,
    aliases: prepared.aliases,
    endpoints,
    ...ignoreExcludeLB,
    ...(serviceMemo ? { results: serviceMemo.bgp, routes: serviceMemo.routes } : {}),
  });
  return {
    node,
    // A copy per plan: callers own their plans.
    ignored: [...prepared.ignored],
    l2,
    bgp,
    l2Statuses: desiredL2Statuses(node, l2, serviceMemo?.statuses),
    bgpStatuses: desiredBGPStatuses(node, bgp, serviceMemo?.statuses),
  };
}
