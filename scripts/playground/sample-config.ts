// The sample configuration the playground applies: pools, advertisements, a BGP peering with BFD
// to the router, and one dual-stack LoadBalancer Service per mode with a Deployment behind it
// (kwok runs its Pods; the nodes' own HTTP responder stands in for them on the wire).
import { GROUP } from '../../api/types';
import type { Plan, PoolPlan } from './plan';

export const SAMPLE_NAMESPACE = 'demo';
export const METALLB_NAMESPACE = 'metallb-system';
const APP = 'web';

export interface SampleObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; annotations?: Record<string, string> };
  [field: string]: unknown;
}

export interface SampleService {
  namespace: string;
  name: string;
  mode: 'l2' | 'bgp';
  port: number;
}

function metallb(
  kind: string,
  name: string,
  spec: Record<string, unknown>,
  version = 'v1beta1',
): SampleObject {
  return { apiVersion: `${GROUP}/${version}`, kind, metadata: { name, namespace: METALLB_NAMESPACE }, spec };
}

export function serviceName(pool: PoolPlan): string {
  return `${APP}-${pool.mode}`;
}

export function sampleServices(p: Plan): SampleService[] {
  return p.pools.map((pool) => ({
    namespace: SAMPLE_NAMESPACE,
    name: serviceName(pool),
    mode: pool.mode,
    port: p.httpPort,
  }));
}

/** Objects in the order they can be created (the namespace first, Services last). */
export function sampleObjects(p: Plan): SampleObject[] {
  const out: SampleObject[] = [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: SAMPLE_NAMESPACE } },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: APP, namespace: SAMPLE_NAMESPACE },
      spec: {
        replicas: p.nodes.length,
        selector: { matchLabels: { app: APP } },
        template: {
          metadata: { labels: { app: APP } },
          // Never pulled: kwok only pretends to run it.
          spec: {
            containers: [
              { name: APP, image: 'registry.example/web:1', ports: [{ containerPort: p.httpPort }] },
            ],
          },
        },
      },
    },
  ];
  // The seed's first step: the MetalLB instance; the operator then renders the controller and
  // speakers (kwok runs their Pods; the real speakers run in the node namespaces).
  out.push({
    apiVersion: `${GROUP}/v1beta1`,
    kind: 'MetalLB',
    metadata: { name: 'metallb', namespace: METALLB_NAMESPACE },
  });
  for (const pool of p.pools)
    out.push(metallb('IPAddressPool', pool.name, { addresses: [...pool.addresses] }));
  const l2 = p.pools.filter((x) => x.mode === 'l2').map((x) => x.name);
  const bgp = p.pools.filter((x) => x.mode === 'bgp').map((x) => x.name);
  if (l2.length > 0) out.push(metallb('L2Advertisement', 'l2', { ipAddressPools: l2 }));
  if (bgp.length > 0 && p.router) {
    out.push(
      metallb('BFDProfile', 'fast', { receiveInterval: 300, transmitInterval: 300, detectMultiplier: 3 }),
    );
    const peer = (name: string, peerAddress: string) =>
      metallb(
        'BGPPeer',
        name,
        {
          myASN: p.asn.speakers,
          peerASN: p.asn.router,
          peerAddress,
          bfdProfile: 'fast',
          holdTime: '9s',
          keepaliveTime: '3s',
          connectTime: '1s',
        },
        'v1beta2',
      );
    out.push(peer('router-ipv4', p.router.ipv4), peer('router-ipv6', p.router.ipv6));
    out.push(metallb('BGPAdvertisement', 'bgp', { ipAddressPools: bgp }));
  }
  for (const pool of p.pools)
    out.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: serviceName(pool),
        namespace: SAMPLE_NAMESPACE,
        annotations: { 'metallb.io/address-pool': pool.name },
      },
      spec: {
        type: 'LoadBalancer',
        ipFamilyPolicy: 'RequireDualStack',
        ipFamilies: ['IPv4', 'IPv6'],
        selector: { app: APP },
        ports: [{ name: 'http', port: p.httpPort, targetPort: p.httpPort, protocol: 'TCP' }],
      },
    });
  return out;
}
