import { describe, expect, it } from 'vitest';
import type { ServiceLike } from '../pool-usage';
import { advertisedPools, buildTopology, MAX_LISTED_SESSION_PROBLEMS } from './graph';
import type { TopologyInput } from './types';

const meta = (name: string, labels?: Record<string, string>) => ({
  name,
  namespace: 'metallb-system',
  ...(labels ? { labels } : {}),
});

function input(over: Partial<TopologyInput> = {}): TopologyInput {
  return {
    pools: [],
    l2Advertisements: [],
    bgpAdvertisements: [],
    bgpPeers: [],
    bfdProfiles: [],
    services: [],
    l2Statuses: [],
    bgpStatuses: [],
    sessions: [],
    ...over,
  };
}

const pool = (name: string, addresses: string[], labels?: Record<string, string>) => ({
  apiVersion: 'metallb.io/v1beta1' as const,
  kind: 'IPAddressPool' as const,
  metadata: meta(name, labels),
  spec: { addresses },
});

const lb = (name: string, ip?: string, ns = 'default'): ServiceLike => ({
  metadata: { name, namespace: ns },
  spec: { type: 'LoadBalancer' },
  status: { loadBalancer: { ingress: ip ? [{ ip }] : [] } },
});

const edgesOf = (g: ReturnType<typeof buildTopology>, type: string) =>
  g.edges
    .filter((e) => e.type === type)
    .map((e) => `${e.source}->${e.target}${e.status === 'ok' ? '' : ` (${e.status})`}`);

describe('advertised pools', () => {
  const pools = [pool('a', ['192.0.2.0/24'], { tier: 'web' }), pool('b', ['198.51.100.0/24'])];
  it('selects every pool when neither names nor selectors are given', () => {
    expect(advertisedPools({}, pools)).toEqual({ selected: ['a', 'b'], missing: [] });
  });
  it('unions names and selectors, and reports missing names', () => {
    expect(
      advertisedPools(
        { ipAddressPools: ['b', 'gone'], ipAddressPoolSelectors: [{ matchLabels: { tier: 'web' } }] },
        pools,
      ),
    ).toEqual({ selected: ['a', 'b'], missing: ['gone'] });
  });
});

