// Test-only: one object per kind that sets every field of its TypeScript type. `Required<...>`
// makes the compiler list any field missing here, and the schema test refuses fields the schema
// lacks, so together they prove the CRD schemas cover the types.
import type {
  BFDProfile,
  BFDProfileSpec,
  BGPAdvertisement,
  BGPAdvertisementSpec,
  BGPPeer,
  BGPPeerSpecV1beta1,
  BGPPeerSpecV1beta2,
  BGPPeerV1beta1,
  BGPSessionState,
  BGPSessionStateStatus,
  Community,
  CommunitySpec,
  Condition,
  ConfigurationState,
  ConfigurationStateStatus,
  DeploymentConfig,
  IPAddressPool,
  IPAddressPoolSpec,
  IPAddressPoolStatus,
  L2Advertisement,
  L2AdvertisementSpec,
  LabelSelector,
  MetalLB,
  MetalLBSpec,
  MetalLBStatus,
  PreferredNodeSelector,
  ResourceRequirements,
  ServiceAllocation,
  ServiceBGPStatus,
  ServiceBGPStatusStatus,
  ServiceL2Status,
  ServiceL2StatusStatus,
  Toleration,
} from '../../types';

const metadata = { name: 'sample', namespace: 'metallb-system', labels: { app: 'metallb' } };

export const selector: Required<LabelSelector> = {
  matchLabels: { 'kubernetes.io/hostname': 'node-1' },
  matchExpressions: [{ key: 'rack', operator: 'In', values: ['r1', 'r2'] }],
};

const serviceAllocation: Required<ServiceAllocation> = {
  priority: 50,
  namespaces: ['team-a'],
  namespaceSelectors: [selector],
  serviceSelectors: [{ matchExpressions: [{ key: 'app', operator: 'Exists' }] }],
};
const poolSpec: Required<IPAddressPoolSpec> = {
  addresses: ['192.168.10.0/24', '192.168.9.1-192.168.9.5', 'fc00:f853:ccd:e799::/124'],
  autoAssign: false,
  avoidBuggyIPs: true,
  serviceAllocation,
};
const poolStatus: Required<IPAddressPoolStatus> = {
  assignedIPv4: 1,
  assignedIPv6: 0,
  availableIPv4: 260,
  availableIPv6: 16,
};
export const fullPool: IPAddressPool = {
  apiVersion: 'metallb.io/v1beta1',
  kind: 'IPAddressPool',
  metadata,
  spec: poolSpec,
  status: poolStatus,
};

const preferred: Required<PreferredNodeSelector> = { weight: 50, preference: selector };
const l2Spec: Required<L2AdvertisementSpec> = {
  ipAddressPools: ['sample'],
  ipAddressPoolSelectors: [{ matchLabels: { app: 'metallb' } }],
  nodeSelectors: [selector],
  interfaces: ['eth0'],
  serviceSelectors: [{ matchLabels: { app: 'web' } }],
  preferredNodeSelectors: [preferred],
};
export const fullL2: L2Advertisement = {
  apiVersion: 'metallb.io/v1beta1',
  kind: 'L2Advertisement',
  metadata,
  spec: l2Spec,
};

const bgpAdSpec: Required<BGPAdvertisementSpec> = {
  aggregationLength: 32,
  aggregationLengthV6: 128,
  localPref: 100,
  communities: ['65535:65282', 'large:1:2:3'],
  ipAddressPools: ['sample'],
  ipAddressPoolSelectors: [{ matchLabels: { app: 'metallb' } }],
  nodeSelectors: [selector],
  peers: ['sample'],
  serviceSelectors: [{ matchLabels: { app: 'web' } }],
};
export const fullBGPAd: BGPAdvertisement = {
  apiVersion: 'metallb.io/v1beta1',
  kind: 'BGPAdvertisement',
  metadata,
  spec: bgpAdSpec,
};

const communitySpec: Required<CommunitySpec> = {
  communities: [{ name: 'no-advertise', value: '65535:65282' }],
};
export const fullCommunity: Community = {
  apiVersion: 'metallb.io/v1beta1',
  kind: 'Community',
  metadata,
  spec: communitySpec,
};

const peerCommon = {
  myASN: 64512,
  peerASN: 64513,
  dynamicASN: 'external' as const,
  localASN: 64600,
  peerAddress: '10.0.0.1',
  interface: 'eth1',
  sourceAddress: '10.0.0.2',
  peerPort: 180,
  holdTime: '90s',
  keepaliveTime: '30s',
  connectTime: '10s',
  routerID: '10.0.0.100',
  password: 'pw',
  passwordSecret: { name: 'bgp-secret', namespace: 'metallb-system' },
  bfdProfile: 'sample',
  enableGracefulRestart: true,
  ebgpMultiHop: true,
  vrf: 'red',
  disableMP: false,
  dualStackAddressFamily: true,
};
const peerSpec: Required<BGPPeerSpecV1beta2> = { ...peerCommon, nodeSelectors: [selector] };
export const fullPeer: BGPPeer = {
  apiVersion: 'metallb.io/v1beta2',
  kind: 'BGPPeer',
  metadata,
  spec: peerSpec,
};
const peerV1Spec: Required<BGPPeerSpecV1beta1> = {
  ...peerCommon,
  nodeSelectors: [
    { matchLabels: { a: 'b' }, matchExpressions: [{ key: 'rack', operator: 'In', values: ['r1'] }] },
  ],
};
export const fullPeerV1: BGPPeerV1beta1 = {
  apiVersion: 'metallb.io/v1beta1',
  kind: 'BGPPeer',
  metadata,
  spec: peerV1Spec,
};

