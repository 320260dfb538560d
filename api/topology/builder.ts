// Accumulates the topology's nodes and edges: one node per id, problems colour it, parallel
// edges merge into the worst status.
import type { ObjectMeta } from '../types';
import type { GraphEdge, GraphEdgeType, GraphNode, GraphNodeKind, GraphStatus, Problem } from './types';

const PREFIX: Record<GraphNodeKind, string> = {
  IPAddressPool: 'pool',
  L2Advertisement: 'l2',
  BGPAdvertisement: 'bgpad',
  BGPPeer: 'peer',
  BFDProfile: 'bfd',
  Service: 'svc',
  Node: 'node',
  ServiceGroup: 'group',
  NodeGroup: 'nodes',
};

export function nodeId(kind: GraphNodeKind, name: string, namespace?: string): string {
  return `${PREFIX[kind]}:${namespace ? `${namespace}/` : ''}${name}`;
}

const RANK: Record<GraphStatus, number> = { ok: 0, warning: 1, danger: 2 };
function worse(a: GraphStatus, b: GraphStatus): GraphStatus {
  return RANK[b] > RANK[a] ? b : a;
}

function levelOf(p: Problem): GraphStatus {
  return p.code === 'pool-nearly-exhausted' || p.code === 'selects-no-pool' || p.code === 'ip-pending'
    ? 'warning'
    : 'danger';
}

export class GraphBuilder {
  readonly nodes = new Map<string, GraphNode>();
  readonly edges = new Map<string, GraphEdge>();

  add(kind: GraphNodeKind, meta: Pick<ObjectMeta, 'name' | 'namespace'>, facts: Record<string, string> = {}) {
    const name = meta.name ?? '';
    const id = nodeId(kind, name, kind === 'Service' ? meta.namespace : undefined);
    let n = this.nodes.get(id);
    if (!n) {
      n = { id, kind, name, status: 'ok', problems: [], facts };
      if (meta.namespace) n.namespace = meta.namespace;
      this.nodes.set(id, n);
    }
    return n;
  }

  /** The node for a referenced object, created as "missing" when it does not exist. */
  ref(kind: GraphNodeKind, name: string): GraphNode {
    const id = nodeId(kind, name);
    const existing = this.nodes.get(id);
    if (existing) return existing;
    const n: GraphNode = {
      id,
      kind,
      name,
      status: 'danger',
      missing: true,
      problems: [{ code: 'missing-object' }],
      facts: {},
    };
    this.nodes.set(id, n);
    return n;
  }

  problem(n: GraphNode, p: Problem) {
    n.problems.push(p);
    n.status = worse(n.status, levelOf(p));
  }

  link(type: GraphEdgeType, source: GraphNode, target: GraphNode, status: GraphStatus = 'ok') {
    const id = `${type}:${source.id}->${target.id}`;
    const e = this.edges.get(id);
    if (e) e.status = worse(e.status, status);
    else this.edges.set(id, { id, type, source: source.id, target: target.id, status });
  }
}
