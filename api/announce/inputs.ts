// What the speaker plans from: the parts of core/v1 Nodes and Services and discovery/v1
// EndpointSlices it reads, plus the metallb.io configuration. Structural types, so client-node's
// objects and plain test tables both fit.
import type {
  BFDProfile,
  BGPAdvertisement,
  BGPPeer,
  Community,
  IPAddressPool,
  L2Advertisement,
} from '../types';

import type { L2RankingMemo } from './l2-ranking';
import type { ServicePlanMemo } from './service-memo';

type Labels = Readonly<Record<string, string>>;

export interface NodeInput {
  metadata?: { name?: string; labels?: Labels };
  status?: { conditions?: readonly { type: string; status: string }[] };
}

export interface ServiceInput {
  metadata?: {
    name?: string;
    namespace?: string;
    labels?: Labels;
    annotations?: Labels;
  };
  spec?: { type?: string; externalTrafficPolicy?: string; loadBalancerClass?: string | null };
  status?: { loadBalancer?: { ingress?: readonly { ip?: string }[] } };
}

export interface EndpointSliceInput {
  metadata?: { namespace?: string; labels?: Labels };
  endpoints?: readonly {
    nodeName?: string;
    conditions?: { ready?: boolean | null; serving?: boolean | null };
  }[];
}

export interface PlanInput {
  /** The node this speaker runs on. */
  node: string;
  nodes: readonly NodeInput[];
  services: readonly ServiceInput[];
  endpointSlices: readonly EndpointSliceInput[];
  pools: readonly IPAddressPool[];
  l2Advertisements: readonly L2Advertisement[];
  bgpAdvertisements: readonly BGPAdvertisement[];
  bgpPeers: readonly BGPPeer[];
  bfdProfiles: readonly BFDProfile[];
  communities: readonly Community[];
  /** Names of live memberlist members; null when memberlist is disabled (every Node counts). */
  members: ReadonlySet<string> | null;
  /** The speaker's --ignore-exclude-lb flag. */
  ignoreExcludeLB?: boolean;
  /** The speaker's --lb-class: only Services of this class (unset: only Services without one). */
  lbClass?: string;
  /** The Layer 2 election's memory, kept by the caller from one plan to the next (l2-ranking.ts). */
  l2Memo?: L2RankingMemo;
  /** A speaker's per-Service outcomes from one plan to the next (service-memo.ts); one node only. */
  serviceMemo?: ServicePlanMemo;
}
