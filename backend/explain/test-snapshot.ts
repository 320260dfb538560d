// Builders for the explanation tables: a snapshot of three nodes whose speakers all run, and
// compact Services, pools and statuses.
import type { V1Service } from '@kubernetes/client-node';
import { node, slice } from '../../api/announce/test-fixtures';
import type { IPAddressPool, IPAddressPoolSpec, ServiceL2Status } from '../../api/types';
import type { ClusterSnapshot } from './snapshot';

export { node, slice, l2ad, bgpad, peer } from '../../api/announce/test-fixtures';

export const NS = 'metallb-system';

export function snapshot(over: Partial<ClusterSnapshot> = {}): ClusterSnapshot {
  const nodes = over.nodes ?? [node('node-a'), node('node-b'), node('node-c')];
  return {
    namespace: NS,
    bgpType: 'native',
    pools: [],
    l2Advertisements: [],
    bgpAdvertisements: [],
    bgpPeers: [],
    bfdProfiles: [],
    communities: [],
    services: [],
    namespaces: [{ metadata: { name: 'app', labels: {} } }, { metadata: { name: 'other', labels: {} } }],
    endpointSlices: [],
    l2Statuses: [],
    sessions: [],
    configurationStates: nodes.map((n) => ({
      apiVersion: 'metallb.io/v1beta1' as const,
      kind: 'ConfigurationState' as const,
      metadata: { name: `speaker-${n.metadata?.name}`, namespace: NS },
      spec: {},
    })),
    ...over,
    nodes,
  };
}

export function ippool(name: string, spec: IPAddressPoolSpec): IPAddressPool {
  return { apiVersion: 'metallb.io/v1beta1', kind: 'IPAddressPool', metadata: { name, namespace: NS }, spec };
}

export interface SvcOptions {
  namespace?: string;
  ips?: string[];
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  local?: boolean;
  type?: string;
  loadBalancerClass?: string;
  ports?: number[];
}

export function svc(name: string, o: SvcOptions = {}): V1Service {
  return {
    metadata: {
      name,
      namespace: o.namespace ?? 'app',
      labels: o.labels ?? {},
      annotations: {
        ...o.annotations,
        ...(o.ips?.length ? { 'metallb.io/ip-allocated-from-pool': '' } : {}),
      },
    },
    spec: {
      type: o.type ?? 'LoadBalancer',
      clusterIP: '10.96.0.10',
      clusterIPs: ['10.96.0.10'],
      ipFamilies: ['IPv4'],
      selector: { app: name },
      ports: (o.ports ?? [80]).map((port) => ({ port, protocol: 'TCP' })),
      externalTrafficPolicy: o.local ? 'Local' : 'Cluster',
      ...(o.loadBalancerClass ? { loadBalancerClass: o.loadBalancerClass } : {}),
    },
    status: { loadBalancer: { ingress: (o.ips ?? []).map((ip) => ({ ip })) } },
  };
}

/** The Service with the pool annotation the controller writes (explanations compare it). */
export function allocated(s: V1Service, pool: string): V1Service {
  return {
    ...s,
    metadata: {
      ...s.metadata,
      annotations: { ...s.metadata?.annotations, 'metallb.io/ip-allocated-from-pool': pool },
    },
  };
}

/** The ServiceL2Status a speaker writes when an interface answers. */
export function l2status(nodeName: string, service: string, interfaces = ['eth0']): ServiceL2Status {
  return {
    apiVersion: 'metallb.io/v1beta1',
    kind: 'ServiceL2Status',
    metadata: { name: `l2-${nodeName}-${service}`, namespace: NS },
    spec: {},
    status: {
      node: nodeName,
      serviceName: service,
      serviceNamespace: 'app',
      interfaces: interfaces.map((name) => ({ name })),
    },
  };
}

export const appSlice = (name: string, nodes: string[]) => slice(name, nodes, 'app');
