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

export interface NodeLike {
  metadata: { name?: string; labels?: Record<string, string> };
}

export interface TopologyInput {
  pools: IPAddressPool[];
  l2Advertisements: L2Advertisement[];
  bgpAdvertisements: BGPAdvertisement[];
  bgpPeers: BGPPeer[];
  bfdProfiles: BFDProfile[];
  /** All Services; only type LoadBalancer ones are drawn. */
  services: ServiceLike[];
  nodes: NodeLike[];
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
  | 'ServiceGroup';

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
  | { code: 'ip-pending' };

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
  /** For a ServiceGroup: how many Services it stands for. */
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
}

export interface TopologyOptions {
  /** Above this many LoadBalancer Services, those not matching `filter` are grouped per pool. */
  maxServices?: number;
  /** Services whose "namespace/name" contains this text are always drawn on their own. */
  filter?: string;
}
