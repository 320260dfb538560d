import type { V1EndpointSlice, V1Node, V1Service } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { desiredState, type PlanInput } from '../../api/announce/desired-state';
import { LAST_APPLIED_ANNOTATION } from '../../k8s/trim';
import { endpointSliceView, nodeView, serviceView } from './views';

const service: V1Service = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: {
    name: 'web',
    namespace: 'shop',
    uid: 'u1',
    resourceVersion: '7',
    labels: { app: 'web' },
    annotations: { 'metallb.io/address-pool': 'p', [LAST_APPLIED_ANNOTATION]: '{"big":"copy"}' },
    managedFields: [{ manager: 'kubectl' }],
  },
  spec: {
    type: 'LoadBalancer',
    externalTrafficPolicy: 'Local',
    clusterIP: '10.96.0.10',
    ports: [{ port: 80, protocol: 'TCP' }],
    selector: { app: 'web' },
  },
  status: { loadBalancer: { ingress: [{ ip: '192.0.2.10' }] } },
};

const slice: V1EndpointSlice = {
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: { name: 'web-abc', namespace: 'shop', labels: { 'kubernetes.io/service-name': 'web' } },
  addressType: 'IPv4',
  endpoints: [
    {
      addresses: ['10.0.0.5'],
      nodeName: 'n1',
      conditions: { ready: true, serving: true },
      targetRef: { kind: 'Pod', name: 'web-1' },
    },
  ],
  ports: [{ port: 8080 }],
};

const node: V1Node = {
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: 'n1', uid: 'n', labels: { zone: 'a' }, annotations: { big: 'x' } },
  status: {
    conditions: [
      { type: 'Ready', status: 'True', lastHeartbeatTime: new Date(0), reason: 'KubeletReady' },
      { type: 'NetworkUnavailable', status: 'False' },
    ],
    addresses: [{ type: 'InternalIP', address: '192.0.2.1' }],
    images: [{ names: ['registry.invalid/a:1'], sizeBytes: 1 }],
  },
};

describe('speaker views', () => {
  it('keep what the plan, the change filters and events read, and nothing else', () => {
    expect(serviceView(service)).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'web',
        namespace: 'shop',
        uid: 'u1',
        resourceVersion: '7',
        labels: { app: 'web' },
        annotations: { 'metallb.io/address-pool': 'p' },
      },
      spec: { type: 'LoadBalancer', externalTrafficPolicy: 'Local' },
      status: { loadBalancer: { ingress: [{ ip: '192.0.2.10' }] } },
    });
    expect(endpointSliceView(slice).endpoints).toEqual([
      { addresses: [], nodeName: 'n1', conditions: { ready: true, serving: true } },
    ]);
    expect(endpointSliceView(slice).metadata?.labels).toEqual({ 'kubernetes.io/service-name': 'web' });
    expect(nodeView(node)).toEqual({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'n1', uid: 'n', labels: { zone: 'a' } },
      status: {
        conditions: [
          { type: 'Ready', status: 'True' },
          { type: 'NetworkUnavailable', status: 'False' },
        ],
      },
    });
  });

  it('plan exactly as the full objects do', () => {
    const config: Omit<PlanInput, 'node' | 'nodes' | 'services' | 'endpointSlices'> = {
      pools: [
        {
          apiVersion: 'metallb.io/v1beta1',
          kind: 'IPAddressPool',
          metadata: { name: 'p', namespace: 'metallb-system' },
          spec: { addresses: ['192.0.2.0/24'] },
        },
      ],
      l2Advertisements: [
        {
          apiVersion: 'metallb.io/v1beta1',
          kind: 'L2Advertisement',
          metadata: { name: 'l2', namespace: 'metallb-system' },
          spec: {},
        },
      ],
      bgpAdvertisements: [],
      bgpPeers: [],
      bfdProfiles: [],
      communities: [],
      members: null,
    };
    const plan = (s: V1Service, e: V1EndpointSlice, n: V1Node) =>
      desiredState({ ...config, node: 'n1', nodes: [n], services: [s], endpointSlices: [e] });
    const full = plan(service, slice, node);
    expect(full.l2.announce.length).toBe(1);
    expect(plan(serviceView(service), endpointSliceView(slice), nodeView(node))).toEqual(full);
  });
});
