import { describe, expect, it } from 'vitest';
import type { BGPAdvertisement, IPAddressPool, L2Advertisement } from '../../api/types';
import { compare } from './preview';
import type { ClusterSnapshot } from './snapshot';
import { allocated, appSlice, bgpad, ippool, l2ad, node, peer, snapshot, svc } from './test-snapshot';
import { prng } from '../../api/test-prng';

const NODES = ['node-a', 'node-b', 'node-c'];

const pick = <T>(rnd: () => number, xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;

function cluster(rnd: () => number): ClusterSnapshot {
  // Three pools of 16 addresses; Services spread over them, some Local, some labelled.
  const pools = ['a', 'b', 'c'].map((p, k) => ippool(p, { addresses: [`192.0.2.${16 * k}/28`] }));
  const services = Array.from({ length: 18 }, (_, i) => {
    const k = i % 3;
    return allocated(
      svc(`s${i}`, {
        ips: [`192.0.2.${16 * k + Math.floor(i / 3)}`],
        local: rnd() < 0.3,
        labels: rnd() < 0.5 ? { tier: 'web' } : {},
      }),
      ['a', 'b', 'c'][k]!,
    );
  });
  // Nodes unlike in what BGP reads of them: zones (selectors), one sometimes excluded.
  const nodes = NODES.map((n, i) =>
    node(n, {
      zone: i === 0 ? 'x' : pick(rnd, ['x', 'y']),
      ...(rnd() < 0.2 ? { 'node.kubernetes.io/exclude-from-external-load-balancers': '' } : {}),
    }),
  );
  return snapshot({
    nodes,
    pools,
    l2Advertisements: [l2ad('l2', { ipAddressPools: ['a'] })],
    bgpAdvertisements: [bgpad('bgp', { ipAddressPools: ['b', 'c'], aggregationLength: 30 })],
    bgpPeers: [
      peer('router', { peerAddress: '203.0.113.1' }),
      peer('zone-x', { peerAddress: '203.0.113.2', nodeSelectors: [{ matchLabels: { zone: 'x' } }] }),
    ],
    services,
    endpointSlices: services.map((s) =>
      appSlice(
        s.metadata!.name!,
        NODES.filter(() => rnd() < 0.6),
      ),
    ),
  });
}

/** One random change of the kind a preview is asked about. */
function change(snap: ClusterSnapshot, rnd: () => number): ClusterSnapshot {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const r = rnd();
  if (r < 0.3) {
    const name = pick(['a', 'b', 'c']);
    const k = ['a', 'b', 'c'].indexOf(name);
    const pool: IPAddressPool = ippool(name, { addresses: [`192.0.2.${16 * k}/${pick([28, 29, 30])}`] });
    if (rnd() < 0.3) pool.metadata!.labels = { zone: 'x' };
    return { ...snap, pools: snap.pools.map((p) => (p.metadata?.name === name ? pool : p)) };
  }
  if (r < 0.55) {
    const ad: L2Advertisement = l2ad(pick(['l2', 'l2-extra']), {
      ipAddressPools: [pick(['a', 'b'])],
      ...(rnd() < 0.5 ? { nodeSelectors: [{ matchLabels: { 'kubernetes.io/hostname': pick(NODES) } }] } : {}),
    });
    return {
      ...snap,
      l2Advertisements: [...snap.l2Advertisements.filter((a) => a.metadata?.name !== ad.metadata?.name), ad],
    };
  }
  if (r < 0.85) {
    const ad: BGPAdvertisement = bgpad(pick(['bgp', 'bgp-extra']), {
      ...(rnd() < 0.7
        ? { ipAddressPools: [pick(['b', 'c'])] }
        : { ipAddressPoolSelectors: [{ matchLabels: { zone: 'x' } }] }),
      aggregationLength: pick([26, 28, 30, 32]),
      ...(rnd() < 0.3 ? { nodeSelectors: [{ matchLabels: { 'kubernetes.io/hostname': pick(NODES) } }] } : {}),
      ...(rnd() < 0.3 ? { peers: [pick(['router', 'zone-x'])] } : {}),
      ...(rnd() < 0.5
        ? { communities: ['64512:7'], serviceSelectors: [{ matchLabels: { tier: 'web' } }] }
        : {}),
      ...(rnd() < 0.3 ? { localPref: 200 } : {}),
    });
    return {
      ...snap,
      bgpAdvertisements: [
        ...snap.bgpAdvertisements.filter((a) => a.metadata?.name !== ad.metadata?.name),
        ad,
      ],
    };
  }
  return {
    ...snap,
    bgpPeers: [peer('router', { peerAddress: '203.0.113.1', peerASN: 64513 }), snap.bgpPeers[1]!],
  };
}

describe('a preview over the affected Services only', () => {
  it('lists exactly the changes a preview over every Service lists', () => {
    let nonEmpty = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const rnd = prng(seed);
      let before = cluster(rnd);
      for (let step = 0; step < 4; step++) {
        const after = change(before, rnd);
        const narrowed = compare(before, after);
        expect(narrowed, `seed ${seed} step ${step}`).toEqual(compare(before, after, true));
        if (narrowed.length > 0) nonEmpty++;
        before = after;
      }
    }
    // The changes were real ones: most of them moved something.
    expect(nonEmpty).toBeGreaterThan(100);
  });
});

describe('affected Services', () => {
  it('include those aggregated with a changed one: their merged route carries its communities', () => {
    const x = allocated(svc('x', { ips: ['192.0.2.16'], labels: { tier: 'web' } }), 'b');
    const y = allocated(svc('y', { ips: ['192.0.2.32'] }), 'c');
    const web = (community: string) =>
      bgpad('web', { ipAddressPools: ['b'], aggregationLength: 26, communities: [community] });
    const before = snapshot({
      pools: [ippool('b', { addresses: ['192.0.2.16/28'] }), ippool('c', { addresses: ['192.0.2.32/28'] })],
      bgpAdvertisements: [bgpad('wide', { aggregationLength: 26 }), web('64512:7')],
      bgpPeers: [peer('router', { peerAddress: '203.0.113.1' })],
      services: [x, y],
      endpointSlices: [appSlice('x', NODES), appSlice('y', NODES)],
    });
    // Only pool b's advertisement changes, yet y's route 192.0.2.0/26 is x's too (aggregated).
    const after = { ...before, bgpAdvertisements: [before.bgpAdvertisements[0]!, web('64512:8')] };
    const changes = compare(before, after);
    expect(changes.map((c) => c.service.name)).toEqual(['x', 'y']);
    expect(changes[1]!.after.bgpRoutes).toContain('node-a router 192.0.2.0/26 communities=64512:8');
    expect(changes).toEqual(compare(before, after, true));
  });
});
