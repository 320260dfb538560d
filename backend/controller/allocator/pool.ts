import type { IPRange } from '../../../api/ip-ranges';
import type { LabelMatcher, Labels } from '../../../api/validation/label-selector';

/** The allocator's view of one IPAddressPool, after parsing and namespaceSelector resolution. */
export interface Pool {
  name: string;
  /** One range per `addresses` entry, in spec order. */
  ranges: IPRange[];
  autoAssign: boolean;
  avoidBuggyIPs: boolean;
  /** Absent when the pool has no `serviceAllocation`: then it is a fallback pool for everyone. */
  serviceAllocation?: PoolServiceAllocation;
}

export interface PoolServiceAllocation {
  /** 0 = no priority: sorts after every prioritized pool. */
  priority: number;
  /** `namespaces` plus the namespaces matched by `namespaceSelectors`. Empty = any namespace. */
  namespaces: ReadonlySet<string>;
  /** OR-ed; empty = any Service. */
  serviceSelectors: readonly LabelMatcher[];
}

/** Namespace check AND service-selector check, as upstream's isPoolCompatibleWithService. */
export function poolAllowsService(pool: Pool, namespace: string, labels: Labels): boolean {
  const sa = pool.serviceAllocation;
  if (!sa) return true;
  if (sa.namespaces.size > 0 && !sa.namespaces.has(namespace)) return false;
  if (sa.serviceSelectors.length > 0 && !sa.serviceSelectors.some((m) => m(labels))) return false;
  return true;
}

/**
 * Whether the pool is "pinned" for the Service: it names the Service's namespace or has service
 * selectors. Pools with serviceAllocation that are not pinned (e.g. namespaceSelectors matching no
 * namespace) are never auto-assigned, only reachable by explicit request (upstream quirk).
 */
export function poolPinnedFor(pool: Pool, namespace: string): boolean {
  const sa = pool.serviceAllocation;
  return !!sa && (sa.namespaces.has(namespace) || sa.serviceSelectors.length > 0);
}

/** Ascending non-zero priority, then priority 0, then name (upstream leaves ties unordered). */
export function comparePools(a: Pool, b: Pool): number {
  const pa = a.serviceAllocation?.priority || Infinity;
  const pb = b.serviceAllocation?.priority || Infinity;
  if (pa !== pb) return pa < pb ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
