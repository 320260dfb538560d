// IP address and range maths for IPAddressPool `addresses` entries. Pure and browser-safe: the
// backend, the speaker and the console forms all parse pools with these functions.
//
// Parsing follows Go's net.ParseIP / net.ParseCIDR (what upstream MetalLB uses): dotted-quad IPv4
// without leading zeros, IPv6 with optional trailing dotted IPv4, no zones, no whitespace.
// ipaddr.js is not used for parsing because it reads "::1.2.3.4" as "::ffff:1.2.3.4" and accepts zones.
//
// IPv4-mapped IPv6 ("::ffff:a.b.c.d", the block ::ffff:0:0/96), decided deliberately:
// - parseIP returns them as IPv4, like Go's `ip.To4() != nil`, so a Service annotation written that way
//   means the IPv4 address (as upstream);
// - parseAddressEntry rejects any entry that overlaps that block: upstream would treat such a CIDR as
//   IPv4 with a 128-bit mask, and an IPv6 pool holding those addresses could hand out an IP that reads
//   back as IPv4.

export type IPFamily = 4 | 6;
/** Inclusive bounds, same family. */
export interface IPRange {
  family: IPFamily;
  first: bigint;
  last: bigint;
}
export interface CIDR {
  family: IPFamily;
  prefix: bigint;
  length: number;
}

export class AddressParseError extends Error {
  override name = 'AddressParseError';
}

export const IPV4_MAPPED: IPRange = { family: 6, first: 0xffff_0000_0000n, last: 0xffff_ffff_ffffn };

export function familyBits(family: IPFamily): number {
  return family === 4 ? 32 : 128;
}

const V4_RE = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})$/;
const HEXTET_RE = /^[0-9a-fA-F]{1,4}$/;

/** IPv4 as a plain number (0..2^32-1), or undefined. */
export function parseIPv4Number(s: string): number | undefined {
  const m = V4_RE.exec(s);
  if (!m) return undefined;
  let v = 0;
  for (let i = 1; i <= 4; i++) {
    const octet = Number(m[i]);
    if (octet > 255) return undefined;
    v = v * 256 + octet;
  }
  return v;
}

function parseIPv6(s: string): bigint | undefined {
  if (s.length < 2 || s.length > 45) return undefined;
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const parseGroups = (part: string, allowV4Tail: boolean): number[] | undefined => {
    if (part === '') return [];
    const groups: number[] = [];
    const fields = part.split(':');
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i]!;
      if (allowV4Tail && i === fields.length - 1 && f.includes('.')) {
        const v4 = parseIPv4Number(f);
        if (v4 === undefined) return undefined;
        groups.push(Math.floor(v4 / 65536), v4 % 65536);
      } else if (HEXTET_RE.test(f)) {
        groups.push(parseInt(f, 16));
      } else {
        return undefined;
      }
    }
    return groups;
  };
  let groups: number[];
  if (halves.length === 1) {
    const g = parseGroups(s, true);
    if (!g || g.length !== 8) return undefined;
    groups = g;
  } else {
    const head = parseGroups(halves[0]!, false);
    const tail = parseGroups(halves[1]!, true);
    // "::" must stand for at least one zero group, as in Go.
    if (!head || !tail || head.length + tail.length > 7) return undefined;
    groups = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  }
  let v = 0n;
  for (const g of groups) v = (v << 16n) | BigInt(g);
  return v;
}

function isMapped(v6: bigint): boolean {
  return v6 >= IPV4_MAPPED.first && v6 <= IPV4_MAPPED.last;
}

function parseIPRaw(s: string): { family: IPFamily; value: bigint } | undefined {
  if (s.includes(':')) {
    const v = parseIPv6(s);
    return v === undefined ? undefined : { family: 6, value: v };
  }
  const v = parseIPv4Number(s);
  return v === undefined ? undefined : { family: 4, value: BigInt(v) };
}

/** Parses one IP like Go's net.ParseIP; IPv4-mapped IPv6 comes back as IPv4. */
export function parseIP(s: string): { family: IPFamily; value: bigint } | undefined {
  const ip = parseIPRaw(s);
  if (ip && ip.family === 6 && isMapped(ip.value)) return { family: 4, value: ip.value - IPV4_MAPPED.first };
  return ip;
}

