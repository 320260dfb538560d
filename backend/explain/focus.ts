// The part of a snapshot one Service's announcements depend on. The speakers' plan decides each
// Service on its own, with one exception: BGP routes with the same prefix are merged (communities
// united, the first LOCAL_PREF kept), so a Service's routes also depend on the Services with an IP
// in a prefix its IPs may be aggregated into. Planning every node on that part alone gives the same
// verdicts for the Service at a cost of nodes x (a few Services) instead of nodes x every Service.
import { familyOfAddress, prefixOf } from '../../api/announce/prefix';
import { SERVICE_NAME_LABEL } from '../../api/announce/services';
import type { BGPAdvertisement } from '../../api/types';
import { keyOf, type ClusterSnapshot } from './snapshot';

/** Per family, the shortest valid aggregation length of any BGPAdvertisement (the widest prefix). */
export function widestAggregation(ads: readonly BGPAdvertisement[]): { 4: number; 6: number } {
  const out = { 4: 32, 6: 128 };
  for (const ad of ads) {
    const v4 = ad.spec?.aggregationLength;
    const v6 = ad.spec?.aggregationLengthV6;
    // Lengths routesFor cannot use make no route, so they widen nothing.
    if (v4 !== undefined && Number.isInteger(v4) && v4 >= 0 && v4 < out[4]) out[4] = v4;
    if (v6 !== undefined && Number.isInteger(v6) && v6 >= 0 && v6 < out[6]) out[6] = v6;
  }
  return out;
}

const ingressIPs = (svc: ClusterSnapshot['services'][number]) =>
  (svc.status?.loadBalancer?.ingress ?? []).flatMap((i) => (i.ip ? [i.ip] : []));

/**
 * The keys of the Services whose plans bear on `key`'s announcements: itself, and every Service
 * with an IP in the widest prefix around one of its IPs (the same IP included: shared IPs).
 */
export function servicesBearingOn(
  snap: Pick<ClusterSnapshot, 'services' | 'bgpAdvertisements'>,
  key: string,
): Set<string> {
  const out = new Set([key]);
  const target = snap.services.find((s) => keyOf(s) === key);
  if (!target) return out;
  const widest = widestAggregation(snap.bgpAdvertisements);
  const wide = (ip: string) => {
    const family = familyOfAddress(ip);
    return family ? prefixOf(ip, widest[family]) : undefined;
  };
  const prefixes = new Set(
    ingressIPs(target)
      .map(wide)
      .filter((p) => p !== undefined),
  );
  if (prefixes.size === 0) return out;
  for (const svc of snap.services) {
    if (
      ingressIPs(svc).some((ip) => {
        const p = wide(ip);
        return p !== undefined && prefixes.has(p);
      })
    )
      out.add(keyOf(svc));
  }
  return out;
}

/** The EndpointSlices of these Services (by their kubernetes.io/service-name label). */
export function slicesOf<T extends ClusterSnapshot['endpointSlices'][number]>(
  slices: readonly T[],
  keys: ReadonlySet<string>,
): T[] {
  return slices.filter((s) => {
    const name = s.metadata?.labels?.[SERVICE_NAME_LABEL];
    return name !== undefined && keys.has(`${s.metadata?.namespace ?? ''}/${name}`);
  });
}

/** The snapshot with only the Services (and their EndpointSlices) that bear on `key`'s announcements. */
export function focusOn(snap: ClusterSnapshot, key: string): ClusterSnapshot {
  const keys = servicesBearingOn(snap, key);
  return {
    ...snap,
    services: snap.services.filter((s) => keys.has(keyOf(s))),
    endpointSlices: slicesOf(snap.endpointSlices, keys),
  };
}
