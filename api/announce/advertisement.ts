// Which prefixes, with which attributes, a speaker announces: each load-balancer IP masked to the
// advertisement's aggregation length, duplicate prefixes merged (union of communities). Pure.
import {
  compareLargeCommunities,
  formatLargeCommunity,
  parseCommunity,
  parseLargeCommunity,
} from './communities';
import { prefixOf, familyOfAddress } from './prefix';
import type { LargeCommunity } from './communities';

export interface AdvertisementSpec {
  /** A load-balancer IP this node announces. */
  ip: string;
  /** IPv4 mask length (default 32). */
  aggregationLength?: number;
  /** IPv6 mask length (default 128). */
  aggregationLengthV6?: number;
  localPref?: number;
  /** "AS:value" (RFC 1997) or "large:g:l1:l2" / "g:l1:l2" (RFC 8092). */
  communities?: readonly string[];
}

export interface Route {
  /** Canonical CIDR. */
  prefix: string;
  localPref?: number;
  /** Sorted, unique. */
  communities: number[];
  /** Sorted, unique. */
  largeCommunities: LargeCommunity[];
}

export interface RoutesResult {
  routes: Route[];
  /** Problems found (bad IP, bad community, conflicting LOCAL_PREF); the rest still computes. */
  errors: string[];
}

/** Compute the routes for a set of advertisement specs, sorted by prefix. */
export function routesFor(specs: readonly AdvertisementSpec[]): RoutesResult {
  const errors: string[] = [];
  const byPrefix = new Map<
    string,
    { localPref?: number; communities: Set<number>; large: Map<string, LargeCommunity> }
  >();
  for (const spec of specs) {
    const family = familyOfAddress(spec.ip);
    if (!family) {
      errors.push(`not an IP address: ${spec.ip}`);
      continue;
    }
    const length = family === 4 ? (spec.aggregationLength ?? 32) : (spec.aggregationLengthV6 ?? 128);
    const prefix = prefixOf(spec.ip, length);
    if (!prefix) {
      errors.push(`aggregation length ${length} is invalid for ${spec.ip}`);
      continue;
    }
    let entry = byPrefix.get(prefix);
    if (!entry) {
      entry = { communities: new Set(), large: new Map() };
      byPrefix.set(prefix, entry);
    }
    if (spec.localPref !== undefined) {
      if (entry.localPref !== undefined && entry.localPref !== spec.localPref) {
        errors.push(`conflicting LOCAL_PREF for ${prefix}: ${entry.localPref} and ${spec.localPref}`);
      } else entry.localPref = spec.localPref;
    }
    for (const text of spec.communities ?? []) {
      const legacy = parseCommunity(text);
      if (legacy !== undefined) {
        entry.communities.add(legacy);
        continue;
      }
      const large = parseLargeCommunity(text);
      if (large) entry.large.set(formatLargeCommunity(large), large);
      else errors.push(`invalid community ${text}`);
    }
  }
  const routes = [...byPrefix.entries()].map(([prefix, e]): Route => ({
    prefix,
    ...(e.localPref !== undefined ? { localPref: e.localPref } : {}),
    communities: [...e.communities].sort((a, b) => a - b),
    largeCommunities: [...e.large.values()].sort(compareLargeCommunities),
  }));
  routes.sort((a, b) => comparePrefixes(a.prefix, b.prefix));
  return { routes, errors };
}

/** IPv4 before IPv6, then textual order: deterministic output for diffs and tests. */
export function comparePrefixes(a: string, b: string): number {
  const fa = a.includes(':') ? 6 : 4;
  const fb = b.includes(':') ? 6 : 4;
  return fa - fb || (a < b ? -1 : a > b ? 1 : 0);
}