export function formatIPv4Number(v: number): string {
  return `${(v >>> 24) & 255}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
}

/** RFC 5952 text of eight 16-bit groups (lower case, longest zero run of 2+ compressed, first wins). */
export function formatHextets(g: ArrayLike<number>): string {
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (bestStart < 0) {
    let out = g[0]!.toString(16);
    for (let i = 1; i < 8; i++) out += ':' + g[i]!.toString(16);
    return out;
  }
  let head = '';
  for (let i = 0; i < bestStart; i++) head += (i ? ':' : '') + g[i]!.toString(16);
  let tail = '';
  for (let i = bestStart + bestLen; i < 8; i++) tail += (tail ? ':' : '') + g[i]!.toString(16);
  return `${head}::${tail}`;
}

export function formatIP(family: IPFamily, value: bigint): string {
  if (family === 4) return formatIPv4Number(Number(value));
  const g = new Array<number>(8);
  for (let i = 7; i >= 0; i--) {
    g[i] = Number(value & 0xffffn);
    value >>= 16n;
  }
  return formatHextets(g);
}

function parseCIDREntry(entry: string): IPRange | undefined {
  const slash = entry.indexOf('/');
  if (slash < 0) return undefined;
  const ip = parseIPRaw(entry.slice(0, slash));
  const lenText = entry.slice(slash + 1);
  if (!ip || !/^(0|[1-9]\d{0,2})$/.test(lenText)) return undefined;
  const length = Number(lenText);
  const bits = familyBits(ip.family);
  if (length > bits) return undefined;
  const hostMask = (1n << BigInt(bits - length)) - 1n;
  const first = ip.value & ~hostMask; // host bits allowed and masked, like Go's ParseCIDR
  return { family: ip.family, first, last: first | hostMask };
}

/**
 * One IPAddressPool `addresses` entry: CIDR ("192.0.2.0/24", host bits allowed and masked) or
 * "start-end" (whitespace around '-' trimmed; same family). A bare IP without mask is invalid.
 */
export function parseAddressEntry(entry: string): IPRange {
  let range: IPRange;
  if (!entry.includes('-')) {
    const r = parseCIDREntry(entry);
    if (!r) throw new AddressParseError(`invalid CIDR ${JSON.stringify(entry)}`);
    range = r;
  } else {
    const dash = entry.indexOf('-');
    const startText = entry.slice(0, dash).trim();
    const endText = entry.slice(dash + 1).trim();
    const q = JSON.stringify;
    const start = parseIPRaw(startText);
    if (!start) throw new AddressParseError(`invalid IP range ${q(entry)}: invalid start IP ${q(startText)}`);
    const end = parseIPRaw(endText);
    if (!end) throw new AddressParseError(`invalid IP range ${q(entry)}: invalid end IP ${q(endText)}`);
    if (start.family !== end.family) {
      throw new AddressParseError(
        `invalid IP range ${q(entry)}: start and end IPs are of different families`,
      );
    }
    if (start.value > end.value) {
      throw new AddressParseError(
        `invalid IP range ${q(entry)}: start IP ${q(startText)} is after the end IP ${q(endText)}`,
      );
    }
    range = { family: start.family, first: start.value, last: end.value };
  }
  if (rangesOverlap(range, IPV4_MAPPED)) {
    throw new AddressParseError(
      `invalid CIDR ${JSON.stringify(entry)}: IPv4-mapped IPv6 addresses (::ffff:0:0/96) are not allowed`,
    );
  }
  return range;
}

/** The minimal list of CIDRs covering exactly the range, in address order. */
export function summarizeRange(r: IPRange): CIDR[] {
  const bits = familyBits(r.family);
  const out: CIDR[] = [];
  let cur = r.first;
  while (cur <= r.last) {
    // The largest block aligned at `cur` that does not pass `last`.
    let hostBits = 0;
    while (hostBits < bits) {
      const size = 1n << BigInt(hostBits + 1);
      if ((cur & (size - 1n)) !== 0n || cur + size - 1n > r.last) break;
      hostBits++;
    }
    out.push({ family: r.family, prefix: cur, length: bits - hostBits });
    cur += 1n << BigInt(hostBits);
  }
  return out;
}

export function formatCIDR(c: CIDR): string {
  return `${formatIP(c.family, c.prefix)}/${c.length}`;
}

export function cidrRange(c: CIDR): IPRange {
  const hostBits = BigInt(familyBits(c.family) - c.length);
  return { family: c.family, first: c.prefix, last: c.prefix + (1n << hostBits) - 1n };
}

export function rangesOverlap(a: IPRange, b: IPRange): boolean {
  return a.family === b.family && a.first <= b.last && b.first <= a.last;
}

export function rangeSize(r: IPRange): bigint {
  return r.last - r.first + 1n;
}

export function rangeContains(r: IPRange, family: IPFamily, value: bigint): boolean {
  return r.family === family && value >= r.first && value <= r.last;
}