const bfdSpec: Required<BFDProfileSpec> = {
  receiveInterval: 300,
  transmitInterval: 300,
  detectMultiplier: 3,
  echoInterval: 50,
  echoMode: false,
  passiveMode: true,
  minimumTtl: 254,
};
export const fullBFD: BFDProfile = {
  apiVersion: 'metallb.io/v1beta1',
  kind: 'BFDProfile',
  metadata,
  spec: bfdSpec,
};

const l2Status: Required<ServiceL2StatusStatus> = {
  node: 'node-1',
  serviceName: 'web',
  serviceNamespace: 'default',
  interfaces: [{ name: 'eth0' }],
};
export const fullL2Status: ServiceL2Status = {
  apiVersion: 'metallb.io/v1beta1',
  kind: 'ServiceL2Status',
  metadata,
  spec: {},
  status: l2Status,
};

const bgpStatus: Required<ServiceBGPStatusStatus> = {
  node: 'node-1',
  serviceName: 'web',
  serviceNamespace: 'default',
  peers: ['sample'],
};
export const fullBGPStatus: ServiceBGPStatus = {
  apiVersion: 'metallb.io/v1beta1',
  kind: 'ServiceBGPStatus',
  metadata,
  spec: {},
  status: bgpStatus,
};

const condition: Required<Condition> = {
  type: 'Available',
  status: 'True',
  reason: 'Reconciled',
  message: 'all good',
  lastTransitionTime: '2025-01-01T00:00:00Z',
  observedGeneration: 3,
};
const configState: Required<ConfigurationStateStatus> = {
  result: 'Valid',
  errorSummary: '',
  conditions: [condition],
};
export const fullConfigState: ConfigurationState = {
  apiVersion: 'metallb.io/v1beta1',
  kind: 'ConfigurationState',
  metadata,
  spec: {},
  status: configState,
};

const sessionState: Required<BGPSessionStateStatus> = {
  node: 'node-1',
  peer: 'sample',
  peerAddress: '10.0.0.1',
  vrf: 'red',
  bgpState: 'Established',
  bfdState: 'Up',
  establishedSince: '2025-01-01T00:00:00Z',
  prefixesSent: 3,
  prefixesReceived: 0,
  lastError: '',
};
export const fullSessionState: BGPSessionState = {
  apiVersion: 'metallb.io/v1beta1',
  kind: 'BGPSessionState',
  metadata,
  spec: {},
  status: sessionState,
};

const toleration: Required<Toleration> = {
  key: 'node-role.kubernetes.io/master',
  operator: 'Exists',
  value: '',
  effect: 'NoExecute',
  tolerationSeconds: 30,
};
const nodeTerm = {
  matchExpressions: [{ key: 'kubernetes.io/os', operator: 'In', values: ['linux'] }],
  matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['node-9'] }],
};
const podTerm = {
  labelSelector: selector,
  namespaceSelector: { matchLabels: { team: 'net' } },
  namespaces: ['metallb-system'],
  topologyKey: 'kubernetes.io/hostname',
  matchLabelKeys: ['pod-template-hash'],
  mismatchLabelKeys: ['tenant'],
};
const podAffinity = {
  requiredDuringSchedulingIgnoredDuringExecution: [podTerm],
  preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: podTerm }],
};
const resources: Required<ResourceRequirements> = {
  limits: { cpu: '200m', memory: '512Mi' },
  requests: { cpu: '1' },
};
const deployment: Required<DeploymentConfig> = {
  priorityClassName: 'high-priority',
  runtimeClassName: 'myclass',
  annotations: { 'example.com/team': 'net' },
  resources,
  affinity: {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [nodeTerm] },
      preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: nodeTerm }],
    },
    podAffinity,
    podAntiAffinity: podAffinity,
  },
};
const metallbSpec: Required<MetalLBSpec> = {
  nodeSelector: { 'node-role.kubernetes.io/worker': '' },
  speakerTolerations: [toleration],
  controllerNodeSelector: { 'kubernetes.io/os': 'linux' },
  controllerTolerations: [{ key: 'example', operator: 'Equal', value: 'x', effect: 'NoSchedule' }],
  logLevel: 'debug',
  loadBalancerClass: 'example.com/internal-vip',
  controllerConfig: deployment,
  speakerConfig: deployment,
  bgpBackend: 'frr-k8s',
};
const metallbStatus: Required<MetalLBStatus> = { conditions: [condition] };
export const fullMetalLB: MetalLB = {
  apiVersion: 'metallb.io/v1beta1',
  kind: 'MetalLB',
  metadata: { ...metadata, name: 'metallb' },
  spec: metallbSpec,
  status: metallbStatus,
};

/** Every sample with the CRD version it belongs to. */
export const FULL_SAMPLES: { kind: string; version: string; obj: { kind: string } }[] = [
  { kind: 'IPAddressPool', version: 'v1beta1', obj: fullPool },
  { kind: 'L2Advertisement', version: 'v1beta1', obj: fullL2 },
  { kind: 'BGPAdvertisement', version: 'v1beta1', obj: fullBGPAd },
  { kind: 'Community', version: 'v1beta1', obj: fullCommunity },
  { kind: 'BGPPeer', version: 'v1beta2', obj: fullPeer },
  { kind: 'BGPPeer', version: 'v1beta1', obj: fullPeerV1 },
  { kind: 'BFDProfile', version: 'v1beta1', obj: fullBFD },
  { kind: 'ServiceL2Status', version: 'v1beta1', obj: fullL2Status },
  { kind: 'ServiceBGPStatus', version: 'v1beta1', obj: fullBGPStatus },
  { kind: 'ConfigurationState', version: 'v1beta1', obj: fullConfigState },
  { kind: 'BGPSessionState', version: 'v1beta1', obj: fullSessionState },
  { kind: 'MetalLB', version: 'v1beta1', obj: fullMetalLB },
];
