// UPDATE message body (RFC 4271 §4.3): withdrawn routes, the path attribute list, NLRI. The
// attributes themselves live in path-attributes/, one module per attribute (or small family of
// them) and a table keyed by type code; here are the body's framing, the attribute list encoder
// and the forwarding rule. Decoding follows RFC 4271 §6.3 as revised by RFC 7606: session reset,
// treat-as-withdraw or attribute discard per attribute.
import { ByteWriter, readU16 } from './bytes';
import { AttrFlag, AttrType, ErrorCode, UpdateSubcode } from './constants';
import { decodeError } from './notification';
import { encodeAggregator, as4AggregatorToSend } from './path-attributes/aggregation';
import { decodeAttributeList } from './path-attributes/attribute-list';
import { as4PathToSend, encodeAsPath } from './path-attributes/as-path';
import { encodeCommunities, encodeLargeCommunities } from './path-attributes/communities';
import type { UpdateDecodeContext } from './path-attributes/decoder';
import { encodeMpReach, encodeMpUnreach } from './path-attributes/multiprotocol';
import { ipv4 } from './path-attributes/next-hop';
import { encodeOrigin } from './path-attributes/origin';
import { encodeMetric } from './path-attributes/preference';
import { flagsOf } from './path-attributes/table';
import { readPrefixes, writePrefixes } from './prefix';
import type { CodecContext, DecodeError, PathAttributes, UpdateMessage } from './types';

// ---------------------------------------------------------------------------------------------
// Encoding

interface EncodedAttribute {
  flags: number;
  type: number;
  value: Uint8Array;
}

const MAX_SHORT_LENGTH = 255;
const MAX_EXTENDED_LENGTH = 0xffff;

/** The value octets of each recognised attribute present in `a`, with the flags it goes with. */
function recognisedAttributes(a: PathAttributes, ctx: CodecContext): EncodedAttribute[] {
  const values: [number, Uint8Array | undefined][] = [
    [AttrType.Origin, a.origin !== undefined ? encodeOrigin(a.origin) : undefined],
    [AttrType.AsPath, a.asPath && encodeAsPath(a.asPath, ctx.fourOctetAs)],
    [AttrType.NextHop, a.nextHop !== undefined ? ipv4(a.nextHop) : undefined],
    [AttrType.Med, a.med !== undefined ? encodeMetric(a.med) : undefined],
    [AttrType.LocalPref, a.localPref !== undefined ? encodeMetric(a.localPref) : undefined],
    [AttrType.AtomicAggregate, a.atomicAggregate ? new Uint8Array(0) : undefined],
    [AttrType.Aggregator, a.aggregator && encodeAggregator(a.aggregator, ctx.fourOctetAs)],
    [AttrType.Communities, a.communities && encodeCommunities(a.communities)],
    [AttrType.MpReachNlri, a.mpReach && encodeMpReach(a.mpReach)],
    [AttrType.MpUnreachNlri, a.mpUnreach && encodeMpUnreach(a.mpUnreach)],
  ];
  // Without 4-octet AS support, ASNs above 65535 also travel in AS4_* (RFC 6793 §4.2.2).
  const as4Path = as4PathToSend(a, ctx.fourOctetAs);
  const as4Aggregator = as4AggregatorToSend(a, ctx.fourOctetAs);
  values.push(
    [AttrType.As4Path, as4Path && encodeAsPath(as4Path, true)],
    [AttrType.As4Aggregator, as4Aggregator && encodeAggregator(as4Aggregator, true)],
    [AttrType.LargeCommunity, a.largeCommunities && encodeLargeCommunities(a.largeCommunities)],
  );
  return values.flatMap(([type, value]) => (value ? [{ flags: flagsOf(type), type, value }] : []));
}

/** Header (with Extended Length when the value needs it) and value of one attribute. */
function writeAttribute(w: ByteWriter, { flags, type, value }: EncodedAttribute): void {
  if (value.length > MAX_EXTENDED_LENGTH) throw new Error(`attribute ${type} longer than 65535 octets`);
  if (value.length > MAX_SHORT_LENGTH)
    w.u8(flags | AttrFlag.ExtendedLength)
      .u8(type)
      .u16(value.length);
  else
    w.u8(flags & ~AttrFlag.ExtendedLength)
      .u8(type)
      .u8(value.length);
  w.bytes(value);
}

