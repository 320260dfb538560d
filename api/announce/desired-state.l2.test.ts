import { describe, expect, it } from 'vitest';
import { desiredState, type PlanInput } from './desired-state';
import { l2ad, node, planInput, pool, service, slice } from './test-fixtures';

const NODES = ['node-a', 'node-b', 'node-c'];
const POOL = pool('p', ['10.0.0.0/24', 'fc00::/120']);

/** For each node: '' when it announces svc, else its reason (or '-' when svc is not an L2 Service). */
function outcome(over: Omit<Partial<PlanInput>, 'node'>, key = 'default/svc', nodes = NODES) {
  return Object.fromEntries(
    nodes.map((n) => {
      const s = desiredState(planInput({ node: n, pools: [POOL], ...over }));
      if (s.l2.announce.some((a) => a.key === key)) return [n, ''];
      return [n, s.l2.skipped.find((x) => x.key === key)?.reason ?? '-'];
    }),
  );
}

describe('desiredState: layer 2', () => {
  const svc = service('svc', { ips: ['10.0.0.1'] });
  const local = service('svc', { ips: ['10.0.0.1'], local: true });
  const cases: [string, Omit<Partial<PlanInput>, 'node'>, Record<string, string>][] = [
    [
      'Cluster: the hash winner for 10.0.0.1 is node-b (upstream vector)',
      { services: [svc], endpointSlices: [slice('svc', ['node-c'])], l2Advertisements: [l2ad('l2')] },
      { 'node-a': 'notOwner', 'node-b': '', 'node-c': 'notOwner' },
    ],
    [
      'Cluster: no serving endpoint anywhere, nobody announces',
      {
        services: [svc],
        endpointSlices: [slice('svc', ['node-c:notready'])],
        l2Advertisements: [l2ad('l2')],
      },
      { 'node-a': 'notOwner', 'node-b': 'notOwner', 'node-c': 'notOwner' },
    ],
    [
      'Local: only the node with a ready endpoint',
      { services: [local], endpointSlices: [slice('svc', ['node-c'])], l2Advertisements: [l2ad('l2')] },
      { 'node-a': 'notOwner', 'node-b': 'notOwner', 'node-c': '' },
    ],
    [
      'Local: a not-ready endpoint does not count',
      {
        services: [local],
        endpointSlices: [slice('svc', ['node-b:notready', 'node-a'])],
        l2Advertisements: [l2ad('l2')],
      },
      { 'node-a': '', 'node-b': 'notOwner', 'node-c': 'notOwner' },
    ],
    [
      'node selector: only the selected node may announce',
      {
        services: [svc],
        endpointSlices: [slice('svc', ['node-a'])],
        l2Advertisements: [
          l2ad('l2', { nodeSelectors: [{ matchLabels: { 'kubernetes.io/hostname': 'node-c' } }] }),
        ],
      },
      { 'node-a': 'noMatchingAdvertisement', 'node-b': 'noMatchingAdvertisement', 'node-c': '' },
    ],
    [
      'excluded node (label) gives way to the next candidate',
      {
        nodes: [
          node('node-a'),
          node('node-b', { 'node.kubernetes.io/exclude-from-external-load-balancers': '' }),
          node('node-c'),
        ],
        services: [svc],
        endpointSlices: [slice('svc', ['node-a'])],
        l2Advertisements: [l2ad('l2')],
      },
      { 'node-a': '', 'node-b': 'nodeLabeledExcludeBalancers', 'node-c': 'notOwner' },
    ],
    [
      'the exclude label is ignored with --ignore-exclude-lb',
      {
        ignoreExcludeLB: true,
        nodes: [
          node('node-a'),
          node('node-b', { 'node.kubernetes.io/exclude-from-external-load-balancers': '' }),
          node('node-c'),
        ],
        services: [svc],
        endpointSlices: [slice('svc', ['node-a'])],
        l2Advertisements: [l2ad('l2')],
      },
      { 'node-a': 'notOwner', 'node-b': '', 'node-c': 'notOwner' },
    ],
    [
      'NetworkUnavailable node gives way too',
      {
        nodes: [node('node-a'), node('node-b', {}, true), node('node-c')],
        services: [svc],
        endpointSlices: [slice('svc', ['node-a'])],
        l2Advertisements: [l2ad('l2')],
      },
      { 'node-a': '', 'node-b': 'nodeNetworkUnavailable', 'node-c': 'notOwner' },
    ],
    [
      'a node that is no memberlist member is no candidate',
      {
        members: new Set(['node-a', 'node-c']),
        services: [svc],
        endpointSlices: [slice('svc', ['node-a'])],
        l2Advertisements: [l2ad('l2')],
      },
      { 'node-a': '', 'node-b': 'notOwner', 'node-c': 'notOwner' },
    ],
    [
      'pool selected by name',
      {
        services: [svc],
        endpointSlices: [slice('svc', ['node-a'])],
        l2Advertisements: [l2ad('l2', { ipAddressPools: ['p'] })],
      },
      { 'node-a': 'notOwner', 'node-b': '', 'node-c': 'notOwner' },
    ],
    [
      'advertisement of another pool: not an L2 Service',
      {
        services: [svc],
        endpointSlices: [slice('svc', ['node-a'])],
        l2Advertisements: [l2ad('l2', { ipAddressPools: ['other'] })],
      },
      { 'node-a': '-', 'node-b': '-', 'node-c': '-' },
    ],
    [
      'pool selected by label',
      {
        pools: [pool('p', ['10.0.0.0/24'], { tier: 'gold' })],
        services: [svc],
        endpointSlices: [slice('svc', ['node-a'])],
        l2Advertisements: [l2ad('l2', { ipAddressPoolSelectors: [{ matchLabels: { tier: 'gold' } }] })],
      },
      { 'node-a': 'notOwner', 'node-b': '', 'node-c': 'notOwner' },
    ],
    [
      'pool label selector not matching: not an L2 Service',
      {
        pools: [pool('p', ['10.0.0.0/24'], { tier: 'silver' })],
        services: [svc],
        endpointSlices: [slice('svc', ['node-a'])],
        l2Advertisements: [l2ad('l2', { ipAddressPoolSelectors: [{ matchLabels: { tier: 'gold' } }] })],
      },
      { 'node-a': '-', 'node-b': '-', 'node-c': '-' },
    ],
    [
      'serviceSelectors not matching the Service',
      {
        services: [svc],
        endpointSlices: [slice('svc', ['node-a'])],
        l2Advertisements: [l2ad('l2', { serviceSelectors: [{ matchLabels: { app: 'web' } }] })],
      },
      {
        'node-a': 'noMatchingAdvertisement',
        'node-b': 'noMatchingAdvertisement',
        'node-c': 'noMatchingAdvertisement',
      },
    ],
    [
      'allow-shared-ip with an advertisement carrying serviceSelectors',
      {
        services: [
          service('svc', {
            ips: ['10.0.0.1'],
            labels: { app: 'web' },
            annotations: { 'metallb.io/allow-shared-ip': 'k' },
          }),
        ],
        endpointSlices: [slice('svc', ['node-a'])],
        l2Advertisements: [l2ad('l2', { serviceSelectors: [{ matchLabels: { app: 'web' } }] })],
      },
      {
        'node-a': 'sharedIPWithServiceSelector',
        'node-b': 'sharedIPWithServiceSelector',
        'node-c': 'sharedIPWithServiceSelector',
      },
    ],
  ];
  it.each(cases)('%s', (_name, over, want) => {
    expect(outcome(over)).toEqual(want);
  });

  it('exactly one node announces each Service, whatever the IP', () => {
    for (let i = 1; i < 40; i++) {
      const res = outcome({
        services: [service('svc', { ips: [`10.0.0.${i}`] })],
        endpointSlices: [slice('svc', ['node-a'])],
        l2Advertisements: [l2ad('l2')],
      });
      expect(Object.values(res).filter((r) => r === '')).toHaveLength(1);
    }
  });

  it('dual-stack: the winner of the first IP announces both', () => {
    const over = {
      services: [service('svc', { ips: ['10.0.0.1', 'fc00::1'] })],
      endpointSlices: [slice('svc', ['node-a'])],
      l2Advertisements: [l2ad('l2')],
    };
    expect(outcome(over)).toEqual({ 'node-a': 'notOwner', 'node-b': '', 'node-c': 'notOwner' });
    const s = desiredState(planInput({ node: 'node-b', pools: [POOL], ...over }));
    expect(s.l2.announce).toEqual([
      {
        key: 'default/svc',
        service: { namespace: 'default', name: 'svc' },
        ips: ['10.0.0.1', 'fc00::1'],
        interfaces: 'all',
      },
    ]);
  });

  it('Services without usable IPs are ignored, with the reason; other types are not listed', () => {
    const s = desiredState(
      planInput({
        node: 'node-b',
        pools: [POOL],
        services: [
          service('pending'),
          service('outside', { ips: ['192.168.1.1'] }),
          service('bad', { ips: ['not-an-ip'] }),
          service('split', { ips: ['10.0.0.1', 'fd00::1'] }),
          service('cluster-ip', { type: 'ClusterIP' }),
        ],
        l2Advertisements: [l2ad('l2')],
      }),
    );
    expect(s.ignored).toEqual([
      { key: 'default/bad', reason: 'invalidIP' },
      { key: 'default/outside', reason: 'notInPool' },
      { key: 'default/pending', reason: 'noIngressIP' },
      { key: 'default/split', reason: 'notInPool' },
    ]);
    expect(s.l2.announce).toEqual([]);
    expect(s.l2Statuses.size).toBe(0);
  });

  describe('interfaces and ServiceL2Status content', () => {
    const base = {
      node: 'node-b',
      pools: [POOL],
      services: [service('svc', { ips: ['10.0.0.1'], namespace: 'web' })],
      endpointSlices: [slice('svc', ['node-a'], 'web')],
    };
    const cases: [string, ReturnType<typeof l2ad>[], string[] | 'all'][] = [
      ['one ad, all interfaces', [l2ad('a')], 'all'],
      [
        'two ads merge their interfaces',
        [l2ad('a', { interfaces: ['eth1'] }), l2ad('b', { interfaces: ['eth0', 'eth1'] })],
        ['eth0', 'eth1'],
      ],
      ['any all-interfaces ad wins', [l2ad('a', { interfaces: ['eth1'] }), l2ad('b')], 'all'],
      [
        'ads not selecting this node add nothing',
        [
          l2ad('a', { interfaces: ['eth1'] }),
          l2ad('b', {
            interfaces: ['eth9'],
            nodeSelectors: [{ matchLabels: { 'kubernetes.io/hostname': 'node-a' } }],
          }),
        ],
        ['eth1'],
      ],
    ];
    it.each(cases)('%s', (_n, ads, want) => {
      const s = desiredState(planInput({ ...base, l2Advertisements: ads }));
      expect(s.l2.announce.map((a) => a.interfaces)).toEqual([want]);
      expect(s.l2Statuses.get('web/svc')).toEqual({
        node: 'node-b',
        serviceName: 'svc',
        serviceNamespace: 'web',
        ...(want === 'all' ? {} : { interfaces: want.map((name) => ({ name })) }),
      });
    });
  });
});
