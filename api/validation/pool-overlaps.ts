// No address may belong to two pools, or twice to one pool: the allocator needs every IP to have a
// single owner. Found with a sort-and-sweep over all entries so large configs stay fast.
import { cidrRange, formatCIDR, rangesOverlap, type CIDR } from '../ip-ranges';
import { orientPair, type IssueCollector, type ObjectRef } from './issues';
import type { ParsedEntry, ParsedPool } from './pools';

interface Located {
  pool: ParsedPool;
  entry: ParsedEntry;
  order: number;
}

/** The first pair of overlapping CIDRs of two overlapping entries (what upstream's message quotes). */
function overlappingCIDRs(a: ParsedEntry, b: ParsedEntry): [CIDR, CIDR] | undefined {
  for (const ca of a.cidrs) {
    for (const cb of b.cidrs) if (rangesOverlap(cidrRange(ca), cidrRange(cb))) return [ca, cb];
  }
  return undefined;
}

export function checkPoolOverlaps(
  pools: readonly ParsedPool[],
  focus: ObjectRef | undefined,
  out: IssueCollector,
) {
  const all: Located[] = [];
  for (const pool of pools) for (const entry of pool.entries) all.push({ pool, entry, order: all.length });
  const sorted = [...all].sort((x, y) => {
    const a = x.entry.range;
    const b = y.entry.range;
    if (a.family !== b.family) return a.family - b.family;
    return a.first < b.first ? -1 : a.first > b.first ? 1 : x.order - y.order;
  });
  const reported = new Set<Located>();
  for (let i = 0; i < sorted.length; i++) {
    const x = sorted[i]!;
    for (let j = i + 1; j < sorted.length; j++) {
      const y = sorted[j]!;
      if (y.entry.range.family !== x.entry.range.family || y.entry.range.first > x.entry.range.last) break;
      const [earlier, later] = x.order < y.order ? [x, y] : [y, x];
      const [subject, other] = orientPair(
        { kind: 'IPAddressPool', name: earlier.pool.ref.name, at: earlier },
        { kind: 'IPAddressPool', name: later.pool.ref.name, at: later },
        focus,
      );
      // One report per entry keeps a badly overlapping config readable.
      if (reported.has(subject.at)) continue;
      reported.add(subject.at);
      const [mine, theirs] = overlappingCIDRs(subject.at.entry, other.at.entry) ?? [
        subject.at.entry.cidrs[0]!,
        other.at.entry.cidrs[0]!,
      ];
      const otherField = `spec.addresses[${other.at.entry.index}]`;
      const same = subject.at.pool === other.at.pool;
      const where = same
        ? `${otherField} of the same pool`
        : `IPAddressPool ${JSON.stringify(other.name)} ${otherField}`;
      out.error(
        subject,
        `spec.addresses[${subject.at.entry.index}]`,
        `CIDR ${JSON.stringify(formatCIDR(mine))} in pool ${JSON.stringify(subject.name)} overlaps with already defined CIDR ${JSON.stringify(formatCIDR(theirs))} (${where})`,
        same ? undefined : { kind: 'IPAddressPool', name: other.name, field: otherField },
      );
    }
  }
}
