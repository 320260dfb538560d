// The rib-out of one peer: what has been announced, and the UPDATEs that move it to a new desired
// set (withdrawals first, then announcements grouped by identical attributes, packed into messages
// of at most 4096 octets). IPv4 uses the NLRI/withdrawn fields, IPv6 MP_REACH/MP_UNREACH (RFC 4760).
import { comparePrefixes, type Route } from '../../api/announce/advertisement';
import { Afi, HEADER_LENGTH, MAX_MESSAGE_LENGTH, Safi } from './constants';
import { encodeAttributes } from './update';
import { canonicalPrefix, prefixFamily, prefixWireLength, type Family } from './prefix';
import type { CodecContext, PathAttributes, UpdateMessage } from './types';

export interface PeerContext {
  localAsn: number;
  ibgp: boolean;
  fourOctetAs: boolean;
  /** Families negotiated with the peer. */
  families: readonly Family[];
  /** Our address towards the peer, per family (the NEXT_HOP / MP_REACH next hop). */
  nextHopV4?: string;
  nextHopV6?: string;
  /** Optional IPv6 link-local next hop sent after the global one (RFC 2545). */
  nextHopV6LinkLocal?: string;
  /** LOCAL_PREF for iBGP routes that set none (default 100). */
  defaultLocalPref?: number;
}

/** Prefix -> route as announced. */
export type RibOut = ReadonlyMap<string, Route>;

export interface RibOutDiff {
  updates: UpdateMessage[];
  /** The rib-out once the updates are sent. */
  rib: RibOut;
  /** Routes that cannot go to this peer (family not negotiated, no next hop). */
  skipped: { prefix: string; reason: string }[];
}

/** Path attributes for one route to this peer (without NLRI). */
export function routeAttributes(ctx: PeerContext, route: Route): PathAttributes {
  const a: PathAttributes = {
    origin: 0,
    asPath: ctx.ibgp ? [] : [{ kind: 'sequence', asns: [ctx.localAsn] }],
  };
  if (prefixFamily(route.prefix) === 4) a.nextHop = ctx.nextHopV4;
  if (ctx.ibgp) a.localPref = route.localPref ?? ctx.defaultLocalPref ?? 100;
  if (route.communities.length > 0) a.communities = [...route.communities];
  if (route.largeCommunities.length > 0) a.largeCommunities = route.largeCommunities.map((c) => ({ ...c }));
  return a;
}

function sameRoute(a: Route, b: Route): boolean {
  return (
    a.localPref === b.localPref &&
    a.communities.length === b.communities.length &&
    a.communities.every((c, i) => c === b.communities[i]) &&
    a.largeCommunities.length === b.largeCommunities.length &&
    a.largeCommunities.every((c, i) => {
      const d = b.largeCommunities[i];
      return d !== undefined && c.global === d.global && c.local1 === d.local1 && c.local2 === d.local2;
    })
  );
}

function skipReason(ctx: PeerContext, family: Family | undefined): string | undefined {
  if (!family) return 'invalid prefix';
  if (!ctx.families.includes(family)) return `IPv${family} unicast not negotiated`;
  if (family === 4 && !ctx.nextHopV4) return 'no IPv4 next hop';
  if (family === 6 && !ctx.nextHopV6) return 'no IPv6 next hop';
  return undefined;
}

/** Split prefixes into chunks whose NLRI encoding fits in `budget` octets. */
function pack(prefixes: string[], budget: number): string[][] {
  const chunks: string[][] = [];
  let cur: string[] = [];
  let size = 0;
  for (const p of prefixes) {
    const n = prefixWireLength(p);
    if (cur.length > 0 && size + n > budget) {
      chunks.push(cur);
      cur = [];
      size = 0;
    }
    cur.push(p);
    size += n;
  }
  if (cur.length > 0) chunks.push(cur);
  return chunks;
}

// Header, withdrawn-length and attribute-length fields, and room for an extended attribute length.
const FIXED = HEADER_LENGTH + 4 + 1;

