import { describe, expect, it } from 'vitest';
import { makePlan } from './plan';
import { sampleObjects, sampleServices } from './sample-config';

const kinds = (o: { l2: boolean; bgp: boolean; router: boolean }) =>
  sampleObjects(makePlan({ prefix: 'p', nodes: 3, ...o })).map((x) => `${x.kind}/${x.metadata.name}`);

describe('sampleObjects', () => {
  it('has the MetalLB instance, pools, advertisements, a peering with BFD and a Service per mode', () => {
    expect(kinds({ l2: true, bgp: true, router: true })).toEqual([
      'Namespace/demo',
      'Deployment/web',
      'MetalLB/metallb',
      'IPAddressPool/l2-pool',
      'IPAddressPool/bgp-pool',
      'L2Advertisement/l2',
      'BFDProfile/fast',
      'BGPPeer/router-ipv4',
      'BGPPeer/router-ipv6',
      'BGPAdvertisement/bgp',
      'Service/web-l2',
      'Service/web-bgp',
    ]);
  });

  it('leaves out what a flag leaves out', () => {
    expect(kinds({ l2: true, bgp: false, router: true })).not.toContain('BGPPeer/router-ipv4');
    expect(kinds({ l2: false, bgp: true, router: true })).not.toContain('L2Advertisement/l2');
  });

  it('peers with the router over both families, naming the BFD profile', () => {
    const objs = sampleObjects(makePlan({ prefix: 'p', nodes: 1, l2: false, bgp: true, router: true }));
    const peers = objs.filter((o) => o.kind === 'BGPPeer');
    expect(peers.map((p) => (p.spec as { peerAddress: string }).peerAddress)).toEqual([
      '192.0.2.1',
      '2001:db8::1',
    ]);
    for (const p of peers) {
      expect(p.apiVersion).toBe('metallb.io/v1beta2');
      expect(p.spec).toMatchObject({ myASN: 64500, peerASN: 64501, bfdProfile: 'fast' });
    }
  });

  it('asks each Service for both families from its mode’s pool', () => {
    const objs = sampleObjects(makePlan({ prefix: 'p', nodes: 1, l2: true, bgp: true, router: true }));
    const svc = objs.find((o) => o.kind === 'Service' && o.metadata.name === 'web-bgp')!;
    expect(svc.metadata.annotations).toEqual({ 'metallb.io/address-pool': 'bgp-pool' });
    expect(svc.spec).toMatchObject({
      type: 'LoadBalancer',
      ipFamilyPolicy: 'RequireDualStack',
      ports: [{ port: 80 }],
    });
    expect(sampleServices(makePlan({ prefix: 'p', nodes: 1, l2: true, bgp: true, router: true }))).toEqual([
      { namespace: 'demo', name: 'web-l2', mode: 'l2', port: 80 },
      { namespace: 'demo', name: 'web-bgp', mode: 'bgp', port: 80 },
    ]);
  });
});
