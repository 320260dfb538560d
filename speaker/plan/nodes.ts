// Nodes as the election and BGP eligibility read them: name, labels, NetworkUnavailable.
import type { ElectionNode } from '../l2/election';
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