/** Encode path attributes in type-code order. Without 4-octet AS support, AS4_PATH is added as RFC 6793 asks. */
export function encodeAttributes(a: PathAttributes, ctx: CodecContext): Uint8Array {
  const unknown = (a.unknown ?? []).map((u) => ({ ...u, flags: u.flags & ~AttrFlag.ExtendedLength }));
  const list = [...recognisedAttributes(a, ctx), ...unknown].sort((x, y) => x.type - y.type);
  const w = new ByteWriter();
  for (const attr of list) writeAttribute(w, attr);
  return w.finish();
}

export function encodeUpdateBody(m: UpdateMessage, ctx: CodecContext): Uint8Array {
  const withdrawn = new ByteWriter();
  writePrefixes(withdrawn, 4, m.withdrawn);
  const attrs = encodeAttributes(m.attributes, ctx);
  const w = new ByteWriter().u16(withdrawn.length).bytes(withdrawn.finish()).u16(attrs.length).bytes(attrs);
  writePrefixes(w, 4, m.nlri);
  return w.finish();
}

/**
 * Attributes as they should be passed on to another peer: unrecognised optional transitive ones get
 * the Partial bit (RFC 4271 §5), unrecognised non-transitive ones are dropped.
 */
export function attributesForForwarding(a: PathAttributes): PathAttributes {
  const unknown = (a.unknown ?? [])
    .filter((u) => (u.flags & AttrFlag.Transitive) !== 0)
    .map((u) => ({ ...u, flags: u.flags | AttrFlag.Partial }));
  const out: PathAttributes = { ...a };
  delete out.mpReach;
  delete out.mpUnreach;
  delete out.med;
  if (unknown.length > 0) out.unknown = unknown;
  else delete out.unknown;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Decoding

type Failure = { ok: false; error: DecodeError };

function updateError(subcode: number, reason: string): Failure {
  return { ok: false, error: decodeError(ErrorCode.UpdateMessage, subcode, new Uint8Array(0), reason) };
}

/** The three parts of the body; broken framing or prefixes reset the session (RFC 7606 §5.3). */
function readSections(
  body: Uint8Array,
): { ok: true; withdrawn: string[]; attrs: Uint8Array; nlri: string[] } | Failure {
  const malformedList = (reason: string) => updateError(UpdateSubcode.MalformedAttributeList, reason);
  if (body.length < 4) return malformedList('UPDATE shorter than its length fields');
  const wLen = readU16(body, 0);
  if (2 + wLen + 2 > body.length) return malformedList('withdrawn routes length exceeds the message');
  const aLen = readU16(body, 2 + wLen);
  const aStart = 4 + wLen;
  if (aStart + aLen > body.length) return malformedList('total path attribute length exceeds the message');
  const withdrawn = readPrefixes(body.subarray(2, 2 + wLen), 4);
  if (!withdrawn) return updateError(UpdateSubcode.InvalidNetworkField, 'withdrawn routes are malformed');
  const nlri = readPrefixes(body.subarray(aStart + aLen), 4);
  if (!nlri) return updateError(UpdateSubcode.InvalidNetworkField, 'NLRI is malformed');
  return { ok: true, withdrawn, attrs: body.subarray(aStart, aStart + aLen), nlri };
}

/** Decode an UPDATE body (the octets after the header). */
export function decodeUpdateBody(
  body: Uint8Array,
  ctx: UpdateDecodeContext,
): { ok: true; message: UpdateMessage } | Failure {
  const sections = readSections(body);
  if (!sections.ok) return sections;
  const { withdrawn, attrs, nlri } = sections;
  const list = decodeAttributeList(attrs, ctx, nlri.length > 0);
  if (!list.ok) return list;
  const { attributes, errors } = list;
  const message: UpdateMessage = { type: 'update', withdrawn, attributes, nlri };
  if (errors.worst?.severity === 'withdraw') message.treatAsWithdraw = errors.worst.note;
  if (errors.discarded.length > 0) message.discarded = [...errors.discarded];
  return { ok: true, message };
}
