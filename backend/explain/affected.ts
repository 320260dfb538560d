// Which Services a configuration change can touch, so a preview plans every node over those alone
// (at 1,000 nodes and 10,000 Services, planning every node over every Service twice took 136 s).
// A Service's announcements depend on its IPs and pool, the advertisements selecting that pool,
// the peers, BFD profiles and communities, and (BGP aggregation) the Services whose IPs share a
// prefix with its own. So: a changed peer, BFD profile or community may touch any Service; else
// the Services whose allocation changes, whose pool (by name, or as the speakers resolve it from
// the IPs) changed, or whose pool a changed advertisement selects (before or after), and the
// Services aggregated with any of those.
import { familyOfAddress, prefixOf } from '../../api/announce/prefix';
import { advertisementSelectsPool } from '../../api/announce/pool-selection';
import { parsePoolRanges, poolForIPs } from '../../api/announce/services';
import type { IPAddressPool } from '../../api/types';
import type { Allocation } from './allocation';
import { widestAggregation } from './focus';
import { keyOf, type ClusterSnapshot } from './snapshot';

type Named = { metadata?: { name?: string } };

/** The objects of `before` and `after` that differ (by name, compared as objects), both versions. */
function changedObjects<T extends Named>(before: readonly T[], after: readonly T[]): T[] {
  const byName = (list: readonly T[]) => new Map(list.map((o) => [o.metadata?.name ?? '', o]));
  const b = byName(before);
  const a = byName(after);
  const out: T[] = [];
  for (const name of new Set([...b.keys(), ...a.keys()])) {
    const x = b.get(name);
    const y = a.get(name);
    if (x === y) continue;
    if (x) out.push(x);
    if (y) out.push(y);
  }
  return out;
}

function sameAllocation(a: Allocation | undefined, b: Allocation | undefined): boolean {
  const x = a?.ingressIPs ?? [];
  const y = b?.ingressIPs ?? [];
  return a?.pool === b?.pool && x.length === y.length && x.every((ip, i) => ip === y[i]);
}

/**
 * The keys of the Services whose preview state may differ between the two snapshots (which differ
 * in metallb.io objects only), given each side's allocations; undefined when any Service may.
 */
export function affectedServices(
  before: ClusterSnapshot,
  after: ClusterSnapshot,
  was: ReadonlyMap<string, Allocation>,
  now: ReadonlyMap<string, Allocation>,
): Set<string> | undefined {
  if (
    changedObjects(before.bgpPeers, after.bgpPeers).length > 0 ||
    changedObjects(before.bfdProfiles, after.bfdProfiles).length > 0 ||
    changedObjects(before.communities, after.communities).length > 0
  )
    return undefined;
  const pools = new Set(changedObjects(before.pools, after.pools).map((p) => p.metadata?.name ?? ''));
  const ads = [
    ...changedObjects(before.l2Advertisements, after.l2Advertisements),
    ...changedObjects(before.bgpAdvertisements, after.bgpAdvertisements),
  ];
  const ranges = [parsePoolRanges(before.pools), parsePoolRanges(after.pools)];
  const out = new Set<string>();
  for (const svc of before.services) {
    const key = keyOf(svc);
    const a = was.get(key);
    const b = now.get(key);
    if (!sameAllocation(a, b)) {
      out.add(key);
      continue;
    }
    // The same IPs on both sides: the pool the speakers find for them, before and after.
    const resolved = ranges
      .map((r) => poolForIPs(r, a?.ingressIPs ?? []))
      .filter((p): p is IPAddressPool => p !== undefined);
    const names = [a?.pool, ...resolved.map((p) => p.metadata?.name)];
    if (
      names.some((n) => n !== undefined && pools.has(n)) ||
      (resolved.length === 2 && resolved[0]!.metadata?.name !== resolved[1]!.metadata?.name) ||
      ads.some((ad) => resolved.some((p) => advertisementSelectsPool(ad.spec, p)))
    )
      out.add(key);
  }
  return withAggregated(out, before, after, was, now);
}

/** `keys` and every Service with an IP in the widest aggregated prefix of one of theirs. */
function withAggregated(
  keys: Set<string>,
  before: ClusterSnapshot,
  after: ClusterSnapshot,
  was: ReadonlyMap<string, Allocation>,
  now: ReadonlyMap<string, Allocation>,
): Set<string> {
  const b = widestAggregation(before.bgpAdvertisements);
  const a = widestAggregation(after.bgpAdvertisements);
  const widest = { 4: Math.min(a[4], b[4]), 6: Math.min(a[6], b[6]) };
  const prefixes = (key: string) =>
    [...(was.get(key)?.ingressIPs ?? []), ...(now.get(key)?.ingressIPs ?? [])].flatMap((ip) => {
      const family = familyOfAddress(ip);
      const p = family && prefixOf(ip, widest[family]);
      return p ? [p] : [];
    });
  const byPrefix = new Map<string, string[]>();
  for (const svc of before.services) {
    const key = keyOf(svc);
    for (const p of prefixes(key)) {
      const list = byPrefix.get(p);
      if (list) list.push(key);
      else byPrefix.set(p, [key]);
    }
  }
  const out = new Set(keys);
  for (const key of keys) for (const p of prefixes(key)) for (const k of byPrefix.get(p) ?? []) out.add(k);
  return out;
}
