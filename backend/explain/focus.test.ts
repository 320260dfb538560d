import { describe, expect, it, vi } from 'vitest';
import * as desired from '../../api/announce/desired-state';
import * as ranking from '../../api/announce/l2-ranking';
import { parsePoolRanges, poolForIPs } from '../../api/announce/services';
import { explainNodes, planEveryNode } from './announce';
import { explainService } from './explain';
import { focusOn, servicesBearingOn, widestAggregation } from './focus';
import type { ClusterSnapshot } from './snapshot';
import { allocated, appSlice, bgpad, ippool, l2ad, peer, snapshot, svc } from './test-snapshot';

// Spies around the real functions: how often an explanation prepares plans and ranks candidates.
vi.mock('../../api/announce/desired-state', async (importOriginal) => {
  const real = await importOriginal<typeof desired>();
  return { ...real, prepare: vi.fn(real.prepare) };
});
vi.mock('../../api/announce/l2-ranking', async (importOriginal) => {
  const real = await importOriginal<typeof ranking>();
  return { ...real, candidateGroup: vi.fn(real.candidateGroup) };
});

const pools = [ippool('p', { addresses: ['192.0.2.0/24', '2001:db8::/120'] })];
const at = (name: string, ips: string[]) => allocated(svc(name, { ips }), 'p');
const services = [
  at('web', ['192.0.2.1']),
  at('twin', ['192.0.2.1']),
  at('near', ['192.0.2.14']),
  at('far', ['192.0.2.200']),
  at('v6', ['2001:db8::1']),
  svc('pending'),
];
const keys = (snap: Partial<ClusterSnapshot>, key = 'app/web') =>
  [...servicesBearingOn(snapshot({ pools, services, ...snap }), key)].sort();

describe('servicesBearingOn', () => {
  it('without aggregation: the Service and those sharing one of its IPs', () => {
    expect(keys({ bgpAdvertisements: [bgpad('b')] })).toEqual(['app/twin', 'app/web']);
  });

  it('with aggregation: every Service with an IP in the widest prefix around its IPs', () => {
    const ads = [bgpad('a', { aggregationLength: 30 }), bgpad('b', { aggregationLength: 28 })];
    expect(keys({ bgpAdvertisements: ads })).toEqual(['app/near', 'app/twin', 'app/web']);
    expect(keys({ bgpAdvertisements: [bgpad('c', { aggregationLength: 24 })] })).toEqual([
      'app/far',
      'app/near',
      'app/twin',
      'app/web',
    ]);
  });

  it('per family, ignoring lengths that make no route', () => {
    const ads = [bgpad('a', { aggregationLength: 40, aggregationLengthV6: 64 })];
    expect(widestAggregation(ads)).toEqual({ 4: 32, 6: 64 });
    expect(keys({ bgpAdvertisements: ads }, 'app/v6')).toEqual(['app/v6']);
  });

  it('a Service without IPs bears on nothing but itself', () => {
    expect(keys({ bgpAdvertisements: [bgpad('c', { aggregationLength: 0 })] }, 'app/pending')).toEqual([
      'app/pending',
    ]);
  });
});

describe('explaining one Service', () => {
  const web = at('web', ['192.0.2.1']);
  // A neighbour in the same /28 whose advertisement adds a community to the shared route.
  const near = allocated(svc('near', { ips: ['192.0.2.14'], labels: { tier: 'db' } }), 'p');
  const many = Array.from({ length: 50 }, (_, i) => at(`bulk-${i}`, [`192.0.2.${100 + i}`]));
  const snap = snapshot({
    pools,
    l2Advertisements: [l2ad('l2')],
    bgpAdvertisements: [
      bgpad('agg', { aggregationLength: 28, localPref: 100 }),
      bgpad('db', {
        aggregationLength: 28,
        communities: ['64512:7'],
        serviceSelectors: [{ matchLabels: { tier: 'db' } }],
      }),
    ],
    bgpPeers: [peer('r1')],
    services: [web, near, ...many],
    endpointSlices: [web, near, ...many].map((s) => appSlice(s.metadata!.name!, ['node-a', 'node-b'])),
  });

  it('plans every node once, on the Services bearing on it only', () => {
    vi.mocked(desired.prepare).mockClear();
    vi.mocked(ranking.candidateGroup).mockClear();
    explainService(snap, 'app', 'web');
    expect(desired.prepare).toHaveBeenCalledTimes(1);
    const input = vi.mocked(desired.prepare).mock.calls[0]![0];
    expect(input.services.map((s) => s.metadata?.name)).toEqual(['web', 'near']);
    expect(input.endpointSlices).toHaveLength(2);
    // The Layer 2 candidates are ranked once for all three nodes, not once per node.
    expect(ranking.candidateGroup).toHaveBeenCalledTimes(1);
  });

  it('gives the node verdicts that plans over every Service give, merged routes included', () => {
    const pool = poolForIPs(parsePoolRanges(snap.pools), ['192.0.2.1'])!;
    const everything = explainNodes(snap, planEveryNode(snap), 'app/web', pool);
    const focused = explainNodes(snap, planEveryNode(focusOn(snap, 'app/web')), 'app/web', pool);
    expect(focused).toEqual(everything);
    const routes = everything.find((n) => n.node === 'node-a')!.bgp!.peers[0]!.routes;
    expect(routes).toEqual([
      { prefix: '192.0.2.0/28', localPref: 100, communities: ['64512:7'], largeCommunities: [] },
    ]);
    expect(explainService(snap, 'app', 'web')!.nodes).toEqual(everything);
  });
});
