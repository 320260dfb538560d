import { describe, expect, it } from 'vitest';
import type { L2AdvertisementSpec } from '../types';
import {
  EXCLUDE_LB_LABEL,
  announceInterfaces,
  electL2,
  endpointCanServe,
  l2ElectionKey,
  preferredScore,
  shouldAnnounceL2,
  sortL2Candidates,
  type L2ElectionInput,
  l2Verdict,
  type L2Cause,
} from './election';

describe('sortL2Candidates (upstream TestSortL2Candidates vectors)', () => {
  it.each<[string[], string, Record<string, number>, string[]]>([
    [['node-a', 'node-b', 'node-c'], '10.0.0.1', {}, ['node-b', 'node-a', 'node-c']],
    [['node-a', 'node-b', 'node-c'], '10.0.0.2', {}, ['node-b', 'node-c', 'node-a']],
    [
      ['edge-a', 'edge-b', 'worker-a', 'worker-b'],
      '10.20.30.1',
      { 'edge-a': 100 },
      ['edge-a', 'edge-b', 'worker-a', 'worker-b'],
    ],
    [['node-a', 'node-b'], '10.20.30.1', { 'node-a': 100, 'node-b': 100 }, ['node-b', 'node-a']],
    [
      ['edge-a', 'edge-b', 'worker-a'],
      '10.20.30.1',
      { 'edge-a': 100, 'edge-b': 100 },
      ['edge-b', 'edge-a', 'worker-a'],
    ],
  ])('%j for %s with scores %j', (nodes, ip, scores, want) => {
    expect(sortL2Candidates(nodes, ip, new Map(Object.entries(scores)))).toEqual(want);
  });
  it('does not depend on input order', () => {
    expect(sortL2Candidates(['node-c', 'node-a', 'node-b'], '10.0.0.1')).toEqual([
      'node-b',
      'node-a',
      'node-c',
    ]);
  });
  it('keys on sha256(node#ip)', () => {
    // sha256("a#b"), computed independently (coreutils sha256sum).
    expect(l2ElectionKey('a', 'b')).toBe('8187fc8f7f007036dffc199544b33167632c7739733785bbdec0fbb9a2c43ca1');
    expect(l2ElectionKey('node-a', '10.0.0.1')).toMatch(/^[0-9a-f]{64}$/);
    expect(l2ElectionKey('node-a', '10.0.0.1')).not.toBe(l2ElectionKey('node-a', '10.0.0.2'));
  });
});

const node = (name: string, labels: Record<string, string> = {}, networkUnavailable = false) => ({
  name,
  labels,
  networkUnavailable,
});
const NODES = [node('node-a', { zone: 'a' }), node('node-b', { zone: 'b' }), node('node-c', { zone: 'c' })];
const ALL: L2AdvertisementSpec = {};
const base = (over: Partial<L2ElectionInput> = {}): L2ElectionInput => ({
  ips: ['10.0.0.1'],
  advertisements: [ALL],
  nodes: NODES,
  members: new Set(['node-a', 'node-b', 'node-c']),
  endpoints: [{ nodeName: 'node-c', ready: true }],
  ...over,
});

describe('endpointCanServe', () => {
  it.each([
    [{}, true],
    [{ ready: null }, true],
    [{ ready: true }, true],
    [{ ready: false }, false],
    [{ ready: false, serving: true }, true],
    [{ ready: false, serving: false }, false],
  ])('%j → %s', (ep, want) => {
    expect(endpointCanServe(ep)).toBe(want);
  });
});

