// Whether an L2 or BGP advertisement applies to a pool: named, or labels matched by a selector;
// an advertisement naming and selecting nothing applies to every pool.
import type { IPAddressPool, LabelSelector } from '../types';
import { anySelectorMatches } from '../validation';

export interface PoolSelecting {
  ipAddressPools?: string[];
  ipAddressPoolSelectors?: LabelSelector[];
}

export function advertisementSelectsPool(spec: PoolSelecting | undefined, pool: IPAddressPool): boolean {
  const names = spec?.ipAddressPools ?? [];
  const selectors = spec?.ipAddressPoolSelectors ?? [];
  if (names.length === 0 && selectors.length === 0) return true;
  return names.includes(pool.metadata?.name ?? '') || anySelectorMatches(selectors, pool.metadata?.labels);
}

/** Selectors list semantics of MetalLB: absent or empty selects everything, otherwise OR. */
export function selectorsAllow(
  list: readonly LabelSelector[] | undefined,
  labels: Readonly<Record<string, string>> | undefined,
): boolean {
  return !list || list.length === 0 || anySelectorMatches(list, labels);
}
