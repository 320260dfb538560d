// The metallb.io API as TypeScript types: kinds and field names exactly as upstream MetalLB, so
// users' YAML works unchanged. This file is the shared contract of backend, speaker and frontend.

export const GROUP = 'metallb.io';
export const DEFAULT_NAMESPACE = 'metallb-system';

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
  ownerReferences?: OwnerReference[];
}

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
  lastTransitionTime: string;
  observedGeneration?: number;
}

interface Resource<K extends string, V extends string, Spec, Status = never> {
  apiVersion: `metallb.io/${V}`;
  kind: K;
  metadata: ObjectMeta;
  spec: Spec;
  status?: Status;
}

// ---- IPAddressPool (v1beta1) ----
export interface ServiceAllocation {
  priority?: number;
  namespaces?: string[];
  namespaceSelectors?: LabelSelector[];
  serviceSelectors?: LabelSelector[];
}
export interface IPAddressPoolSpec {
  addresses: string[];
  autoAssign?: boolean;
  avoidBuggyIPs?: boolean;
  serviceAllocation?: ServiceAllocation;
}
export interface IPAddressPoolStatus {
  assignedIPv4?: number;
  assignedIPv6?: number;
  availableIPv4?: number;
  availableIPv6?: number;
}
export type IPAddressPool = Resource<'IPAddressPool', 'v1beta1', IPAddressPoolSpec, IPAddressPoolStatus>;

// ---- L2Advertisement (v1beta1) ----
export interface PreferredNodeSelector {
  weight: number;
  preference: LabelSelector;
}
export interface L2AdvertisementSpec {
  ipAddressPools?: string[];
  ipAddressPoolSelectors?: LabelSelector[];
  nodeSelectors?: LabelSelector[];
  interfaces?: string[];
  serviceSelectors?: LabelSelector[];
  preferredNodeSelectors?: PreferredNodeSelector[];
}
export type L2Advertisement = Resource<'L2Advertisement', 'v1beta1', L2AdvertisementSpec>;

// ---- BGPAdvertisement (v1beta1) ----
export interface BGPAdvertisementSpec {
  aggregationLength?: number;
  aggregationLengthV6?: number;
  localPref?: number;
  communities?: string[];
  ipAddressPools?: string[];
  ipAddressPoolSelectors?: LabelSelector[];
  nodeSelectors?: LabelSelector[];
  peers?: string[];
  serviceSelectors?: LabelSelector[];
}
export type BGPAdvertisement = Resource<'BGPAdvertisement', 'v1beta1', BGPAdvertisementSpec>;

// ---- Community (v1beta1) ----
export interface CommunityAlias {
  name: string;
  value: string;
}
export interface CommunitySpec {
  communities?: CommunityAlias[];
}
export type Community = Resource<'Community', 'v1beta1', CommunitySpec>;

// ---- BGPPeer (v1beta2 storage; v1beta1 served with conversion) ----
export interface SecretReference {
  name?: string;
  namespace?: string;
}
export interface BGPPeerSpecV1beta2 {
  myASN: number;
  peerASN?: number;
  dynamicASN?: 'internal' | 'external';
  localASN?: number;
  peerAddress?: string;
  interface?: string;
  sourceAddress?: string;
  peerPort?: number;
  holdTime?: string;
  keepaliveTime?: string;
  connectTime?: string;
  routerID?: string;
  nodeSelectors?: LabelSelector[];
  password?: string;
  passwordSecret?: SecretReference;
  bfdProfile?: string;
  enableGracefulRestart?: boolean;
  ebgpMultiHop?: boolean;
  vrf?: string;
  disableMP?: boolean;
  dualStackAddressFamily?: boolean;
}
export type BGPPeer = Resource<'BGPPeer', 'v1beta2', BGPPeerSpecV1beta2>;

