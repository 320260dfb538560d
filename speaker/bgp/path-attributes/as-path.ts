// AS_PATH and AS4_PATH (RFC 4271 §4.3, RFC 6793): segments of a kind and up to 255 ASNs, each of
// 2 or 4 octets as negotiated; AS4_PATH always carries 4-octet ASNs.
import { AS_TRANS, AsPathSegmentType, UpdateSubcode } from '../constants';
import { ByteWriter, readU16, readU32 } from '../bytes';
import type { AsPathSegment, AsPathSegmentKind, PathAttributes } from '../types';
import { attrError, type AttributeInput, type AttributeOutcome } from './decoder';

const SEGMENT_CODES: Record<AsPathSegmentKind, number> = {
  set: AsPathSegmentType.Set,
  sequence: AsPathSegmentType.Sequence,
  confedSequence: AsPathSegmentType.ConfedSequence,
  confedSet: AsPathSegmentType.ConfedSet,
};
const SEGMENT_KINDS: Record<number, AsPathSegmentKind> = {
  1: 'set',
  2: 'sequence',
  3: 'confedSequence',
  4: 'confedSet',
};
const MAX_SEGMENT_ASNS = 255;

/** An ASN in 2 octets: the ones that need 4 become AS_TRANS (RFC 6793 §4.2.2). */
export function twoOctetAsn(asn: number): number {
  return asn > 0xffff ? AS_TRANS : asn;
}

export function encodeAsPath(segments: readonly AsPathSegment[], fourOctet: boolean): Uint8Array {
  const w = new ByteWriter();
  for (const seg of segments) {
    // A segment holds at most 255 ASNs; longer ones continue in further segments of the same kind.
    for (let i = 0; i < seg.asns.length || (i === 0 && seg.asns.length === 0); i += MAX_SEGMENT_ASNS) {
      const chunk = seg.asns.slice(i, i + MAX_SEGMENT_ASNS);
      w.u8(SEGMENT_CODES[seg.kind]).u8(chunk.length);
      for (const asn of chunk) {
        if (fourOctet) w.u32(asn);
        else w.u16(twoOctetAsn(asn));
      }
      if (seg.asns.length === 0) break;
    }
  }
  return w.finish();
}

/** The segments, or undefined when the octets are not a well-formed path (RFC 7606 §7.2). */
export function parseAsPath(v: Uint8Array, fourOctet: boolean): AsPathSegment[] | undefined {
  const size = fourOctet ? 4 : 2;
  const segments: AsPathSegment[] = [];
  let at = 0;
  while (at < v.length) {
    if (at + 2 > v.length) return undefined; // a lone trailing octet
    const kind = SEGMENT_KINDS[v[at] ?? 0];
    const count = v[at + 1] ?? 0;
    if (!kind || count === 0) return undefined;
    at += 2;
    if (at + count * size > v.length) return undefined;
    const asns: number[] = [];
    for (let i = 0; i < count; i++, at += size) asns.push(fourOctet ? readU32(v, at) : readU16(v, at));
    segments.push({ kind, asns });
  }
  return segments;
}

// A malformed path quotes nothing: RFC 4271 §6.3 sends Malformed AS_PATH with empty data.

export function decodeAsPath(a: AttributeInput): AttributeOutcome {
  const asPath = parseAsPath(a.value, a.ctx.fourOctetAs);
  if (!asPath)
    return attrError('withdraw', UpdateSubcode.MalformedAsPath, new Uint8Array(0), 'malformed AS_PATH');
  return { asPath };
}

/** AS4_PATH only supplements AS_PATH, so a broken one is dropped rather than the routes (RFC 6793 §6). */
export function decodeAs4Path(a: AttributeInput): AttributeOutcome {
  const as4Path = parseAsPath(a.value, true);
  if (!as4Path)
    return attrError('discard', UpdateSubcode.MalformedAsPath, new Uint8Array(0), 'malformed AS4_PATH');
  return { as4Path };
}

/**
 * The AS4_PATH to send beside a 2-octet AS_PATH (RFC 6793 §4.2.2): the one given, or the path
 * itself when AS_TRANS hid some of its ASNs. Confederation segments never leave the confederation.
 */
export function as4PathToSend(a: PathAttributes, fourOctetAs: boolean): AsPathSegment[] | undefined {
  if (fourOctetAs) return undefined;
  if (a.as4Path) return a.as4Path;
  if (!a.asPath?.some((s) => s.asns.some((n) => n > 0xffff))) return undefined;
  return a.asPath.filter((s) => s.kind === 'set' || s.kind === 'sequence');
}
