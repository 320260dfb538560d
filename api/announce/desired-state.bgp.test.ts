import { describe, expect, it } from 'vitest';
import type { Community } from '../types';
import { desiredState, type PlanInput } from './desired-state';
import { bgpad, node, peer, planInput, pool, service, slice } from './test-fixtures';

const NODES = ['node-a', 'node-b', 'node-c'];
const POOL = pool('p', ['10.0.0.0/24', 'fc00::/120']);
const zoned = [
  node('node-a', { zone: 'east' }),
  node('node-b', { zone: 'east' }),
  node('node-c', { zone: 'west' }),
];

function plan(n: string, over: Omit<Partial<PlanInput>, 'node'>) {
  return desiredState(planInput({ node: n, pools: [POOL], nodes: zoned, ...over }));
}

/** For each node: '' when it advertises svc, else its reason ('-' when svc is not a BGP Service). */
function outcome(over: Omit<Partial<PlanInput>, 'node'>, key = 'default/svc') {
  return Object.fromEntries(
    NODES.map((n) => {
      const s = plan(n, over);
      if (s.bgp.announce.some((a) => a.key === key)) return [n, ''];
      return [n, s.bgp.skipped.find((x) => x.key === key)?.reason ?? '-'];
    }),
  );
}

const community = (name: string, aliases: Record<string, string>): Community => ({
  apiVersion: 'metallb.io/v1beta1',
  kind: 'Community',
  metadata: { name },
  spec: { communities: Object.entries(aliases).map(([n, value]) => ({ name: n, value })) },
});

describe('desiredState: BGP eligibility', () => {
  const svc = service('svc', { ips: ['10.0.0.1'] });
  const local = service('svc', { ips: ['10.0.0.1'], local: true });
  const peers = [peer('p1')];
  const cases: [string, Omit<Partial<PlanInput>, 'node'>, Record<string, string>][] = [
    [
      'Cluster: every node advertises (ECMP)',
      {
        services: [svc],
        endpointSlices: [slice('svc', ['node-c'])],
        bgpAdvertisements: [bgpad('a')],
        bgpPeers: peers,
      },
      { 'node-a': '', 'node-b': '', 'node-c': '' },
    ],
    [
      'Cluster: no serving endpoint anywhere',
      {
        services: [svc],
        endpointSlices: [slice('svc', ['node-c:notready'])],
        bgpAdvertisements: [bgpad('a')],
        bgpPeers: peers,
      },
      { 'node-a': 'noEndpoints', 'node-b': 'noEndpoints', 'node-c': 'noEndpoints' },
    ],
    [
      'Local: only nodes holding a ready endpoint (T3)',
      {
        services: [local],
        endpointSlices: [slice('svc', ['node-a', 'node-b:notready'])],
        bgpAdvertisements: [bgpad('a')],
        bgpPeers: peers,
      },
      { 'node-a': '', 'node-b': 'noLocalEndpoints', 'node-c': 'noLocalEndpoints' },
    ],
    [
      'advertisement nodeSelectors: other nodes are not owners',
      {
        services: [svc],
        endpointSlices: [slice('svc', ['node-a'])],
        bgpAdvertisements: [bgpad('a', { nodeSelectors: [{ matchLabels: { zone: 'east' } }] })],
        bgpPeers: peers,
      },
      { 'node-a': '', 'node-b': '', 'node-c': 'notOwner' },
    ],
    [
      'serviceSelectors not matching',
      {
        services: [svc],
        endpointSlices: [slice('svc', ['node-a'])],
        bgpAdvertisements: [bgpad('a', { serviceSelectors: [{ matchLabels: { app: 'web' } }] })],
        bgpPeers: peers,
      },
      {
        'node-a': 'noMatchingAdvertisement',
        'node-b': 'noMatchingAdvertisement',
        'node-c': 'noMatchingAdvertisement',
      },
    ],
    [
      'excluded and NetworkUnavailable nodes do not advertise',
      {
        nodes: [
          node('node-a', { 'node.kubernetes.io/exclude-from-external-load-balancers': 'true' }),
          node('node-b', {}, true),
          node('node-c'),
        ],
        services: [svc],
        endpointSlices: [slice('svc', ['node-a'])],
        bgpAdvertisements: [bgpad('a')],
        bgpPeers: peers,
      },
      { 'node-a': 'nodeLabeledExcludeBalancers', 'node-b': 'nodeNetworkUnavailable', 'node-c': '' },
    ],
    [
      'conflicting LOCAL_PREF for the same prefix and peer',
      {
        services: [svc],
        endpointSlices: [slice('svc', ['node-a'])],
        bgpAdvertisements: [bgpad('a', { localPref: 100 }), bgpad('b', { localPref: 200 })],
        bgpPeers: peers,
      },
      {
        'node-a': 'conflictingAdvertisements',
        'node-b': 'conflictingAdvertisements',
        'node-c': 'conflictingAdvertisements',
      },
    ],
    [
      'different LOCAL_PREF to disjoint peers is fine',
      {
        services: [svc],
        endpointSlices: [slice('svc', ['node-a'])],
        bgpAdvertisements: [
          bgpad('a', { localPref: 100, peers: ['p1'] }),
          bgpad('b', { localPref: 200, peers: ['p2'] }),
        ],
        bgpPeers: [peer('p1'), peer('p2')],
      },
      { 'node-a': '', 'node-b': '', 'node-c': '' },
    ],
    [
      'advertisement of another pool: not a BGP Service',
      {
        services: [svc],
        endpointSlices: [slice('svc', ['node-a'])],
        bgpAdvertisements: [bgpad('a', { ipAddressPools: ['other'] })],
        bgpPeers: peers,
      },
      { 'node-a': '-', 'node-b': '-', 'node-c': '-' },
    ],
  ];
  it.each(cases)('%s', (_n, over, want) => {
    expect(outcome(over)).toEqual(want);
  });
});

