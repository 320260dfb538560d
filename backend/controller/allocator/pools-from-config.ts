import {
  AddressParseError,
  cidrRange,
  formatCIDR,
  parseAddressEntry,
  rangesOverlap,
  summarizeRange,
  type IPRange,
} from '../../../api/ip-ranges';
import type { IPAddressPool, LabelSelector } from '../../../api/types';
import { compileSelector, type LabelMatcher } from '../../../api/validation/label-selector';
import type { Pool, PoolServiceAllocation } from './pool';

export interface NamespaceLike {
  metadata?: { name?: string; labels?: Record<string, string> };
}

export interface PoolsResult {
  /** Sorted by name. Upstream loads no config at all when `errors` is non-empty. */
  pools: Pool[];
  errors: string[];
}

/**
 * Turns IPAddressPool objects into allocator pools. namespaceSelectors are resolved here against the
 * current Namespace labels (as upstream does at config-parse time), so callers rebuild the pools when
 * namespace labels change.
 */
export function poolsFromConfig(
  crs: readonly IPAddressPool[],
  namespaces: readonly NamespaceLike[],
): PoolsResult {
  const errors: string[] = [];
  const pools: Pool[] = [];
  const seen = new Set<string>();
  const sorted = [...crs].sort((a, b) => cmp(a.metadata.name ?? '', b.metadata.name ?? ''));
  for (const cr of sorted) {
    const name = cr.metadata.name ?? '';
    if (!name) {
      errors.push('pool name is required');
      continue;
    }
    if (seen.has(name)) {
      errors.push(`duplicate definition of pool "${name}"`);
      continue;
    }
    seen.add(name);
    const addresses = cr.spec?.addresses ?? [];
    if (addresses.length === 0) errors.push(`pool "${name}" has no addresses defined`);
    const ranges: IPRange[] = [];
    for (const entry of addresses) {
      try {
        ranges.push(parseAddressEntry(entry));
      } catch (e) {
        if (!(e instanceof AddressParseError)) throw e;
        errors.push(`${e.message} in pool "${name}"`);
      }
    }
    const sa = cr.spec.serviceAllocation;
    const pool: Pool = {
      name,
      ranges,
      autoAssign: cr.spec.autoAssign ?? true,
      avoidBuggyIPs: cr.spec.avoidBuggyIPs ?? false,
    };
    if (sa) pool.serviceAllocation = serviceAllocation(name, sa, namespaces, errors);
    pools.push(pool);
  }
  errors.push(...overlapErrors(pools));
  return { pools, errors };
}

function serviceAllocation(
  pool: string,
  sa: NonNullable<IPAddressPool['spec']['serviceAllocation']>,
  namespaces: readonly NamespaceLike[],
  errors: string[],
): PoolServiceAllocation {
  const ns = new Set<string>();
  for (const n of sa.namespaces ?? []) {
    if (ns.has(n)) errors.push(`duplicate definition in namespaces "${n}" in pool "${pool}"`);
    ns.add(n);
  }
  for (const m of compileAll(pool, 'namespaceSelectors', sa.namespaceSelectors, errors)) {
    for (const n of namespaces) {
      const name = n.metadata?.name;
      if (name && m(n.metadata?.labels ?? {})) ns.add(name);
    }
  }
  const serviceSelectors = compileAll(pool, 'serviceSelectors', sa.serviceSelectors, errors);
  // Priority only: the pool applies to every Service and takes part in priority ordering.
  const noFilters = !sa.namespaces?.length && !sa.namespaceSelectors?.length && !sa.serviceSelectors?.length;
  if (noFilters) serviceSelectors.push(() => true);
  return { priority: sa.priority ?? 0, namespaces: ns, serviceSelectors };
}

function compileAll(
  pool: string,
  field: string,
  selectors: LabelSelector[] | undefined,
  errors: string[],
): LabelMatcher[] {
  const out: LabelMatcher[] = [];
  const seen = new Set<string>();
  for (const s of selectors ?? []) {
    const key = JSON.stringify(s);
    if (seen.has(key)) errors.push(`duplicate definition of ${field} ${key} in pool "${pool}"`);
    seen.add(key);
    const m = compileSelector(s);
    if (typeof m === 'string') errors.push(`${m} in ${field} of pool "${pool}"`);
    else out.push(m);
  }
  return out;
}

/** Any two entries overlapping, within or across pools; sorted sweep, O(n log n). */
function overlapErrors(pools: readonly Pool[]): string[] {
  const entries = pools.flatMap((p, pi) =>
    p.ranges.map((r, ri) => ({ pool: p.name, r, order: pi * 1e6 + ri })),
  );
  entries.sort(
    (a, b) => a.r.family - b.r.family || (a.r.first < b.r.first ? -1 : a.r.first > b.r.first ? 1 : 0),
  );
  const errors: string[] = [];
  let reach: (typeof entries)[number] | undefined;
  for (const e of entries) {
    if (reach && rangesOverlap(reach.r, e.r)) {
      const [older, newer] = reach.order < e.order ? [reach, e] : [e, reach];
      errors.push(
        `CIDR "${firstOverlap(newer.r, older.r)}" in pool "${newer.pool}" overlaps with already defined CIDR "${firstOverlap(older.r, newer.r)}"`,
      );
    }
    if (!reach || reach.r.family !== e.r.family || e.r.last > reach.r.last) reach = e;
  }
  return errors;
}

function firstOverlap(of: IPRange, other: IPRange): string {
  const c = summarizeRange(of).find((x) => rangesOverlap(cidrRange(x), other))!;
  return formatCIDR(c);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
