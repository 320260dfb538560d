// Which pools an L2 or BGP advertisement applies to: the named pools plus those whose labels match
// a selector; with neither, every pool. Unknown names are ignored as upstream does (a warning says so).
import type { LabelSelector } from '../types';
import type { IssueCollector, ObjectRef } from './issues';
import { anySelectorMatches } from './label-selector';
import type { ParsedPool } from './pools';

interface PoolSelecting {
  ipAddressPools?: string[];
  ipAddressPoolSelectors?: LabelSelector[];
}

export function selectedPools(spec: PoolSelecting | undefined, pools: readonly ParsedPool[]): ParsedPool[] {
  const names = spec?.ipAddressPools ?? [];
  const selectors = spec?.ipAddressPoolSelectors ?? [];
  if (names.length === 0 && selectors.length === 0) return [...pools];
  return pools.filter(
    (p) => names.includes(p.ref.name) || anySelectorMatches(selectors, p.obj.metadata?.labels),
  );
}

export function warnUnknownPools(
  ad: ObjectRef,
  spec: PoolSelecting | undefined,
  pools: readonly ParsedPool[] | undefined,
  out: IssueCollector,
): void {
  if (!pools) return;
  const known = new Set(pools.map((p) => p.ref.name));
  (spec?.ipAddressPools ?? []).forEach((name, i) => {
    if (!known.has(name)) {
      out.warning(
        ad,
        `spec.ipAddressPools[${i}]`,
        `IPAddressPool ${JSON.stringify(name)} does not exist; the advertisement ignores it until it is created`,
      );
    }
  });
}