describe('desiredState: BGP sessions and routes', () => {
  const svc = service('svc', { ips: ['10.0.0.1'] });
  const eps = [slice('svc', ['node-a'])];

  it('opens sessions with the peers whose nodeSelectors match the node', () => {
    const bgpPeers = [
      peer('all'),
      peer('east', { nodeSelectors: [{ matchLabels: { zone: 'east' } }] }),
      peer('west', {
        nodeSelectors: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['west'] }] }],
      }),
    ];
    expect(plan('node-a', { bgpPeers }).bgp.sessions.map((s) => s.peer)).toEqual(['all', 'east']);
    expect(plan('node-c', { bgpPeers }).bgp.sessions.map((s) => s.peer)).toEqual(['all', 'west']);
  });

  it('an excluded node still opens its sessions but advertises nothing', () => {
    const s = plan('node-a', {
      nodes: [node('node-a', { 'node.kubernetes.io/exclude-from-external-load-balancers': '' })],
      services: [svc],
      endpointSlices: eps,
      bgpAdvertisements: [bgpad('a')],
      bgpPeers: [peer('p1')],
    });
    expect(s.bgp.sessions.map((x) => [x.peer, x.routes])).toEqual([['p1', []]]);
    expect(s.bgpStatuses.size).toBe(0);
  });

  it('peers list limits an advertisement to the named peers (B3)', () => {
    const s = plan('node-a', {
      services: [svc],
      endpointSlices: eps,
      bgpAdvertisements: [bgpad('a', { peers: ['p2'] })],
      bgpPeers: [peer('p1'), peer('p2')],
    });
    expect(s.bgp.sessions.map((x) => [x.peer, x.routes.map((r) => r.prefix)])).toEqual([
      ['p1', []],
      ['p2', ['10.0.0.1/32']],
    ]);
    expect(s.bgpStatuses.get('default/svc')).toEqual({
      node: 'node-a',
      serviceName: 'svc',
      serviceNamespace: 'default',
      peers: ['p2'],
    });
  });

  it('aggregation lengths, localPref, communities and aliases reach the routes', () => {
    const s = plan('node-a', {
      services: [service('svc', { ips: ['10.0.0.77', 'fc00::17'] })],
      endpointSlices: eps,
      communities: [community('c', { gold: '65000:100', big: 'large:1:2:3' })],
      bgpAdvertisements: [
        bgpad('a', {
          aggregationLength: 24,
          aggregationLengthV6: 120,
          localPref: 50,
          communities: ['gold', '1:1', 'big'],
        }),
      ],
      bgpPeers: [peer('p1')],
    });
    const session = s.bgp.sessions[0]!;
    expect(session.advertisements).toEqual([
      {
        ip: '10.0.0.77',
        aggregationLength: 24,
        aggregationLengthV6: 120,
        localPref: 50,
        communities: ['65000:100', '1:1', 'large:1:2:3'],
      },
      {
        ip: 'fc00::17',
        aggregationLength: 24,
        aggregationLengthV6: 120,
        localPref: 50,
        communities: ['65000:100', '1:1', 'large:1:2:3'],
      },
    ]);
    expect(session.routes).toEqual([
      {
        prefix: '10.0.0.0/24',
        localPref: 50,
        communities: [(1 << 16) | 1, ((65000 << 16) | 100) >>> 0],
        largeCommunities: [{ global: 1, local1: 2, local2: 3 }],
      },
      {
        prefix: 'fc00::/120',
        localPref: 50,
        communities: [(1 << 16) | 1, ((65000 << 16) | 100) >>> 0],
        largeCommunities: [{ global: 1, local1: 2, local2: 3 }],
      },
    ]);
    expect(s.bgp.problems).toEqual([]);
  });

  it('multiple advertisements merge: same prefix unions communities, other lengths add routes', () => {
    const s = plan('node-a', {
      services: [svc],
      endpointSlices: eps,
      bgpAdvertisements: [
        bgpad('a', { communities: ['1:1'] }),
        bgpad('b', { communities: ['2:2'] }),
        bgpad('c', { aggregationLength: 16 }),
      ],
      bgpPeers: [peer('p1')],
    });
    expect(s.bgp.sessions[0]!.routes).toEqual([
      { prefix: '10.0.0.0/16', communities: [], largeCommunities: [] },
      { prefix: '10.0.0.1/32', communities: [(1 << 16) | 1, (2 << 16) | 2], largeCommunities: [] },
    ]);
  });

  it('routes of several Services go to the same session, sorted', () => {
    const s = plan('node-b', {
      services: [svc, service('two', { ips: ['10.0.0.2'] }), service('gone', { ips: ['10.0.0.3'] })],
      endpointSlices: [...eps, slice('two', ['node-c'])],
      bgpAdvertisements: [bgpad('a')],
      bgpPeers: [peer('p1')],
    });
    expect(s.bgp.sessions[0]!.routes.map((r) => r.prefix)).toEqual(['10.0.0.1/32', '10.0.0.2/32']);
    expect([...s.bgpStatuses.keys()]).toEqual(['default/svc', 'default/two']);
    expect(s.bgp.skipped).toEqual([
      {
        key: 'default/gone',
        service: { namespace: 'default', name: 'gone' },
        ips: ['10.0.0.3'],
        reason: 'noEndpoints',
      },
    ]);
  });

  it('with no peers the Service is advertised to nobody and has no ServiceBGPStatus', () => {
    const s = plan('node-a', { services: [svc], endpointSlices: eps, bgpAdvertisements: [bgpad('a')] });
    expect(s.bgp.announce.map((a) => [a.key, a.peers])).toEqual([['default/svc', []]]);
    expect(s.bgpStatuses.size).toBe(0);
  });

  it('BFD profiles are attached; dangling references are reported', () => {
    const s = plan('node-a', {
      services: [svc],
      endpointSlices: eps,
      communities: [],
      bgpAdvertisements: [bgpad('a', { communities: ['nosuch'] })],
      bgpPeers: [peer('p1', { bfdProfile: 'fast' }), peer('p2', { bfdProfile: 'missing' })],
      bfdProfiles: [
        {
          apiVersion: 'metallb.io/v1beta1',
          kind: 'BFDProfile',
          metadata: { name: 'fast' },
          spec: { receiveInterval: 50 },
        },
      ],
    });
    expect(s.bgp.sessions.map((x) => x.bfdProfile)).toEqual([
      { name: 'fast', spec: { receiveInterval: 50 } },
      undefined,
    ]);
    expect(s.bgp.problems).toEqual([
      'BGPAdvertisement "a" uses community "nosuch", which is neither a community nor a known alias',
      'BGPPeer "p2" references BFDProfile "missing", which does not exist',
    ]);
    expect(s.bgp.sessions[0]!.routes).toEqual([
      { prefix: '10.0.0.1/32', communities: [], largeCommunities: [] },
    ]);
  });

  it('a pool used by both protocols gets both statuses', () => {
    const s = desiredState(
      planInput({
        node: 'node-b',
        pools: [POOL],
        services: [svc],
        endpointSlices: eps,
        l2Advertisements: [
          { apiVersion: 'metallb.io/v1beta1', kind: 'L2Advertisement', metadata: { name: 'l2' }, spec: {} },
        ],
        bgpAdvertisements: [bgpad('a')],
        bgpPeers: [peer('p1')],
      }),
    );
    expect([...s.l2Statuses.keys()]).toEqual(['default/svc']);
    expect(s.bgpStatuses.get('default/svc')?.peers).toEqual(['p1']);
  });
});

