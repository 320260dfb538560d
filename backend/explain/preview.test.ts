import { describe, expect, it } from 'vitest';
import { sortL2Candidates } from '../../api/announce/election';
import { previewChange } from './preview';
import { PREVIEW_ROUTE_LINES } from '../../api/explain/types';
import { allocated, appSlice, bgpad, ippool, l2ad, node, peer, snapshot, svc } from './test-snapshot';

const NODES = ['node-a', 'node-b', 'node-c'];

describe('previewChange', () => {
  const services = ['192.0.2.0', '192.0.2.1', '192.0.2.2', '192.0.2.3'].map((ip, i) =>
    allocated(svc(`s${i}`, { ips: [ip] }), 'p'),
  );
  const snap = snapshot({
    pools: [ippool('p', { addresses: ['192.0.2.0/30'] })],
    l2Advertisements: [l2ad('l2')],
    services,
    endpointSlices: services.map((s) => appSlice(s.metadata!.name!, NODES)),
  });

  it('shrinking a pool under allocated Services lists exactly those that lose their IP', () => {
    const out = previewChange(snap, ippool('p', { addresses: ['192.0.2.0/31'] }));
    expect(out.allowed).toBe(true);
    expect(out.changes.map((c) => c.service.name)).toEqual(['s2', 's3']);
    for (const c of out.changes) {
      expect(c.losesIPs).toBe(true);
      expect(c.after.ingressIPs).toEqual([]);
      expect(c.changes).toEqual(expect.arrayContaining(['ips', 'pool', 'l2Nodes']));
    }
  });

  it('a Service whose IP stays in the pool keeps it, even when one sorted before it lost its own', () => {
    // s0 (sorted first) loses 192.0.2.0, s1 keeps 192.0.2.1: s0 must not take s1's IP.
    const out = previewChange(snap, ippool('p', { addresses: ['192.0.2.1/32'] }));
    expect(out.changes.map((c) => c.service.name)).toEqual(['s0', 's2', 's3']);
    expect(out.changes.every((c) => c.after.ingressIPs.length === 0)).toBe(true);
  });

  it('adding a node selector to an L2Advertisement lists the Services whose announcing node changes', () => {
    const keep = 'node-a';
    const moved = services.filter(
      (s) => sortL2Candidates(NODES, s.status!.loadBalancer!.ingress![0]!.ip!)[0] !== keep,
    );
    const out = previewChange(
      snap,
      l2ad('l2', { nodeSelectors: [{ matchLabels: { 'kubernetes.io/hostname': keep } }] }),
    );
    expect(out.changes.map((c) => c.service.name)).toEqual(moved.map((s) => s.metadata!.name));
    for (const c of out.changes) {
      expect(c.changes).toEqual(['l2Nodes']);
      expect(c.after.l2Nodes).toEqual([keep]);
      expect(c.losesIPs).toBe(false);
    }
  });

  it('a refused change lists the webhook errors and no Service', () => {
    const out = previewChange(snap, ippool('q', { addresses: ['192.0.2.2/32'] }));
    expect(out.allowed).toBe(false);
    expect(out.errors[0]!.message).toContain('overlaps');
    expect(out.changes).toEqual([]);
  });

  it('deleting the only pool takes every IP away', () => {
    const out = previewChange(snap, ippool('p', { addresses: ['192.0.2.0/30'] }), 'delete');
    expect(out.changes.filter((c) => c.losesIPs)).toHaveLength(4);
  });

  it('lists the first route lines of a Service announced by many nodes, with their number', () => {
    const many = Array.from({ length: 25 }, (_, i) => `node-${String(i).padStart(2, '0')}`);
    const web = allocated(svc('web', { ips: ['198.51.100.1'] }), 'b');
    const wide = snapshot({
      nodes: many.map((n) => node(n)),
      pools: [ippool('b', { addresses: ['198.51.100.0/28'] })],
      bgpAdvertisements: [bgpad('bgp')],
      bgpPeers: [peer('router', { peerAddress: '203.0.113.1' })],
      services: [web],
      endpointSlices: [appSlice('web', many)],
    });
    const out = previewChange(wide, bgpad('bgp', { communities: ['64512:9'] }));
    const [c] = out.changes;
    expect(c!.changes).toEqual(['bgpRoutes']);
    expect(c!.after.bgpRoutes).toHaveLength(PREVIEW_ROUTE_LINES);
    expect(c!.after.bgpRoutes[0]).toBe('node-00 router 198.51.100.1/32 communities=64512:9');
    expect(c!.after.bgpRoutesTotal).toBe(25);
    expect(c!.before.bgpRoutesTotal).toBe(25);
  });
});
