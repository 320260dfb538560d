// The MetalLB topology as a plain graph: what the backend's /api/v1/topology returns and the
// console page draws. Problems are codes with parameters, so the UI can translate them.
import type {
  BFDProfile,
  BGPAdvertisement,
  BGPPeer,
  BGPSessionState,
  IPAddressPool,
  L2Advertisement,
  ServiceBGPStatus,
  ServiceL2Status,
} from '../types';
import type { ServiceLike } from '../pool-usage';

export interface TopologyInput {
  pools: IPAddressPool[];
  l2Advertisements: L2Advertisement[];
  bgpAdvertisements: BGPAdvertisement[];
  bgpPeers: BGPPeer[];
  bfdProfiles: BFDProfile[];
  /** All Services; only type LoadBalancer ones are drawn. */
  services: ServiceLike[];
  l2Statuses: ServiceL2Status[];
  bgpStatuses: ServiceBGPStatus[];
  sessions: BGPSessionState[];
}

export type GraphNodeKind =
  | 'IPAddressPool'
  | 'L2Advertisement'
  | 'BGPAdvertisement'
  | 'BGPPeer'
  | 'BFDProfile'
  | 'Service'
  | 'Node'
  | 'ServiceGroup'
  | 'NodeGroup';

export type GraphEdgeType =
  'allocated-from' | 'advertised-by' | 'advertises-to' | 'uses-bfd' | 'announced-from' | 'session-to';

export type GraphStatus = 'ok' | 'warning' | 'danger';

export type Problem =
  | { code: 'dangling-reference'; kind: string; name: string }
  | { code: 'missing-object' }
  | { code: 'pool-exhausted' }
  | { code: 'pool-nearly-exhausted'; percent: number }
  | { code: 'session-down'; node: string; state: string }
  | { code: 'bfd-down'; node: string }
  | { code: 'selects-no-pool' }
  | { code: 'ip-pending' }
  /** Session problems of this many more nodes, beyond those listed. */
  | { code: 'more-session-problems'; count: number };

export interface GraphNode {
  id: string;
  kind: GraphNodeKind;
  name: string;
  namespace?: string;
  status: GraphStatus;
  /** True for an object that is referenced but does not exist. */
  missing?: boolean;
  problems: Problem[];
  /** Short facts for the side panel (IPs, addresses, ASNs, usage); values are plain text. */
  facts: Record<string, string>;
  /** For a ServiceGroup or a NodeGroup: how many Services or Nodes it stands for. */
  count?: number;
}

export interface GraphEdge {
  id: string;
  type: GraphEdgeType;
  source: string;
  target: string;
  status: GraphStatus;
}

export interface TopologyGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** LoadBalancer Services in the cluster, drawn or grouped. */
  serviceCount: number;
  /** True when Services were grouped per pool because there are more than the limit. */
  grouped: boolean;
  /** With a filter: how many LoadBalancer Services match it (at most maxServices are drawn apart). */
  matched?: number;
  /** Nodes with a BGP session or announcing a LoadBalancer Service, drawn or grouped. */
  nodeCount: number;
  /** True when some of those Nodes were drawn as one NodeGroup because there are more than the limit. */
  nodesGrouped: boolean;
}

export interface TopologyOptions {
  /** Above this many LoadBalancer Services, all but the first `maxServices` matching `filter` are grouped per pool. */
  maxServices?: number;
  /**
   * Above this many Nodes, those announcing no Service drawn apart (all of them, when these are
   * more than the limit too) are drawn as one NodeGroup.
   */
  maxNodes?: number;
  /** Services whose "namespace/name" contains this text are drawn on their own (up to maxServices). */
  filter?: string;
}
