// IP addresses as the wire carries them (4 or 16 bytes) and as the rest of the speaker names them
// (canonical text: dotted quad, RFC 5952 for IPv6, the same text api/ip-ranges formats).
import ipaddr from 'ipaddr.js';
import { formatHextets, formatIPv4Number } from '../../api/ip-ranges';

/** Four bytes of a dotted-quad IPv4 address, or null. */
export function ipv4Bytes(text: string): Uint8Array | null {
  if (!ipaddr.IPv4.isValidFourPartDecimal(text)) return null;
  return Uint8Array.from(ipaddr.IPv4.parse(text).toByteArray());
}

/** Sixteen bytes of an IPv6 address (IPv4-mapped forms stay IPv6), or null. */
export function ipv6Bytes(text: string): Uint8Array | null {
  if (!text.includes(':') || !ipaddr.IPv6.isValid(text)) return null;
  return Uint8Array.from(ipaddr.IPv6.parse(text).toByteArray());
}

export function formatIPv4Bytes(b: Uint8Array): string {
  return formatIPv4Number(((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0);
}

export function formatIPv6Bytes(b: Uint8Array): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((b[i]! << 8) | b[i + 1]!);
  return formatHextets(groups);
}

/** Canonical text of an IPv4 or IPv6 address, or null when it is neither. */
export function canonicalIP(text: string): string | null {
  const v4 = ipv4Bytes(text);
  if (v4) return formatIPv4Bytes(v4);
  const v6 = ipv6Bytes(text);
  return v6 ? formatIPv6Bytes(v6) : null;
}

/** A set of owned addresses keyed by canonical text; entries that are not IPs are dropped. */
export function ownedIPSet(ips: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const ip of ips) {
    const c = canonicalIP(ip);
    if (c) out.add(c);
  }
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
