// Which nodes a list of node selectors picks. Rules about "the same node" (duplicate peers, FRR
// router IDs, LOCAL_PREF) compare these sets; without a node list every pair is assumed to share a
// node, the conservative reading (as upstream's FRR check does).
import type { LabelSelector } from '../types';
import type { LabeledObject } from './config-input';
import { anySelectorMatches } from './label-selector';

export type NodeSet = ReadonlySet<string> | 'unknown';

/** Nodes selected by `selectors` (an empty list selects every node). */
export function selectNodes(
  selectors: LabelSelector[] | undefined,
  nodes: LabeledObject[] | undefined,
): NodeSet {
  if (!nodes) return 'unknown';
  const all = !selectors || selectors.length === 0;
  const out = new Set<string>();
  for (const n of nodes) {
    if (all || anySelectorMatches(selectors, n.metadata.labels)) out.add(n.metadata.name ?? '');
  }
  return out;
}

export function nodeSetsIntersect(a: NodeSet, b: NodeSet): boolean {
  if (a === 'unknown' || b === 'unknown') return true;
  for (const n of a) if (b.has(n)) return true;
  return false;
}