function withdrawals(ctx: CodecContext, v4: string[], v6: string[]): UpdateMessage[] {
  const out: UpdateMessage[] = [];
  for (const chunk of pack(v4, MAX_MESSAGE_LENGTH - FIXED)) {
    out.push({ type: 'update', withdrawn: chunk, attributes: {}, nlri: [] });
  }
  const emptyUnreach = encodeAttributes(
    { mpUnreach: { afi: Afi.IPv6, safi: Safi.Unicast, withdrawn: [] } },
    ctx,
  ).length;
  for (const chunk of pack(v6, MAX_MESSAGE_LENGTH - FIXED - emptyUnreach)) {
    out.push({
      type: 'update',
      withdrawn: [],
      attributes: { mpUnreach: { afi: Afi.IPv6, safi: Safi.Unicast, withdrawn: chunk } },
      nlri: [],
    });
  }
  return out;
}

function announcements(ctx: PeerContext, routes: Route[]): UpdateMessage[] {
  const codec: CodecContext = { fourOctetAs: ctx.fourOctetAs };
  const groups = new Map<string, { family: Family; attrs: PathAttributes; prefixes: string[] }>();
  for (const r of routes) {
    const family = prefixFamily(r.prefix) as Family;
    const attrs = routeAttributes(ctx, r);
    const key = `${family}|${JSON.stringify(attrs)}`;
    const g = groups.get(key);
    if (g) g.prefixes.push(r.prefix);
    else groups.set(key, { family, attrs, prefixes: [r.prefix] });
  }
  const out: UpdateMessage[] = [];
  for (const { family, attrs, prefixes } of groups.values()) {
    if (family === 4) {
      const budget = MAX_MESSAGE_LENGTH - FIXED - encodeAttributes(attrs, codec).length;
      for (const chunk of pack(prefixes, budget))
        out.push({ type: 'update', withdrawn: [], attributes: attrs, nlri: chunk });
    } else {
      const nextHops = [ctx.nextHopV6 as string, ...(ctx.nextHopV6LinkLocal ? [ctx.nextHopV6LinkLocal] : [])];
      const withMp = (nlri: string[]): PathAttributes => ({
        ...attrs,
        mpReach: { afi: Afi.IPv6, safi: Safi.Unicast, nextHops, nlri },
      });
      const budget = MAX_MESSAGE_LENGTH - FIXED - encodeAttributes(withMp([]), codec).length;
      for (const chunk of pack(prefixes, budget))
        out.push({ type: 'update', withdrawn: [], attributes: withMp(chunk), nlri: [] });
    }
  }
  return out;
}

/** UPDATEs that turn `sent` into `desired` for this peer. */
export function diffRibOut(ctx: PeerContext, sent: RibOut, desired: Iterable<Route>): RibOutDiff {
  const skipped: { prefix: string; reason: string }[] = [];
  const next = new Map<string, Route>();
  for (const given of desired) {
    const prefix = canonicalPrefix(given.prefix);
    const reason = skipReason(ctx, prefix === undefined ? undefined : prefixFamily(prefix));
    if (reason || prefix === undefined)
      skipped.push({ prefix: given.prefix, reason: reason ?? 'invalid prefix' });
    else next.set(prefix, prefix === given.prefix ? given : { ...given, prefix });
  }
  const gone = [...sent.keys()].filter((p) => !next.has(p)).sort(comparePrefixes);
  const changed = [...next.values()]
    .filter((r) => {
      const old = sent.get(r.prefix);
      return !old || !sameRoute(old, r);
    })
    .sort((a, b) => comparePrefixes(a.prefix, b.prefix));
  const updates = [
    ...withdrawals(
      { fourOctetAs: ctx.fourOctetAs },
      gone.filter((p) => prefixFamily(p) === 4),
      gone.filter((p) => prefixFamily(p) === 6),
    ),
    ...announcements(ctx, changed),
  ];
  return { updates, rib: next, skipped };
}

/** Everything in the rib-out again (one family when given): after Established, or for a ROUTE-REFRESH. */
export function fullTable(ctx: PeerContext, rib: RibOut, family?: Family): UpdateMessage[] {
  const routes = [...rib.values()].filter((r) => family === undefined || prefixFamily(r.prefix) === family);
  return diffRibOut(ctx, new Map(), routes).updates;
}

/** RFC 4724 End-of-RIB marker for a family. */
export function endOfRib(family: Family): UpdateMessage {
  return family === 4
    ? { type: 'update', withdrawn: [], attributes: {}, nlri: [] }
    : {
        type: 'update',
        withdrawn: [],
        attributes: { mpUnreach: { afi: Afi.IPv6, safi: Safi.Unicast, withdrawn: [] } },
        nlri: [],
      };
}
