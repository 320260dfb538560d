import { describe, expect, it } from 'vitest';
import { buildTopology } from '../../../api/topology/graph';
import type { TopologyGraph } from '../../../api/topology/types';
import { MAX_EDGE_TAGS, toTopologyModel } from './model';

const graph: TopologyGraph = {
  nodes: [
    {
      id: 'pool:a',
      kind: 'IPAddressPool',
      name: 'a',
      status: 'danger',
      problems: [{ code: 'pool-exhausted' }],
      facts: {},
    },
    { id: 'l2:x', kind: 'L2Advertisement', name: 'x', status: 'ok', problems: [], facts: {} },
    {
      id: 'group:a',
      kind: 'ServiceGroup',
      name: 'a',
      count: 60,
      status: 'warning',
      problems: [{ code: 'ip-pending' }],
      facts: {},
    },
  ],
  edges: [
    {
      id: 'advertised-by:pool:a->l2:x',
      type: 'advertised-by',
      source: 'pool:a',
      target: 'l2:x',
      status: 'ok',
    },
    {
      id: 'allocated-from:group:a->pool:missing',
      type: 'allocated-from',
      source: 'group:a',
      target: 'pool:a',
      status: 'danger',
    },
  ],
  serviceCount: 60,
  grouped: true,
  nodeCount: 0,
  nodesGrouped: false,
};

const texts = (edge: (t: string) => string = () => 'x') => ({ edge, nodeGroup: (n: number) => `${n} nodes` });

describe('toTopologyModel', () => {
  const model = toTopologyModel(
    graph,
    texts((t) => `label:${t}`),
  );
  it('maps kinds to shapes, statuses to colours and badges', () => {
    expect(model.nodes?.map((n) => [n.id, n.shape, n.status, n.label, n.data.badge])).toEqual([
      ['pool:a', 'hexagon', 'danger', 'a', 'IPP'],
      ['l2:x', 'rect', 'default', 'x', 'L2A'],
      ['group:a', 'ellipse', 'warning', '60 × a', 'S*'],
    ]);
  });
  it('labels the group of nodes with its count', () => {
    const folded = toTopologyModel(
      {
        ...graph,
        nodes: [
          { id: 'nodes:', kind: 'NodeGroup', name: '', count: 1000, status: 'ok', problems: [], facts: {} },
        ],
        edges: [],
      },
      texts(),
    );
    expect(folded.nodes?.map((n) => [n.label, n.shape, n.data.badge])).toEqual([
      ['1000 nodes', 'trapezoid', 'N*'],
    ]);
  });
  it('dashes edges in trouble and labels them', () => {
    expect(model.edges?.map((e) => [e.source, e.target, e.edgeStyle, e.data.tag])).toEqual([
      ['pool:a', 'l2:x', 'solid', 'label:advertised-by'],
      ['group:a', 'pool:a', 'dashed', 'label:allocated-from'],
    ]);
  });
  it('leaves labels off dense graphs, and stays small at 500 Services', () => {
    const services = Array.from({ length: 500 }, (_, i) => ({
      metadata: { name: `s${i}`, namespace: 'ns' },
      spec: { type: 'LoadBalancer' },
      status: { loadBalancer: { ingress: [{ ip: `10.0.${Math.floor(i / 250)}.${i % 250}` }] } },
    }));
    const big = buildTopology({
      pools: [
        {
          apiVersion: 'metallb.io/v1beta1',
          kind: 'IPAddressPool',
          metadata: { name: 'p' },
          spec: { addresses: ['10.0.0.0/16'] },
        },
      ],
      l2Advertisements: [],
      bgpAdvertisements: [],
      bgpPeers: [],
      bfdProfiles: [],
      services,
      l2Statuses: [],
      bgpStatuses: [],
      sessions: [],
    });
    const m = toTopologyModel(big, texts());
    expect(m.nodes?.length).toBe(2);
    const dense = toTopologyModel(
      {
        ...graph,
        edges: Array.from({ length: MAX_EDGE_TAGS + 1 }, (_, i) => ({ ...graph.edges[0]!, id: `e${i}` })),
      },
      texts(),
    );
    expect(dense.edges?.every((e) => e.data.tag === undefined)).toBe(true);
  });
});
