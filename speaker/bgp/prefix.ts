// NLRI prefixes on the wire: length-prefixed octets (RFC 4271 §4.3 for IPv4, RFC 4760 §5 for the
// other families). The textual model (canonical strings) is api/announce/prefix.ts.
import { formatPrefix, maskBytes, parsePrefix, type Family } from '../../api/announce/prefix';
import type { ByteWriter } from './bytes';

export {
  addressBytes,
  canonicalPrefix,
  familyOfAddress,
  formatAddress,
  formatPrefix,
  parsePrefix,
  prefixFamily,
  prefixOf,
  type Family,
  type ParsedPrefix,
} from '../../api/announce/prefix';

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
