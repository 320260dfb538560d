import { describe, expect, it } from 'vitest';
import { EXCLUDE_LB_LABEL, sortL2Candidates } from '../../api/announce/election';
import type { ClusterSnapshot } from './snapshot';
import { explainService } from './explain';
import {
  allocated,
  appSlice,
  bgpad,
  ippool,
  l2ad,
  l2status,
  node,
  peer,
  snapshot,
  svc,
} from './test-snapshot';

const explain = (snap: ClusterSnapshot, name = 'web') => explainService(snap, 'app', name)!;

describe('explainService: pools', () => {
  const holder = allocated(svc('holder', { ips: ['192.0.2.1'] }), 'one');
  it.each<[string, Partial<ClusterSnapshot>, string, string, Record<string, string>?]>([
    ['the pool used', { pools: [ippool('p', { addresses: ['192.0.2.0/30'] })] }, 'p', 'poolUsed'],
    [
      'namespace not selected',
      { pools: [ippool('p', { addresses: ['192.0.2.0/30'], serviceAllocation: { namespaces: ['other'] } })] },
      'p',
      'poolNamespaceNotSelected',
      { namespace: 'app' },
    ],
    [
      'service selectors',
      {
        pools: [
          ippool('p', {
            addresses: ['192.0.2.0/30'],
            serviceAllocation: { serviceSelectors: [{ matchLabels: { tier: 'db' } }] },
          }),
        ],
      },
      'p',
      'poolServiceNotSelected',
    ],
    [
      'autoAssign false',
      { pools: [ippool('p', { addresses: ['192.0.2.0/30'], autoAssign: false })] },
      'p',
      'poolAutoAssignDisabled',
    ],
    [
      'namespaceSelectors that match no namespace',
      {
        pools: [
          ippool('p', {
            addresses: ['192.0.2.0/30'],
            serviceAllocation: { namespaceSelectors: [{ matchLabels: { team: 'x' } }] },
          }),
        ],
      },
      'p',
      'poolNotPinned',
    ],
    [
      'exhausted',
      { pools: [ippool('one', { addresses: ['192.0.2.1/32'] })], services: [holder] },
      'one',
      'poolExhausted',
    ],
    [
      'family mismatch',
      {
        pools: [ippool('v6', { addresses: ['2001:db8::/120'] })],
      },
      'v6',
      'poolFamilyMismatch',
      { family: 'IPv4' },
    ],
    [
      'a lower-priority pool is usable but not chosen',
      {
        pools: [
          ippool('first', {
            addresses: ['192.0.2.0/30'],
            serviceAllocation: { priority: 1, namespaces: ['app'] },
          }),
          ippool('second', { addresses: ['198.51.100.0/30'] }),
        ],
      },
      'second',
      'poolNotChosen',
      { chosen: 'first' },
    ],
  ])('%s', (_name, over, pool, code, params) => {
    const web = svc('web');
    const out = explain(snapshot({ ...over, services: [...(over.services ?? []), web] }));
    const v = out.pools.find((p) => p.pool === pool)!;
    expect(v.reason.code).toBe(code);
    if (params) expect(v.reason.params).toMatchObject(params);
  });

  it('a sharing-key conflict on a requested IP names the holder', () => {
    const a = allocated(
      svc('a', { ips: ['192.0.2.1'], annotations: { 'metallb.io/allow-shared-ip': 'k' } }),
      'p',
    );
    const web = svc('web', {
      annotations: { 'metallb.io/allow-shared-ip': 'other', 'metallb.io/loadBalancerIPs': '192.0.2.1' },
      ports: [8080],
    });
    const out = explain(
      snapshot({ pools: [ippool('p', { addresses: ['192.0.2.0/30'] })], services: [a, web] }),
    );
    expect(out.summary).toMatchObject({
      code: 'pending',
      params: { cause: 'sharingConflict', holder: 'app/a' },
    });
    expect(out.pools[0]!.reason).toMatchObject({ code: 'sharingConflict', params: { ip: '192.0.2.1' } });
  });

  it('requests: another pool is not requested, a pool without the IP lacks it', () => {
    const pools = [
      ippool('a', { addresses: ['192.0.2.0/30'] }),
      ippool('b', { addresses: ['198.51.100.0/30'] }),
    ];
    const byPool = explain(
      snapshot({ pools, services: [svc('web', { annotations: { 'metallb.io/address-pool': 'b' } })] }),
    );
    expect(byPool.pools.map((p) => p.reason.code)).toEqual(['poolNotRequested', 'poolUsed']);
    const byIP = explain(
      snapshot({
        pools,
        services: [svc('web', { annotations: { 'metallb.io/loadBalancerIPs': '198.51.100.2' } })],
      }),
    );
    expect(byIP.pools.map((p) => p.reason.code)).toEqual(['poolLacksRequestedIP', 'poolUsed']);
  });

  it.each<[string, ReturnType<typeof svc>, string]>([
    ['not a LoadBalancer', svc('web', { type: 'ClusterIP' }), 'notLoadBalancer'],
    ['another class', svc('web', { loadBalancerClass: 'example.com/lb' }), 'classNotOurs'],
    ['allocated', allocated(svc('web', { ips: ['192.0.2.0'] }), 'p'), 'allocated'],
    ['computed but not written yet', svc('web'), 'statusNotWritten'],
  ])('summary: %s', (_name, web, code) => {
    const out = explain(snapshot({ pools: [ippool('p', { addresses: ['192.0.2.0/30'] })], services: [web] }));
    expect(out.summary.code).toBe(code);
  });

  it('pending: the summary names the most telling refusal', () => {
    const out = explain(
      snapshot({
        pools: [
          ippool('full', { addresses: ['192.0.2.1/32'] }),
          ippool('theirs', { addresses: ['198.51.100.0/30'], serviceAllocation: { namespaces: ['other'] } }),
        ],
        services: [allocated(svc('holder', { ips: ['192.0.2.1'] }), 'full'), svc('web')],
      }),
    );
    expect(out.summary).toEqual({ code: 'pending', params: { cause: 'poolExhausted', pool: 'full' } });
  });
});

