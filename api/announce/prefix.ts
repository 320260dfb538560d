// Addresses and prefixes as canonical strings (the BGP codec's wire encoding of them stays in
// speaker/bgp/prefix.ts). Pure, shared by the speaker and the backend's explanations.
import ipaddr from 'ipaddr.js';

export type Family = 4 | 6;

export function addressBytes(family: 4, s: string): Uint8Array | undefined;
export function addressBytes(family: 6, s: string): Uint8Array | undefined;
export function addressBytes(family: Family, s: string): Uint8Array | undefined;
/** Octets of a textual address of the given family, or undefined when it is not one. */
export function addressBytes(family: Family, s: string): Uint8Array | undefined {
  if (family === 4) {
    if (!ipaddr.IPv4.isValidFourPartDecimal(s)) return undefined;
    return Uint8Array.from(ipaddr.IPv4.parse(s).toByteArray());
  }
  if (!s.includes(':') || !ipaddr.IPv6.isValid(s) || s.includes('%')) return undefined;
  return Uint8Array.from(ipaddr.IPv6.parse(s).toByteArray());
}

export function formatAddress(bytes: Uint8Array): string {
  if (bytes.length === 4) return Array.from(bytes).join('.');
  return ipaddr.fromByteArray(Array.from(bytes)).toString();
}

export function familyOfAddress(s: string): Family | undefined {
  return remembered(families, s, () => (addressBytes(4, s) ? 4 : addressBytes(6, s) ? 6 : undefined));
}

// The speaker asks the same questions about the same IPs on every pass (10,000 Services: 10,000
// parses each); the answers never change, so they are remembered, up to a bound.
const MEMO_LIMIT = 100_000;
const families = new Map<string, Family | undefined>();
const prefixes = new Map<number, Map<string, string | undefined>>();

function remembered<V>(memo: Map<string, V>, key: string, compute: () => V): V {
  const known = memo.get(key);
  if (known !== undefined || memo.has(key)) return known as V;
  if (memo.size >= MEMO_LIMIT) memo.clear();
  const v = compute();
  memo.set(key, v);
  return v;
}

export interface ParsedPrefix {
  family: Family;
  /** Full-width address octets with host bits cleared. */
  bytes: Uint8Array;
  length: number;
}

/** The octets with every bit past `length` cleared. */
export function maskBytes(bytes: Uint8Array, length: number): Uint8Array {
  const out = Uint8Array.from(bytes);
  for (let i = 0; i < out.length; i++) {
    const keep = Math.max(0, Math.min(8, length - i * 8));
    out[i] = (out[i] ?? 0) & ((0xff << (8 - keep)) & 0xff);
  }
  return out;
}

/** Parse "a.b.c.d/n" or "x::/n"; host bits are cleared. */
export function parsePrefix(s: string): ParsedPrefix | undefined {
  const slash = s.indexOf('/');
  if (slash < 0) return undefined;
  const addr = s.slice(0, slash);
  const lenText = s.slice(slash + 1);
  if (!/^\d{1,3}$/.test(lenText)) return undefined;
  const length = Number(lenText);
  const family = familyOfAddress(addr);
  if (!family) return undefined;
  if (length > (family === 4 ? 32 : 128)) return undefined;
  const bytes = addressBytes(family, addr);
  if (!bytes) return undefined;
  return { family, bytes: maskBytes(bytes, length), length };
}

export function formatPrefix(p: ParsedPrefix): string {
  return `${formatAddress(p.bytes)}/${p.length}`;
}

/** Canonical form of a prefix string (host bits cleared, compressed IPv6), or undefined if invalid. */
export function canonicalPrefix(s: string): string | undefined {
  const p = parsePrefix(s);
  return p && formatPrefix(p);
}

/** The prefix of length `length` containing address `ip` (aggregation: ip.Mask(/n)). */
export function prefixOf(ip: string, length: number): string | undefined {
  // By length, then by the IP itself: the Service's own string, whose hash V8 has already computed
  // (a `${ip}/${length}` key would be a new string to hash on every call).
  let byIP = prefixes.get(length);
  if (!byIP) prefixes.set(length, (byIP = new Map()));
  return remembered(byIP, ip, () => canonicalPrefix(`${ip}/${length}`));
}

export function prefixFamily(s: string): Family | undefined {
  return parsePrefix(s)?.family;
}
