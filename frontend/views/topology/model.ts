// The react-topology model of a MetalLB topology graph: shapes per kind, status colours, edge
// styles. Pure (types only from react-topology), so it is unit-tested without a browser.
import type {
  EdgeModel,
  EdgeStyle,
  Model,
  NodeModel,
  NodeShape,
  NodeStatus,
} from '@patternfly/react-topology';
import type {
  GraphEdge,
  GraphEdgeType,
  GraphNode,
  GraphNodeKind,
  GraphStatus,
  TopologyGraph,
} from '../../../api/topology/types';

export const NODE_TYPE = 'metallb-node';
export const EDGE_TYPE = 'metallb-edge';
export const GRAPH_LAYOUT = 'metallb-dagre';
/** Above this many edges, edge labels are left off so the graph stays readable. */
export const MAX_EDGE_TAGS = 40;

export const KIND_ABBR: Record<GraphNodeKind, string> = {
  IPAddressPool: 'IPP',
  L2Advertisement: 'L2A',
  BGPAdvertisement: 'BGPA',
  BGPPeer: 'BGPP',
  BFDProfile: 'BFD',
  Service: 'S',
  Node: 'N',
  ServiceGroup: 'S*',
  NodeGroup: 'N*',
};

const SHAPE: Record<GraphNodeKind, `${NodeShape}`> = {
  IPAddressPool: 'hexagon',
  L2Advertisement: 'rect',
  BGPAdvertisement: 'rect',
  BGPPeer: 'octagon',
  BFDProfile: 'rhombus',
  Service: 'ellipse',
  Node: 'trapezoid',
  ServiceGroup: 'ellipse',
  NodeGroup: 'trapezoid',
};

const STATUS: Record<GraphStatus, `${NodeStatus}`> = { ok: 'default', warning: 'warning', danger: 'danger' };

export interface TopologyNodeData {
  graphNode: GraphNode;
  badge: string;
}

export interface TopologyEdgeData {
  graphEdge: GraphEdge;
  /** Translated label, or undefined when the graph is too dense for labels. */
  tag?: string;
}

/** Translated texts the model needs. */
export interface ModelTexts {
  edge: (type: GraphEdgeType) => string;
  /** The label of the group standing for `count` Nodes. */
  nodeGroup: (count: number) => string;
}

function label(n: GraphNode, texts: ModelTexts): string {
  if (n.kind === 'ServiceGroup') return `${n.count ?? 0} × ${n.name || '-'}`;
  if (n.kind === 'NodeGroup') return texts.nodeGroup(n.count ?? 0);
  return n.name;
}

function node(n: GraphNode, texts: ModelTexts): NodeModel {
  return {
    id: n.id,
    type: NODE_TYPE,
    label: label(n, texts),
    width: 60,
    height: 60,
    shape: SHAPE[n.kind] as NodeShape,
    status: STATUS[n.status] as NodeStatus,
    data: { graphNode: n, badge: KIND_ABBR[n.kind] } satisfies TopologyNodeData,
  };
}

function edge(e: GraphEdge, tag: string | undefined): EdgeModel {
  return {
    id: e.id,
    type: EDGE_TYPE,
    source: e.source,
    target: e.target,
    edgeStyle: (e.status === 'danger' ? 'dashed' : 'solid') as EdgeStyle,
    data: { graphEdge: e, ...(tag ? { tag } : {}) } satisfies TopologyEdgeData,
  };
}

export function toTopologyModel(graph: TopologyGraph, texts: ModelTexts): Model {
  const tags = graph.edges.length <= MAX_EDGE_TAGS;
  return {
    graph: { id: 'metallb-topology', type: 'graph', layout: GRAPH_LAYOUT },
    nodes: graph.nodes.map((n) => node(n, texts)),
    edges: graph.edges.map((e) => edge(e, tags ? texts.edge(e.type) : undefined)),
  };
}