describe('explainService: nodes', () => {
  const IP = '192.0.2.0';
  const pools = [ippool('p', { addresses: ['192.0.2.0/30'] })];
  const winner = sortL2Candidates(['node-a', 'node-b', 'node-c'], IP)[0]!;
  const web = (o: Parameters<typeof svc>[1] = {}) => allocated(svc('web', { ips: [IP], ...o }), 'p');
  const base = (over: Partial<ClusterSnapshot> = {}) =>
    snapshot({
      pools,
      l2Advertisements: [l2ad('l2')],
      services: [web()],
      endpointSlices: [appSlice('web', ['node-a', 'node-b', 'node-c'])],
      l2Statuses: [l2status(winner, 'web')],
      ...over,
    });
  const l2 = (snap: ClusterSnapshot, n: string) => explain(snap).nodes.find((x) => x.node === n)!.l2!;

  it('the winner announces on the interfaces it reports; the others name it', () => {
    const out = explain(base());
    expect(out.advertisements).toEqual([{ kind: 'L2Advertisement', name: 'l2' }]);
    for (const n of out.nodes) {
      if (n.node === winner)
        expect(n.l2).toMatchObject({ announces: true, reported: ['eth0'], interfaces: 'all' });
      else expect(n.l2!.reason).toEqual({ code: 'notWinner', params: { node: n.node, winner } });
    }
  });

  const other = ['node-a', 'node-b', 'node-c'].find((n) => n !== winner)!;
  it.each<[string, Partial<ClusterSnapshot>, string, string]>([
    ['no advertisement selects the pool', { l2Advertisements: [] }, winner, 'noAdvertisementSelectsPool'],
    ['no serving endpoint', { endpointSlices: [] }, winner, 'noServingEndpoints'],
    [
      'ETP Local without a local endpoint',
      { services: [web({ local: true })], endpointSlices: [appSlice('web', [other])] },
      winner,
      'noLocalEndpoint',
    ],
    [
      'excluded by label',
      {
        nodes: ['node-a', 'node-b', 'node-c'].map((n) =>
          node(n, n === winner ? { [EXCLUDE_LB_LABEL]: '' } : {}),
        ),
      },
      winner,
      'nodeLabeledExcludeBalancers',
    ],
    [
      'NetworkUnavailable',
      { nodes: ['node-a', 'node-b', 'node-c'].map((n) => node(n, {}, n === winner)) },
      winner,
      'nodeNetworkUnavailable',
    ],
    [
      'node selector',
      {
        l2Advertisements: [
          l2ad('l2', { nodeSelectors: [{ matchLabels: { 'kubernetes.io/hostname': other } }] }),
        ],
      },
      winner,
      'nodeNotSelected',
    ],
    [
      'service selector',
      { l2Advertisements: [l2ad('l2', { serviceSelectors: [{ matchLabels: { tier: 'db' } }] })] },
      winner,
      'serviceNotSelected',
    ],
    [
      'speaker not running',
      {
        configurationStates: snapshot().configurationStates.filter(
          (c) => c.metadata.name !== `speaker-${winner}`,
        ),
      },
      winner,
      'speakerNotRunning',
    ],
    [
      'planned but no interface answers (excluded interfaces)',
      { l2Statuses: [] },
      winner,
      'notAnsweringOnWire',
    ],
  ])('L2: %s', (_name, over, n, code) => {
    expect(l2(base(over), n).reason.code).toBe(code);
  });

  it('BGP: routes with their attributes per peer, the session state, and why a peer gets nothing', () => {
    const snap = base({
      l2Advertisements: [],
      bgpAdvertisements: [bgpad('b', { localPref: 150, communities: ['64512:100'], peers: ['r1'] })],
      bgpPeers: [
        peer('r1'),
        peer('r2', { peerAddress: '192.0.2.2' }),
        peer('r3', {
          peerAddress: '192.0.2.3',
          nodeSelectors: [{ matchLabels: { 'kubernetes.io/hostname': 'nowhere' } }],
        }),
      ],
      sessions: [
        {
          apiVersion: 'metallb.io/v1beta1',
          kind: 'BGPSessionState',
          metadata: { name: 's', namespace: 'metallb-system' },
          spec: {},
          status: { node: 'node-a', peer: 'r1', bgpState: 'Established', prefixesSent: 1 },
        },
      ],
    });
    const a = explain(snap).nodes.find((n) => n.node === 'node-a')!;
    expect(a.l2).toBeUndefined();
    expect(a.bgp!.peers).toEqual([
      {
        peer: 'r1',
        sent: true,
        reason: { code: 'routeSent', params: { peer: 'r1' } },
        routes: [
          { prefix: '192.0.2.0/32', localPref: 150, communities: ['64512:100'], largeCommunities: [] },
        ],
        session: { bgpState: 'Established', prefixesSent: 1 },
      },
      {
        peer: 'r2',
        sent: false,
        reason: { code: 'advertisementNotForPeer', params: { peer: 'r2' } },
        routes: [],
      },
      {
        peer: 'r3',
        sent: false,
        reason: { code: 'peerNotForNode', params: { peer: 'r3', node: 'node-a' } },
        routes: [],
      },
    ]);
  });

  it.each<[string, Partial<ClusterSnapshot>, string]>([
    [
      'ETP Local without a local endpoint',
      { services: [web({ local: true })], endpointSlices: [appSlice('web', ['node-b'])] },
      'noLocalEndpoint',
    ],
    [
      'node excluded',
      { nodes: [node('node-a', { [EXCLUDE_LB_LABEL]: '' }), node('node-b'), node('node-c')] },
      'nodeLabeledExcludeBalancers',
    ],
    [
      'advertisement nodeSelectors',
      { bgpAdvertisements: [bgpad('b', { nodeSelectors: [{ matchLabels: { x: 'y' } }] })] },
      'nodeNotSelected',
    ],
    ['speaker not running', { configurationStates: [] }, 'speakerNotRunning'],
  ])('BGP: %s', (_name, over, code) => {
    const snap = base({
      l2Advertisements: [],
      bgpAdvertisements: [bgpad('b')],
      bgpPeers: [peer('r1')],
      ...over,
    });
    expect(explain(snap).nodes.find((n) => n.node === 'node-a')!.bgp!.reason.code).toBe(code);
  });
});
