// What a speaker should be doing, computed from everything it watches: the L2 announcements, the
// BGP sessions with their routes, and the status objects that report them. Pure: the speaker's
// shells (announcer, BGP sessions, status writers) apply the result, and the backend runs the same
// plan for every node to explain and preview announcements.
import type { ServiceBGPStatusStatus, ServiceL2StatusStatus } from '../types';
import { planBGP, type BGPPlan } from './bgp';
import { communityAliases } from './community-aliases';
import type { PlanInput } from './inputs';
import { planL2, type L2Plan } from './l2';
import { electionNode } from './nodes';
import {
  considerService,
  endpointsByService,
  parsePoolRanges,
  serviceKey,
  serviceRef,
  type ConsideredService,
  type IgnoredReason,
} from './services';
import { desiredBGPStatuses, desiredL2Statuses } from './statuses';

export type { PlanInput, NodeInput, ServiceInput, EndpointSliceInput } from './inputs';
export type { L2Plan, L2Announcement, L2Skipped } from './l2';
export type { BGPPlan, BGPSession, BGPServiceAnnouncement, BGPSkipped, BGPSkipReason } from './bgp';
export type { IgnoredReason, ServiceRef } from './services';
export { serviceKey } from './services';

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
  const pools = parsePoolRanges(input.pools);
  const considered: ConsideredService[] = [];
  const ignored: DesiredState['ignored'] = [];
  for (const svc of input.services) {
    const c = considerService(svc, pools, input.lbClass);
    if (typeof c === 'string') {
      // Other Service types and classes are not worth listing; LoadBalancers without a usable IP are.
      if (c !== 'notLoadBalancer' && c !== 'otherClass')
        ignored.push({ key: serviceKey(serviceRef(svc)), reason: c });
    } else considered.push(c);
  }
  ignored.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const nodes = input.nodes.map(electionNode);
  const endpoints = endpointsByService(input.endpointSlices);
  const ignoreExcludeLB = input.ignoreExcludeLB ? { ignoreExcludeLB: true } : {};
  const l2 = planL2(considered, {
    node: input.node,
    nodes,
    advertisements: input.l2Advertisements,
    endpoints,
    members: input.members,
    ...ignoreExcludeLB,
    ...(input.l2Memo ? { memo: input.l2Memo } : {}),
  });
  const bgp = planBGP(considered, {
    node: input.node,
    nodes,
    advertisements: input.bgpAdvertisements,
    peers: input.bgpPeers,
    bfdProfiles: new Map(input.bfdProfiles.map((p) => [p.metadata?.name ?? '', p.spec ?? {}])),
    aliases: communityAliases(input.communities),
    endpoints,
    ...ignoreExcludeLB,
  });
  return {
    node: input.node,
    ignored,
    l2,
    bgp,
    l2Statuses: desiredL2Statuses(input.node, l2),
    bgpStatuses: desiredBGPStatuses(input.node, bgp),
  };
}