describe('electL2 / shouldAnnounceL2', () => {
  // Without preferences node-b wins 10.0.0.1 (order b, a, c), node-b also wins 10.0.0.2 (b, c, a).
  it.each<[string, Partial<L2ElectionInput>, string[]]>([
    ['baseline', {}, ['node-b', 'node-a', 'node-c']],
    [
      'only the first IP is hashed (dual-stack / shared IPs land together)',
      { ips: ['10.0.0.2', '10.0.0.1'] },
      ['node-b', 'node-c', 'node-a'],
    ],
    [
      'memberlist: a dead speaker is no candidate',
      { members: new Set(['node-a', 'node-c']) },
      ['node-a', 'node-c'],
    ],
    ['memberlist disabled: every Node counts', { members: null }, ['node-b', 'node-a', 'node-c']],
    [
      'NetworkUnavailable node excluded',
      { nodes: [NODES[0]!, node('node-b', {}, true), NODES[2]!] },
      ['node-a', 'node-c'],
    ],
    [
      'exclude-LB label excluded',
      { nodes: [NODES[0]!, node('node-b', { [EXCLUDE_LB_LABEL]: '' }), NODES[2]!] },
      ['node-a', 'node-c'],
    ],
    [
      'exclude-LB label ignored with --ignore-exclude-lb',
      {
        ignoreExcludeLB: true,
        nodes: [NODES[0]!, node('node-b', { [EXCLUDE_LB_LABEL]: 'true' }), NODES[2]!],
      },
      ['node-b', 'node-a', 'node-c'],
    ],
    [
      'ETP Local: only nodes with a serving endpoint',
      {
        externalTrafficPolicy: 'Local',
        endpoints: [{ nodeName: 'node-c' }, { nodeName: 'node-a', ready: false }],
      },
      ['node-c'],
    ],
    [
      'ETP Local: a terminating but serving endpoint counts',
      { externalTrafficPolicy: 'Local', endpoints: [{ nodeName: 'node-a', ready: false, serving: true }] },
      ['node-a'],
    ],
    [
      'ETP Cluster: endpoint placement does not matter',
      { endpoints: [{ nodeName: 'elsewhere' }] },
      ['node-b', 'node-a', 'node-c'],
    ],
    ['no serving endpoint anywhere', { endpoints: [{ nodeName: 'node-a', ready: false }] }, []],
    ['no endpoints at all', { endpoints: [] }, []],
    ['no IP', { ips: [] }, []],
    ['no advertisement', { advertisements: [] }, []],
    [
      'nodeSelectors are a hard filter (OR across selectors)',
      {
        advertisements: [{ nodeSelectors: [{ matchLabels: { zone: 'a' } }, { matchLabels: { zone: 'c' } }] }],
      },
      ['node-a', 'node-c'],
    ],
    [
      'nodes selected by any ad are candidates',
      {
        advertisements: [
          { nodeSelectors: [{ matchLabels: { zone: 'a' } }] },
          { nodeSelectors: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] }] },
        ],
      },
      ['node-b', 'node-a'],
    ],
    [
      'serviceSelectors filter the ads',
      {
        serviceLabels: { app: 'x' },
        advertisements: [
          { serviceSelectors: [{ matchLabels: { app: 'y' } }] },
          {
            serviceSelectors: [{ matchLabels: { app: 'x' } }],
            nodeSelectors: [{ matchLabels: { zone: 'c' } }],
          },
        ],
      },
      ['node-c'],
    ],
    [
      'no ad matches the Service',
      {
        serviceLabels: { app: 'x' },
        advertisements: [{ serviceSelectors: [{ matchLabels: { app: 'y' } }] }],
      },
      [],
    ],
    [
      'preferred node wins',
      {
        advertisements: [
          { preferredNodeSelectors: [{ weight: 10, preference: { matchLabels: { zone: 'c' } } }] },
        ],
      },
      ['node-c', 'node-b', 'node-a'],
    ],
    [
      'preferred node absent → falls back to the hash',
      {
        members: new Set(['node-a', 'node-b']),
        advertisements: [
          { preferredNodeSelectors: [{ weight: 10, preference: { matchLabels: { zone: 'c' } } }] },
        ],
      },
      ['node-b', 'node-a'],
    ],
    [
      'no preference matches → baseline',
      {
        advertisements: [
          { preferredNodeSelectors: [{ weight: 10, preference: { matchLabels: { zone: 'z' } } }] },
        ],
      },
      ['node-b', 'node-a', 'node-c'],
    ],
    [
      'weights sum within and across ads',
      {
        advertisements: [
          {
            preferredNodeSelectors: [
              { weight: 30, preference: { matchLabels: { zone: 'a' } } },
              { weight: 20, preference: { matchLabels: { zone: 'c' } } },
            ],
          },
          { preferredNodeSelectors: [{ weight: 20, preference: { matchLabels: { zone: 'c' } } }] },
        ],
      },
      ['node-c', 'node-a', 'node-b'],
    ],
    [
      'preferences never make an unselected node eligible',
      {
        advertisements: [
          {
            nodeSelectors: [{ matchLabels: { zone: 'a' } }, { matchLabels: { zone: 'b' } }],
            preferredNodeSelectors: [{ weight: 100, preference: { matchLabels: { zone: 'c' } } }],
          },
        ],
      },
      ['node-b', 'node-a'],
    ],
  ])('%s', (_name, over, order) => {
    const r = electL2(base(over));
    expect(r.order).toEqual(order);
    expect(r.winner).toBe(order[0] ?? null);
  });

  it.each<[string, Partial<L2ElectionInput>, string, string]>([
    ['the winner announces', {}, 'node-b', ''],
    ['a loser does not', {}, 'node-a', 'notOwner'],
    ['no serving endpoint', { endpoints: [{ ready: false }] }, 'node-b', 'notOwner'],
    [
      'shared IP with serviceSelectors',
      {
        allowSharedIP: true,
        serviceLabels: { app: 'x' },
        advertisements: [{ serviceSelectors: [{ matchLabels: { app: 'x' } }] }],
      },
      'node-b',
      'sharedIPWithServiceSelector',
    ],
    ['shared IP without serviceSelectors is fine', { allowSharedIP: true }, 'node-b', ''],
    [
      'my node not selected',
      { advertisements: [{ nodeSelectors: [{ matchLabels: { zone: 'a' } }] }] },
      'node-b',
      'noMatchingAdvertisement',
    ],
    [
      'my node not selected wins over exclusion',
      {
        advertisements: [{ nodeSelectors: [{ matchLabels: { zone: 'a' } }] }],
        nodes: [NODES[0]!, node('node-b', {}, true)],
      },
      'node-b',
      'noMatchingAdvertisement',
    ],
    [
      'my node NetworkUnavailable',
      { nodes: [NODES[0]!, node('node-b', { zone: 'b' }, true), NODES[2]!] },
      'node-b',
      'nodeNetworkUnavailable',
    ],
    [
      'my node labeled exclude',
      { nodes: [NODES[0]!, node('node-b', { [EXCLUDE_LB_LABEL]: '' }), NODES[2]!] },
      'node-b',
      'nodeLabeledExcludeBalancers',
    ],
    [
      'takeover: the next node announces once the winner leaves memberlist',
      { members: new Set(['node-a', 'node-c']) },
      'node-a',
      '',
    ],
    ['ETP Local, no endpoint here', { externalTrafficPolicy: 'Local' }, 'node-b', 'notOwner'],
    ['ETP Local, endpoint here', { externalTrafficPolicy: 'Local' }, 'node-c', ''],
  ])('%s', (_name, over, me, reason) => {
    expect(shouldAnnounceL2(base(over), me)).toBe(reason);
  });

  it.each<[string, Partial<L2ElectionInput>, string, L2Cause | undefined]>([
    ['the winner has no cause', {}, 'node-b', undefined],
    ['a loser: another node won', {}, 'node-a', 'notWinner'],
    ['no serving endpoint anywhere', { endpoints: [{ ready: false }] }, 'node-b', 'noServingEndpoints'],
    [
      'shared IP with serviceSelectors',
      {
        allowSharedIP: true,
        advertisements: [{ serviceSelectors: [{ matchLabels: { app: 'x' } }] }],
        serviceLabels: { app: 'x' },
      },
      'node-b',
      'sharedIPWithServiceSelector',
    ],
    [
      'the serviceSelectors of every ad leave the Service out',
      { advertisements: [{ serviceSelectors: [{ matchLabels: { app: 'y' } }] }] },
      'node-b',
      'serviceNotSelected',
    ],
    [
      'nodeSelectors leave my node out',
      { advertisements: [{ nodeSelectors: [{ matchLabels: { zone: 'a' } }] }] },
      'node-b',
      'nodeNotSelected',
    ],
    [
      'NetworkUnavailable',
      { nodes: [NODES[0]!, node('node-b', { zone: 'b' }, true), NODES[2]!] },
      'node-b',
      'nodeNetworkUnavailable',
    ],
    [
      'exclude-from-external-load-balancers',
      { nodes: [NODES[0]!, node('node-b', { [EXCLUDE_LB_LABEL]: '' }), NODES[2]!] },
      'node-b',
      'nodeLabeledExcludeBalancers',
    ],
    ['no live speaker on my node', { members: new Set(['node-a', 'node-c']) }, 'node-b', 'speakerNotRunning'],
    ['ETP Local, no endpoint here', { externalTrafficPolicy: 'Local' }, 'node-b', 'noLocalEndpoint'],
  ])('cause: %s', (_name, over, me, cause) => {
    const v = l2Verdict(base(over), me);
    expect(v.cause).toBe(cause);
    expect(v.reason).toBe(shouldAnnounceL2(base(over), me));
  });

  it('every node agrees on exactly one announcer', () => {
    for (const ip of ['10.0.0.1', '10.0.0.2', '10.0.0.3', '2001:db8::1', '2001:db8::2']) {
      const input = base({ ips: [ip] });
      const announcers = NODES.filter((n) => shouldAnnounceL2(input, n.name) === '');
      expect(announcers).toHaveLength(1);
    }
  });
});