/** v1beta1's node selector type (legacy; converted to a LabelSelector in v1beta2). */
export interface LegacyNodeSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values: string[] }[];
}
export interface BGPPeerSpecV1beta1 extends Omit<BGPPeerSpecV1beta2, 'nodeSelectors'> {
  nodeSelectors?: LegacyNodeSelector[];
}
export type BGPPeerV1beta1 = Resource<'BGPPeer', 'v1beta1', BGPPeerSpecV1beta1>;

// ---- BFDProfile (v1beta1) ----
export interface BFDProfileSpec {
  receiveInterval?: number;
  transmitInterval?: number;
  detectMultiplier?: number;
  echoInterval?: number;
  echoMode?: boolean;
  passiveMode?: boolean;
  minimumTtl?: number;
}
export type BFDProfile = Resource<'BFDProfile', 'v1beta1', BFDProfileSpec>;

// ---- Status kinds written by the speaker / controller ----
export interface ServiceStatusCommon {
  node?: string;
  serviceName?: string;
  serviceNamespace?: string;
}
export interface ServiceL2StatusStatus extends ServiceStatusCommon {
  interfaces?: { name: string }[];
}
export type ServiceL2Status = Resource<
  'ServiceL2Status',
  'v1beta1',
  Record<string, never>,
  ServiceL2StatusStatus
>;
export interface ServiceBGPStatusStatus extends ServiceStatusCommon {
  peers?: string[];
}
export type ServiceBGPStatus = Resource<
  'ServiceBGPStatus',
  'v1beta1',
  Record<string, never>,
  ServiceBGPStatusStatus
>;

export interface ConfigurationStateStatus {
  result?: 'Valid' | 'Invalid' | 'Unknown';
  errorSummary?: string;
  conditions?: Condition[];
}
export type ConfigurationState = Resource<
  'ConfigurationState',
  'v1beta1',
  Record<string, never>,
  ConfigurationStateStatus
>;

/** One speaker's view of one BGP session: what the UI shows and the speaker writes. */
export interface BGPSessionStateStatus {
  node?: string;
  peer?: string;
  peerAddress?: string;
  vrf?: string;
  bgpState?: 'Idle' | 'Connect' | 'Active' | 'OpenSent' | 'OpenConfirm' | 'Established';
  bfdState?: 'AdminDown' | 'Down' | 'Init' | 'Up' | 'N/A';
  establishedSince?: string;
  prefixesSent?: number;
  prefixesReceived?: number;
  lastError?: string;
}
export type BGPSessionState = Resource<
  'BGPSessionState',
  'v1beta1',
  Record<string, never>,
  BGPSessionStateStatus
>;

// ---- MetalLB (the operator's CR, metallb.io/v1beta1) ----
export interface Toleration {
  key?: string;
  operator?: 'Exists' | 'Equal';
  value?: string;
  effect?: '' | 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
  tolerationSeconds?: number;
}
export interface ResourceRequirements {
  limits?: Record<string, string>;
  requests?: Record<string, string>;
}
export interface DeploymentConfig {
  priorityClassName?: string;
  runtimeClassName?: string;
  /** A core/v1 Affinity; kept open here, validated structurally by the CRD schema. */
  affinity?: Record<string, unknown>;
  annotations?: Record<string, string>;
  resources?: ResourceRequirements;
}
export interface MetalLBSpec {
  nodeSelector?: Record<string, string>;
  speakerTolerations?: Toleration[];
  controllerNodeSelector?: Record<string, string>;
  controllerTolerations?: Toleration[];
  logLevel?: 'all' | 'debug' | 'info' | 'warn' | 'error' | 'none';
  loadBalancerClass?: string;
  controllerConfig?: DeploymentConfig;
  speakerConfig?: DeploymentConfig;
  bgpBackend?: 'native' | 'frr' | 'frr-k8s' | 'frr-k8s-external';
}
export interface MetalLBStatus {
  conditions?: Condition[];
}
export type MetalLB = Resource<'MetalLB', 'v1beta1', MetalLBSpec, MetalLBStatus>;

export type MetalLBObject =
  IPAddressPool | L2Advertisement | BGPAdvertisement | Community | BGPPeer | BFDProfile | MetalLB;
