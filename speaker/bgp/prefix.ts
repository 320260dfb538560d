// Addresses and NLRI prefixes: canonical strings in the model, length-prefixed octets on the wire
// (RFC 4271 §4.3 for IPv4, RFC 4760 §5 for the other families).
import ipaddr from 'ipaddr.js';
import type { ByteWriter } from './bytes';

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
  if (addressBytes(4, s)) return 4;
  if (addressBytes(6, s)) return 6;
  return undefined;
}

export interface ParsedPrefix {
  family: Family;
  /** Full-width address octets with host bits cleared. */
  bytes: Uint8Array;
  length: number;
}

function maskBytes(bytes: Uint8Array, length: number): Uint8Array {
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
  return canonicalPrefix(`${ip}/${length}`);
}

export function prefixFamily(s: string): Family | undefined {
  return parsePrefix(s)?.family;
}

/** Append prefixes in NLRI encoding. Throws on an invalid or wrong-family prefix (a caller bug). */
export function writePrefixes(w: ByteWriter, family: Family, prefixes: readonly string[]): void {
  for (const s of prefixes) {
    const p = parsePrefix(s);
    if (!p || p.family !== family) throw new Error(`not an IPv${family} prefix: ${s}`);
    w.u8(p.length);
    w.bytes(p.bytes.subarray(0, Math.ceil(p.length / 8)));
  }
}

export function prefixWireLength(s: string): number {
  const p = parsePrefix(s);
  if (!p) throw new Error(`not a prefix: ${s}`);
  return 1 + Math.ceil(p.length / 8);
}

/** Decode an NLRI field; undefined when a length exceeds the family width or overruns the field. */
export function readPrefixes(b: Uint8Array, family: Family): string[] | undefined {
  const width = family === 4 ? 4 : 16;
  const out: string[] = [];
  let at = 0;
  while (at < b.length) {
    const length = b[at++] ?? 0;
    if (length > width * 8) return undefined;
    const n = Math.ceil(length / 8);
    if (at + n > b.length) return undefined;
    const bytes = new Uint8Array(width);
    bytes.set(b.subarray(at, at + n));
    at += n;
    out.push(formatPrefix({ family, bytes: maskBytes(bytes, length), length }));
  }
  return out;
}
