// Where every kind the product reads or writes lives on the apiserver: group, version, kind,
// plural and scope. One table for the operator, the controller, the speaker and the UI, so no
// program builds `/apis/metallb.io/...` by hand.
import { GROUP } from './types';

export interface ResourceKind {
  /** '' for the core group. */
  group: string;
  version: string;
  kind: string;
  /** Lower-case plural, the resource's name in URLs. */
  plural: string;
  namespaced: boolean;
}

const metallb = (kind: string, plural: string, version = 'v1beta1'): ResourceKind => ({
  group: GROUP,
  version,
  kind,
  plural,
  namespaced: true,
});

/** Every metallb.io kind at the version we read and write (BGPPeer: the storage version). */
export const METALLB_KINDS = {
  MetalLB: metallb('MetalLB', 'metallbs'),
  IPAddressPool: metallb('IPAddressPool', 'ipaddresspools'),
  L2Advertisement: metallb('L2Advertisement', 'l2advertisements'),
  BGPAdvertisement: metallb('BGPAdvertisement', 'bgpadvertisements'),
  BGPPeer: metallb('BGPPeer', 'bgppeers', 'v1beta2'),
  BFDProfile: metallb('BFDProfile', 'bfdprofiles'),
  Community: metallb('Community', 'communities'),
  ServiceL2Status: metallb('ServiceL2Status', 'servicel2statuses'),
  ServiceBGPStatus: metallb('ServiceBGPStatus', 'servicebgpstatuses'),
  BGPSessionState: metallb('BGPSessionState', 'bgpsessionstates'),
  ConfigurationState: metallb('ConfigurationState', 'configurationstates'),
} as const satisfies Record<string, ResourceKind>;

export type MetalLBKindName = keyof typeof METALLB_KINDS;

const k = (group: string, version: string, kind: string, plural: string, namespaced: boolean) =>
  ({ group, version, kind, plural, namespaced }) satisfies ResourceKind;

/** The other kinds our programs touch. */
export const KUBE_KINDS = {
  Namespace: k('', 'v1', 'Namespace', 'namespaces', false),
  Node: k('', 'v1', 'Node', 'nodes', false),
  Pod: k('', 'v1', 'Pod', 'pods', true),
  Service: k('', 'v1', 'Service', 'services', true),
  Secret: k('', 'v1', 'Secret', 'secrets', true),
  ConfigMap: k('', 'v1', 'ConfigMap', 'configmaps', true),
  ServiceAccount: k('', 'v1', 'ServiceAccount', 'serviceaccounts', true),
  Event: k('', 'v1', 'Event', 'events', true),
  EndpointSlice: k('discovery.k8s.io', 'v1', 'EndpointSlice', 'endpointslices', true),
  Lease: k('coordination.k8s.io', 'v1', 'Lease', 'leases', true),
  Deployment: k('apps', 'v1', 'Deployment', 'deployments', true),
  DaemonSet: k('apps', 'v1', 'DaemonSet', 'daemonsets', true),
  ClusterRole: k('rbac.authorization.k8s.io', 'v1', 'ClusterRole', 'clusterroles', false),
  ClusterRoleBinding: k(
    'rbac.authorization.k8s.io',
    'v1',
    'ClusterRoleBinding',
    'clusterrolebindings',
    false,
  ),
  Role: k('rbac.authorization.k8s.io', 'v1', 'Role', 'roles', true),
  RoleBinding: k('rbac.authorization.k8s.io', 'v1', 'RoleBinding', 'rolebindings', true),
  CustomResourceDefinition: k(
    'apiextensions.k8s.io',
    'v1',
    'CustomResourceDefinition',
    'customresourcedefinitions',
    false,
  ),
  ValidatingWebhookConfiguration: k(
    'admissionregistration.k8s.io',
    'v1',
    'ValidatingWebhookConfiguration',
    'validatingwebhookconfigurations',
    false,
  ),
  ConsolePlugin: k('console.openshift.io', 'v1', 'ConsolePlugin', 'consoleplugins', false),
  OperatorGroup: k('operators.coreos.com', 'v1', 'OperatorGroup', 'operatorgroups', true),
} as const satisfies Record<string, ResourceKind>;

export function apiVersionOf(r: ResourceKind): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

/** The kind of an `apiVersion` + `kind` pair from our tables, if we know it. */
export function knownKind(apiVersion: string, kind: string): ResourceKind | undefined {
  for (const r of [...Object.values(METALLB_KINDS), ...Object.values(KUBE_KINDS)]) {
    if (r.kind === kind && apiVersionOf(r) === apiVersion) return r;
  }
  return undefined;
}

export interface PathOptions {
  /** Ignored for cluster-scoped kinds; omitted for namespaced ones: across all namespaces. */
  namespace?: string | undefined;
  name?: string | undefined;
  subresource?: 'status' | 'scale' | undefined;
}

/** The apiserver path of a collection, an object or its subresource. */
export function resourcePath(r: ResourceKind, o: PathOptions = {}): string {
  let path = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  if (r.namespaced && o.namespace) path += `/namespaces/${encodeURIComponent(o.namespace)}`;
  path += `/${r.plural}`;
  if (o.name !== undefined) path += `/${encodeURIComponent(o.name)}`;
  if (o.subresource) path += `/${o.subresource}`;
  return path;
}
