// Which node rows the Explain panel shows first: at 1,000 nodes a table of every node is slow to
// draw and mostly "another node won", so the nodes the plan has announcing come first and the
// panel shows a few rows until asked for all.
import type { NodeVerdict } from '../../../api/explain/types';

/** Rows shown before "Show all". */
export const FIRST_ROWS = 20;

/** Planned to announce by either protocol (answering on the wire or not). */
function planned(n: NodeVerdict): boolean {
  return !!n.l2?.announces || n.l2?.reason.code === 'notAnsweringOnWire' || !!n.bgp?.announces;
}

/** The nodes planned to announce first, each part in the answer's order; the first FIRST_ROWS unless `all`. */
export function nodeRows(nodes: readonly NodeVerdict[], all: boolean): NodeVerdict[] {
  const ordered = [...nodes.filter(planned), ...nodes.filter((n) => !planned(n))];
  return all ? ordered : ordered.slice(0, FIRST_ROWS);
}
