// Nodes as the election and BGP eligibility read them: name, labels, NetworkUnavailable.
import type { ElectionNode } from './election';
import type { NodeInput } from './inputs';

export function electionNode(node: NodeInput): ElectionNode {
  const unavailable = (node.status?.conditions ?? []).some(
    (c) => c.type === 'NetworkUnavailable' && c.status === 'True',
  );
  return {
    name: node.metadata?.name ?? '',
    labels: node.metadata?.labels ?? {},
    ...(unavailable ? { networkUnavailable: true } : {}),
  };
}

/**
 * Without gossip, the live set from the kubelets: Nodes whose Ready condition is True. Null (every
 * Node counts) when no Node reports readiness at all, e.g. Nodes nobody runs a kubelet for.
 */
export function readyNodes(nodes: readonly NodeInput[]): Set<string> | null {
  if (!nodes.some((n) => n.status?.conditions?.some((c) => c.type === 'Ready'))) return null;
  const ready = nodes.filter((n) =>
    n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
  );
  return new Set(ready.map((n) => n.metadata?.name ?? ''));
}
