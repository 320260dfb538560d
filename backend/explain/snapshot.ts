// Everything an explanation or a preview is computed from: the live objects, as the caller may
// read them. Plain data, so the cores stay pure and tests build it from tables.
import type { V1Service } from '@kubernetes/client-node';
import type { EndpointSliceInput, NodeInput } from '../../api/announce/inputs';
import { readyNodes } from '../../api/announce/nodes';
import { CONFIGURATION_STATE } from '../../api/operand';
import type {
  BFDProfile,
  BGPAdvertisement,
  BGPPeer,
  BGPSessionState,
  Community,
  ConfigurationState,
  IPAddressPool,
  L2Advertisement,
  ServiceL2Status,
} from '../../api/types';
import type { BGPType } from '../../api/validation';
import type { NamespaceLike } from '../controller/allocator/pools-from-config';

export interface ClusterSnapshot {
  /** The MetalLB namespace. */
  namespace: string;
  /** The controller's and speakers' --lb-class. */
  lbClass?: string;
  bgpType: BGPType;
  pools: IPAddressPool[];
  l2Advertisements: L2Advertisement[];
  bgpAdvertisements: BGPAdvertisement[];
  bgpPeers: BGPPeer[];
  bfdProfiles: BFDProfile[];
  communities: Community[];
  services: V1Service[];
  namespaces: NamespaceLike[];
  nodes: NodeInput[];
  /** For one Service's explanation (readServiceSnapshot): those of the Services bearing on it. */
  endpointSlices: EndpointSliceInput[];
  /** For one Service's explanation (readServiceSnapshot): that Service's. */
  l2Statuses: ServiceL2Status[];
  sessions: BGPSessionState[];
  configurationStates: ConfigurationState[];
}

/** `namespace/name`, as every per-Service result is keyed. */
export function keyOf(svc: { metadata?: { namespace?: string; name?: string } }): string {
  return `${svc.metadata?.namespace ?? ''}/${svc.metadata?.name ?? ''}`;
}

/**
 * The nodes whose speaker runs: it reported its configuration (ConfigurationState `speaker-<node>`)
 * and its Node is not NotReady (the speakers' own fallback for liveness, readyNodes).
 */
export function runningSpeakers(snap: ClusterSnapshot): Set<string> {
  const prefix = CONFIGURATION_STATE.speakerName('');
  const reported = snap.configurationStates
    .map((c) => c.metadata?.name ?? '')
    .filter((n) => n.startsWith(prefix) && n.length > prefix.length)
    .map((n) => n.slice(prefix.length));
  const ready = readyNodes(snap.nodes);
  return new Set(reported.filter((n) => !ready || ready.has(n)));
}