describe('buildTopology', () => {
  const full = input({
    pools: [pool('web', ['192.0.2.0/30']), pool('db', ['198.51.100.0/24'])],
    l2Advertisements: [
      {
        apiVersion: 'metallb.io/v1beta1',
        kind: 'L2Advertisement',
        metadata: meta('l2'),
        spec: { ipAddressPools: ['web'] },
      },
    ],
    bgpAdvertisements: [
      {
        apiVersion: 'metallb.io/v1beta1',
        kind: 'BGPAdvertisement',
        metadata: meta('bgp'),
        spec: { ipAddressPools: ['db', 'gone'], peers: ['router'] },
      },
    ],
    bgpPeers: [
      {
        apiVersion: 'metallb.io/v1beta2',
        kind: 'BGPPeer',
        metadata: meta('router'),
        spec: { myASN: 64500, peerASN: 64501, peerAddress: '10.0.0.1', bfdProfile: 'fast' },
      },
      {
        apiVersion: 'metallb.io/v1beta2',
        kind: 'BGPPeer',
        metadata: meta('lost'),
        spec: { myASN: 64500, peerASN: 64502, peerAddress: '10.0.0.2', bfdProfile: 'nope' },
      },
    ],
    bfdProfiles: [{ apiVersion: 'metallb.io/v1beta1', kind: 'BFDProfile', metadata: meta('fast'), spec: {} }],
    services: [
      lb('a', '192.0.2.1'),
      lb('b', '192.0.2.2'),
      lb('c', '192.0.2.3'),
      lb('d', '192.0.2.0'),
      lb('pending'),
      { metadata: { name: 'cluster-ip', namespace: 'default' }, spec: { type: 'ClusterIP' } },
    ],
    l2Statuses: [
      {
        apiVersion: 'metallb.io/v1beta1',
        kind: 'ServiceL2Status',
        metadata: {
          name: 'l2-abc',
          namespace: 'metallb-system',
          labels: { 'metallb.io/service-name': 'a', 'metallb.io/service-namespace': 'default' },
        },
        spec: {},
        status: { node: 'node-1' },
      },
    ],
    sessions: [
      {
        apiVersion: 'metallb.io/v1beta1',
        kind: 'BGPSessionState',
        metadata: meta('s1'),
        spec: {},
        status: { node: 'node-1', peer: 'router', bgpState: 'Established', bfdState: 'Up' },
      },
      {
        apiVersion: 'metallb.io/v1beta1',
        kind: 'BGPSessionState',
        metadata: meta('s2'),
        spec: {},
        status: { node: 'node-2', peer: 'router', bgpState: 'Active', bfdState: 'Down' },
      },
    ],
  });
  const g = buildTopology(full);

  it('draws every kind with its edges', () => {
    expect(edgesOf(g, 'allocated-from')).toEqual([
      'svc:default/a->pool:web',
      'svc:default/b->pool:web',
      'svc:default/c->pool:web',
      'svc:default/d->pool:web',
    ]);
    expect(edgesOf(g, 'advertised-by')).toEqual([
      'pool:db->bgpad:bgp',
      'pool:gone->bgpad:bgp (danger)',
      'pool:web->l2:l2',
    ]);
    expect(edgesOf(g, 'advertises-to')).toEqual(['bgpad:bgp->peer:router']);
    expect(edgesOf(g, 'uses-bfd')).toEqual(['peer:lost->bfd:nope (danger)', 'peer:router->bfd:fast']);
    expect(edgesOf(g, 'announced-from')).toEqual(['svc:default/a->node:node-1']);
    expect(edgesOf(g, 'session-to')).toEqual([
      'node:node-1->peer:router',
      'node:node-2->peer:router (danger)',
    ]);
    expect(g.serviceCount).toBe(5);
    expect(g.grouped).toBe(false);
    expect(g.nodeCount).toBe(2);
    expect(g.nodesGrouped).toBe(false);
  });

  it('colours problems', () => {
    const byId = new Map(g.nodes.map((n) => [n.id, n]));
    expect(byId.get('pool:web')).toMatchObject({ status: 'danger', problems: [{ code: 'pool-exhausted' }] });
    expect(byId.get('pool:db')?.status).toBe('ok');
    expect(byId.get('pool:gone')).toMatchObject({ missing: true, status: 'danger' });
    expect(byId.get('bgpad:bgp')?.problems).toEqual([
      { code: 'dangling-reference', kind: 'IPAddressPool', name: 'gone' },
    ]);
    expect(byId.get('peer:lost')?.problems).toEqual([
      { code: 'dangling-reference', kind: 'BFDProfile', name: 'nope' },
    ]);
    expect(byId.get('peer:router')?.problems).toEqual([
      { code: 'session-down', node: 'node-2', state: 'Active' },
      { code: 'bfd-down', node: 'node-2' },
    ]);
    expect(byId.get('svc:default/pending')).toMatchObject({
      status: 'warning',
      problems: [{ code: 'ip-pending' }],
    });
    expect(byId.get('svc:default/a')?.facts).toEqual({ ips: '192.0.2.1', pool: 'web' });
    expect(byId.has('svc:default/cluster-ip')).toBe(false);
  });

  it('warns near exhaustion', () => {
    const services = Array.from({ length: 9 }, (_, i) => lb(`s${i}`, `192.0.2.${i + 1}`));
    const t = buildTopology(input({ pools: [pool('p', ['192.0.2.1-192.0.2.10'])], services }));
    expect(t.nodes.find((n) => n.id === 'pool:p')).toMatchObject({
      status: 'warning',
      problems: [{ code: 'pool-nearly-exhausted', percent: 90 }],
    });
  });

  it('an advertisement whose selectors match nothing is a warning', () => {
    const t = buildTopology(
      input({
        pools: [pool('p', ['192.0.2.0/24'])],
        l2Advertisements: [
          {
            apiVersion: 'metallb.io/v1beta1',
            kind: 'L2Advertisement',
            metadata: meta('l2'),
            spec: { ipAddressPoolSelectors: [{ matchLabels: { x: 'y' } }] },
          },
        ],
      }),
    );
    expect(t.nodes.find((n) => n.id === 'l2:l2')).toMatchObject({
      status: 'warning',
      problems: [{ code: 'selects-no-pool' }],
    });
  });

  it('groups Services per pool above the limit, keeping filtered ones apart, and stays fast at 500', () => {
    const pools = [pool('a', ['10.0.0.0/16']), pool('b', ['10.1.0.0/16'])];
    const services = Array.from({ length: 500 }, (_, i) =>
      lb(`svc-${i}`, `10.${i % 2}.${Math.floor(i / 250)}.${i % 250}`),
    );
    const l2Statuses = services.map((s, i) => ({
      apiVersion: 'metallb.io/v1beta1' as const,
      kind: 'ServiceL2Status' as const,
      metadata: { name: `st-${i}`, namespace: 'metallb-system' },
      spec: {},
      status: { node: `node-${i % 3}`, serviceName: s.metadata.name, serviceNamespace: 'default' },
    }));
    const t0 = performance.now();
    const t = buildTopology(input({ pools, services, l2Statuses }), { filter: 'svc-42' });
    expect(performance.now() - t0).toBeLessThan(500);
    expect(t.grouped).toBe(true);
    expect(t.serviceCount).toBe(500);
    const groups = t.nodes.filter((n) => n.kind === 'ServiceGroup');
    const filtered = t.nodes.filter((n) => n.kind === 'Service').map((n) => n.name);
    expect(filtered.sort()).toEqual(
      [
        'svc-42',
        'svc-420',
        'svc-421',
        'svc-422',
        'svc-423',
        'svc-424',
        'svc-425',
        'svc-426',
        'svc-427',
        'svc-428',
        'svc-429',
      ].sort(),
    );
    expect(groups.map((n) => [n.name, n.count])).toEqual([
      ['a', 244],
      ['b', 245],
    ]);
    expect(t.nodes.length).toBeLessThan(30);
    expect(
      edgesOf(t, 'announced-from')
        .filter((e) => e.startsWith('group:a'))
        .sort(),
    ).toEqual(['group:a->node:node-0', 'group:a->node:node-1', 'group:a->node:node-2']);
  });

  describe('at scale', () => {
    // 2,000 Services in two pools, each announced from node-(i mod 200); every node has a session.
    const pools = [pool('a', ['10.0.0.0/16']), pool('b', ['10.1.0.0/16'])];
    const services = Array.from({ length: 2000 }, (_, i) =>
      lb(`svc-${i}`, `10.${i % 2}.${Math.floor(i / 250)}.${i % 250}`),
    );
    const node = (i: number) => `node-${String(i % 200).padStart(3, '0')}`;
    const l2Statuses = services.map((s, i) => ({
      apiVersion: 'metallb.io/v1beta1' as const,
      kind: 'ServiceL2Status' as const,
      metadata: { name: `st-${i}`, namespace: 'metallb-system' },
      spec: {},
      status: { node: node(i), serviceName: s.metadata.name, serviceNamespace: 'default' },
    }));
    const sessions = Array.from({ length: 200 }, (_, i) => ({
      apiVersion: 'metallb.io/v1beta1' as const,
      kind: 'BGPSessionState' as const,
      metadata: meta(`s-${i}`),
      spec: {},
      status: {
        node: node(i),
        peer: 'router',
        bgpState: i < 15 ? ('Active' as const) : ('Established' as const),
      },
    }));
    const router = {
      apiVersion: 'metallb.io/v1beta2' as const,
      kind: 'BGPPeer' as const,
      metadata: meta('router'),
      spec: { myASN: 64500, peerASN: 64501, peerAddress: '10.0.0.1' },
    };
    const big = input({ pools, services, l2Statuses, sessions, bgpPeers: [router] });

    it('draws groups with counts, not one shape per Service or Node', () => {
      const t = buildTopology(big);
      expect(t).toMatchObject({ serviceCount: 2000, grouped: true, nodeCount: 200, nodesGrouped: true });
      expect(t.nodes.map((n) => [n.id, n.count])).toEqual([
        ['group:a', 1000],
        ['group:b', 1000],
        ['nodes:', 200],
        ['peer:router', undefined],
        ['pool:a', undefined],
        ['pool:b', undefined],
      ]);
      expect(edgesOf(t, 'announced-from')).toEqual(['group:a->nodes:', 'group:b->nodes:']);
      expect(edgesOf(t, 'session-to')).toEqual(['nodes:->peer:router (danger)']);
    });

    it('lists the session problems of a few nodes and counts the others', () => {
      const problems = buildTopology(big).nodes.find((n) => n.id === 'peer:router')!.problems;
      expect(problems).toHaveLength(MAX_LISTED_SESSION_PROBLEMS + 1);
      expect(problems[0]).toEqual({ code: 'session-down', node: 'node-000', state: 'Active' });
      expect(problems.at(-1)).toEqual({
        code: 'more-session-problems',
        count: 15 - MAX_LISTED_SESSION_PROBLEMS,
      });
    });

    it('draws a searched Service with the nodes announcing it, the other nodes as one group', () => {
      const t = buildTopology(big, { filter: 'svc-1999' });
      expect(t.matched).toBe(1);
      expect(t.nodes.filter((n) => n.kind === 'Node').map((n) => n.name)).toEqual(['node-199']);
      expect(t.nodes.find((n) => n.kind === 'NodeGroup')!.count).toBe(199);
      expect(edgesOf(t, 'announced-from')).toEqual([
        'group:a->nodes:',
        'group:b->node:node-199',
        'group:b->nodes:',
        'svc:default/svc-1999->node:node-199',
      ]);
    });

    it('draws at most maxServices of the Services a search matches, first by key, and counts them all', () => {
      const t = buildTopology(big, { filter: 'svc-1', maxServices: 20 });
      expect(t.matched).toBe(1111);
      const drawn = t.nodes.filter((n) => n.kind === 'Service').map((n) => n.name);
      expect(drawn).toHaveLength(20);
      expect(drawn).toContain('svc-1');
      expect(drawn).toContain('svc-10');
      const grouped = t.nodes.filter((n) => n.kind === 'ServiceGroup').reduce((k, n) => k + n.count!, 0);
      expect(grouped + drawn.length).toBe(2000);
      // The nodes announcing them are few enough to be drawn apart.
      const theirs = new Set(drawn.map((name) => node(Number(name.slice('svc-'.length)))));
      expect(t.nodes.filter((n) => n.kind === 'Node').map((n) => n.name)).toEqual([...theirs].sort());
    });

    it('folds every node when those of the Services drawn apart are too many too', () => {
      const t = buildTopology(big, { filter: 'svc-1', maxServices: 100, maxNodes: 50 });
      expect(t.nodes.filter((n) => n.kind === 'Node')).toEqual([]);
      expect(t.nodes.find((n) => n.kind === 'NodeGroup')!.count).toBe(200);
    });
  });

  it('is deterministic', () => {
    expect(buildTopology(full)).toEqual(g);
  });
});
