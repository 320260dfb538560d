// Builders for the desired-state tables: compact objects of the shapes the speaker watches.
import type {
  BGPAdvertisementSpec,
  BGPAdvertisement,
  BGPPeer,
  BGPPeerSpecV1beta2,
  IPAddressPool,
  L2Advertisement,
  L2AdvertisementSpec,
} from '../types';
import type { EndpointSliceInput, NodeInput, PlanInput, ServiceInput } from './inputs';

export function node(
  name: string,
  labels: Record<string, string> = {},
  networkUnavailable = false,
): NodeInput {
  return {
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...labels } },
    status: { conditions: [{ type: 'NetworkUnavailable', status: networkUnavailable ? 'True' : 'False' }] },
  };
}

export function pool(name: string, addresses: string[], labels: Record<string, string> = {}): IPAddressPool {
  return {
    apiVersion: 'metallb.io/v1beta1',
    kind: 'IPAddressPool',
    metadata: { name, namespace: 'metallb-system', labels },
    spec: { addresses },
  };
}

export function l2ad(name: string, spec: L2AdvertisementSpec = {}): L2Advertisement {
  return { apiVersion: 'metallb.io/v1beta1', kind: 'L2Advertisement', metadata: { name }, spec };
}

export function bgpad(name: string, spec: BGPAdvertisementSpec = {}): BGPAdvertisement {
  return { apiVersion: 'metallb.io/v1beta1', kind: 'BGPAdvertisement', metadata: { name }, spec };
}

export function peer(name: string, spec: Partial<BGPPeerSpecV1beta2> = {}): BGPPeer {
  return {
    apiVersion: 'metallb.io/v1beta2',
    kind: 'BGPPeer',
    metadata: { name },
    spec: { myASN: 64512, peerASN: 64512, peerAddress: '192.0.2.1', ...spec },
  };
}

export interface ServiceOptions {
  namespace?: string;
  ips?: string[];
  local?: boolean;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  type?: string;
}

export function service(name: string, o: ServiceOptions = {}): ServiceInput {
  return {
    metadata: {
      name,
      namespace: o.namespace ?? 'default',
      labels: o.labels ?? {},
      annotations: o.annotations ?? {},
    },
    spec: { type: o.type ?? 'LoadBalancer', externalTrafficPolicy: o.local ? 'Local' : 'Cluster' },
    status: { loadBalancer: { ingress: (o.ips ?? []).map((ip) => ({ ip })) } },
  };
}

/** An EndpointSlice of the Service with one endpoint per entry: `node` (ready) or `node:notready`. */
export function slice(svc: string, endpoints: string[], namespace = 'default'): EndpointSliceInput {
  return {
    metadata: { namespace, labels: { 'kubernetes.io/service-name': svc } },
    endpoints: endpoints.map((e) => {
      const [nodeName, state] = e.split(':');
      return {
        nodeName: nodeName!,
        conditions: { ready: state !== 'notready', serving: state !== 'notready' },
      };
    }),
  };
}

export function planInput(over: Partial<PlanInput> & Pick<PlanInput, 'node'>): PlanInput {
  return {
    nodes: [node('node-a'), node('node-b'), node('node-c')],
    services: [],
    endpointSlices: [],
    pools: [],
    l2Advertisements: [],
    bgpAdvertisements: [],
    bgpPeers: [],
    bfdProfiles: [],
    communities: [],
    members: null,
    ...over,
  };
}
