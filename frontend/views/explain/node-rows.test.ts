import { describe, expect, it } from 'vitest';
import type { NodeVerdict, ReasonCode } from '../../../api/explain/types';
import { FIRST_ROWS, nodeRows } from './node-rows';

const l2 = (node: string, code: ReasonCode, announces = false): NodeVerdict => ({
  node,
  speaker: true,
  l2: { announces, reason: { code, params: { node } } },
});

describe('nodeRows', () => {
  const nodes = Array.from({ length: 100 }, (_, i) => l2(`node-${i}`, 'notWinner'));
  nodes[70] = l2('node-70', 'announcing', true);
  nodes[90] = l2('node-90', 'notAnsweringOnWire');

  it('shows the nodes planned to announce first, then the others in order, a few until asked for all', () => {
    const first = nodeRows(nodes, false).map((n) => n.node);
    expect(first).toHaveLength(FIRST_ROWS);
    expect(first.slice(0, 3)).toEqual(['node-70', 'node-90', 'node-0']);
    const all = nodeRows(nodes, true);
    expect(all).toHaveLength(100);
    expect(new Set(all.map((n) => n.node)).size).toBe(100);
  });

  it('shows every row of a small cluster in the answer order', () => {
    const few = nodes.slice(0, 3);
    expect(nodeRows(few, false)).toEqual(few);
  });
});
