// What the backend answers to "why does my Service have (or lack) its IP and announcements?" and
// "what would this change do?". Reasons are codes with parameters, never sentences: the UI and the
// CLI render them through the catalogues (locales/{en,ja}), so both languages say the same thing.
import type { ValidationIssue } from '../validation';

export type ReasonCode =
  // The Service as a whole
  | 'notLoadBalancer'
  | 'classNotOurs'
  | 'allocated'
  | 'pending'
  | 'configNotLoaded'
  | 'statusNotWritten'
  // One pool, for one Service
  | 'poolUsed'
  | 'poolNotChosen'
  | 'poolNamespaceNotSelected'
  | 'poolServiceNotSelected'
  | 'poolNotPinned'
  | 'poolAutoAssignDisabled'
  | 'poolNotRequested'
  | 'poolLacksRequestedIP'
  | 'poolExhausted'
  | 'poolFamilyMismatch'
  | 'sharingConflict'
  | 'allocatorError'
  // One node, one protocol
  | 'announcing'
  | 'noIngressIP'
  | 'noAdvertisementSelectsPool'
  | 'noServingEndpoints'
  | 'sharedIPWithServiceSelector'
  | 'serviceNotSelected'
  | 'nodeNotSelected'
  | 'nodeNetworkUnavailable'
  | 'nodeLabeledExcludeBalancers'
  | 'speakerNotRunning'
  | 'noLocalEndpoint'
  | 'notWinner'
  | 'notAnsweringOnWire'
  | 'conflictingAdvertisements'
  // One BGP peer
  | 'routeSent'
  | 'peerNotForNode'
  | 'advertisementNotForPeer';

export interface Reason {
  code: ReasonCode;
  params?: Record<string, string>;
}

export interface ServiceRef {
  namespace: string;
  name: string;
}

export interface PoolVerdict {
  pool: string;
  /** used: the Service's IPs are from it; usable: it could serve but another was chosen. */
  outcome: 'used' | 'usable' | 'refused';
  reason: Reason;
}

export interface AdvertisementMatch {
  kind: 'L2Advertisement' | 'BGPAdvertisement';
  name: string;
}

export interface RouteAttributes {
  prefix: string;
  localPref?: number;
  /** "AS:value". */
  communities: string[];
  /** "global:local1:local2". */
  largeCommunities: string[];
}

export interface PeerVerdict {
  peer: string;
  sent: boolean;
  reason: Reason;
  routes: RouteAttributes[];
  /** The session as the node's speaker reports it (BGPSessionState), when it does. */
  session?: { bgpState?: string; bfdState?: string; lastError?: string; prefixesSent?: number };
}

export interface NodeVerdict {
  node: string;
  /** A speaker runs there (its ConfigurationState exists and the Node is not NotReady). */
  speaker: boolean;
  l2?: {
    announces: boolean;
    reason: Reason;
    /** Planned interfaces ('all': every eligible one). */
    interfaces?: string[] | 'all';
    /** The interfaces the speaker reports answering on (ServiceL2Status), when it reports any. */
    reported?: string[];
  };
  bgp?: { announces: boolean; reason: Reason; peers: PeerVerdict[] };
}

export interface ServiceExplanation {
  service: ServiceRef;
  /** The live status. */
  ingressIPs: string[];
  pool?: string;
  /** The whole answer in one line: allocated, pending (with the cause), not ours... */
  summary: Reason;
  /** What the controller's code decides now, when it differs from the live status. */
  computed?: { ingressIPs: string[]; pool?: string };
  /** Controller configuration errors (the controller keeps its last good configuration). */
  configErrors: string[];
  pools: PoolVerdict[];
  /** Advertisements selecting the Service's pool (none: nothing is announced). */
  advertisements: AdvertisementMatch[];
  nodes: NodeVerdict[];
}

/** One Service's externally visible state, as the preview compares it. */
export interface ServiceState {
  ingressIPs: string[];
  pool?: string;
  /** Nodes announcing by Layer 2 (the election's winner), sorted. */
  l2Nodes: string[];
  /** "node peer prefix localPref communities" per route sent, sorted; at most PREVIEW_ROUTE_LINES. */
  bgpRoutes: string[];
  /** Present when bgpRoutes was cut short: how many lines there are in all. */
  bgpRoutesTotal?: number;
}

/**
 * The route lines a preview lists per Service and side: at 1,000 nodes a changed Service has 1,000
 * of them, and 5,000 changed Services made an answer too large to send or show.
 */
export const PREVIEW_ROUTE_LINES = 20;

export interface ServiceChange {
  service: ServiceRef;
  before: ServiceState;
  after: ServiceState;
  /** What changes: ips, pool, l2Nodes, bgpRoutes. */
  changes: ('ips' | 'pool' | 'l2Nodes' | 'bgpRoutes')[];
  /** The Service loses IPs it holds now (a shrunk or removed pool, a selector that drops it). */
  losesIPs: boolean;
}

export interface PreviewResult {
  /** The webhook's answer to the object (the same validation core). */
  allowed: boolean;
  errors: ValidationIssue[];
  warnings: ValidationIssue[];
  /** Empty when the change is refused (it would not be applied). */
  changes: ServiceChange[];
}

export type PreviewOperation = 'apply' | 'delete';