describe('preferredScore / announceInterfaces', () => {
  it('scores only through ads that select the node', () => {
    const ads: L2AdvertisementSpec[] = [
      {
        nodeSelectors: [{ matchLabels: { zone: 'b' } }],
        preferredNodeSelectors: [{ weight: 50, preference: {} }],
      },
      { preferredNodeSelectors: [{ weight: 7, preference: { matchLabels: { zone: 'a' } } }] },
    ];
    expect(preferredScore(ads, NODES[0]!)).toBe(7);
    expect(preferredScore(ads, NODES[1]!)).toBe(50);
    expect(preferredScore(ads, NODES[2]!)).toBe(0);
  });
  it('unions interfaces, any all-interfaces ad wins, unselected ads count for nothing', () => {
    const a = { interfaces: ['eth1'], nodeSelectors: [{ matchLabels: { zone: 'a' } }] };
    const b = { interfaces: ['eth0', 'eth1'] };
    const c = { nodeSelectors: [{ matchLabels: { zone: 'b' } }] };
    expect(announceInterfaces([a, b], NODES[0]!)).toEqual(['eth0', 'eth1']);
    expect(announceInterfaces([a, b, c], NODES[1]!)).toBe('all');
    expect(announceInterfaces([a], NODES[2]!)).toEqual([]);
  });
});