describe('desiredState: loadBalancerClass', () => {
  const base = {
    endpointSlices: [slice('svc', ['node-a'])],
    bgpAdvertisements: [bgpad('a')],
    bgpPeers: [peer('p1')],
  };
  const withClass = (cls: string | undefined) => {
    const svc = service('svc', { ips: ['10.0.0.1'] });
    return cls ? { ...svc, spec: { ...svc.spec, loadBalancerClass: cls } } : svc;
  };
  const announced = (cls: string | undefined, lbClass: string | undefined) =>
    plan('node-a', { ...base, services: [withClass(cls)], ...(lbClass ? { lbClass } : {}) }).bgp.announce
      .length;

  it('without --lb-class announces only Services without a class', () => {
    expect(announced(undefined, undefined)).toBe(1);
    expect(announced('other.example/lb', undefined)).toBe(0);
  });

  it('with --lb-class announces only Services of exactly that class, and does not list the others', () => {
    expect(announced('metallb.io/metallb', 'metallb.io/metallb')).toBe(1);
    expect(announced(undefined, 'metallb.io/metallb')).toBe(0);
    const s = plan('node-a', { ...base, services: [withClass(undefined)], lbClass: 'metallb.io/metallb' });
    expect(s.ignored).toEqual([]);
  });
});
