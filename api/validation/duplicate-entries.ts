// Upstream refuses duplicate entries in every string list field (ipAddressPools, peers,
// communities, interfaces, ...).
import type { FieldProblem } from './issues';

export function duplicateEntries(list: readonly string[] | undefined, path: string): FieldProblem[] {
  const listName = path.slice(path.lastIndexOf('.') + 1);
  const first = new Map<string, number>();
  const out: FieldProblem[] = [];
  (Array.isArray(list) ? list : []).forEach((v, i) => {
    const prev = first.get(v);
    if (prev !== undefined) {
      out.push({
        field: `${path}[${i}]`,
        detail: `duplicate definition of ${listName} ${JSON.stringify(v)} (also at ${listName}[${prev}])`,
      });
    } else first.set(v, i);
  });
  return out;
}
