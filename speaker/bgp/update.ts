// UPDATE message body (RFC 4271 §4.3) and its path attributes: ORIGIN, AS_PATH (2- or 4-octet,
// RFC 6793), NEXT_HOP, MULTI_EXIT_DISC, LOCAL_PREF, ATOMIC_AGGREGATE, AGGREGATOR, COMMUNITIES
// (RFC 1997), MP_REACH_NLRI / MP_UNREACH_NLRI (RFC 4760, RFC 2545), AS4_PATH / AS4_AGGREGATOR,
// LARGE_COMMUNITY (RFC 8092); anything else optional is kept raw. Decoding follows RFC 4271 §6.3
// as revised by RFC 7606: session reset, treat-as-withdraw or attribute discard per attribute.
import {
  Afi,
  AS_TRANS,
  AsPathSegmentType,
  AttrFlag,
  AttrType,
  ErrorCode,
  Safi,
  UpdateSubcode,
} from './constants';
import { ByteWriter, readU16, readU32 } from './bytes';
import { decodeError, notification } from './notification';
import { addressBytes, formatAddress, readPrefixes, writePrefixes, type Family } from './prefix';
import type {
  Aggregator,
  AsPathSegment,
  AsPathSegmentKind,
  CodecContext,
  DecodeError,
  MpReach,
  MpUnreach,
  PathAttributes,
  RawAttribute,
  UpdateErrorNote,
  UpdateMessage,
} from './types';

const WELL_KNOWN = AttrFlag.Transitive;
const OPTIONAL_TRANSITIVE = AttrFlag.Optional | AttrFlag.Transitive;
const OPTIONAL_NON_TRANSITIVE = AttrFlag.Optional;

/** The Optional and Transitive bits each recognised attribute must carry. */
const EXPECTED_FLAGS: Record<number, number> = {
  [AttrType.Origin]: WELL_KNOWN,
  [AttrType.AsPath]: WELL_KNOWN,
  [AttrType.NextHop]: WELL_KNOWN,
  [AttrType.Med]: OPTIONAL_NON_TRANSITIVE,
  [AttrType.LocalPref]: WELL_KNOWN,
  [AttrType.AtomicAggregate]: WELL_KNOWN,
  [AttrType.Aggregator]: OPTIONAL_TRANSITIVE,
  [AttrType.Communities]: OPTIONAL_TRANSITIVE,
  [AttrType.MpReachNlri]: OPTIONAL_NON_TRANSITIVE,
  [AttrType.MpUnreachNlri]: OPTIONAL_NON_TRANSITIVE,
  [AttrType.As4Path]: OPTIONAL_TRANSITIVE,
  [AttrType.As4Aggregator]: OPTIONAL_TRANSITIVE,
  [AttrType.LargeCommunity]: OPTIONAL_TRANSITIVE,
};

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

// ---------------------------------------------------------------------------------------------
// Encoding

function familyOfAfi(afi: number): Family | undefined {
  return afi === Afi.IPv4 ? 4 : afi === Afi.IPv6 ? 6 : undefined;
}

function encodeAsPath(segments: readonly AsPathSegment[], fourOctet: boolean): Uint8Array {
  const w = new ByteWriter();
  for (const seg of segments) {
    // A segment holds at most 255 ASNs; longer ones continue in further segments of the same kind.
    for (let i = 0; i < seg.asns.length || (i === 0 && seg.asns.length === 0); i += 255) {
      const chunk = seg.asns.slice(i, i + 255);
      w.u8(SEGMENT_CODES[seg.kind]).u8(chunk.length);
      for (const asn of chunk) {
        if (fourOctet) w.u32(asn);
        else w.u16(asn > 0xffff ? AS_TRANS : asn);
      }
      if (seg.asns.length === 0) break;
    }
  }
  return w.finish();
}

function encodeAggregator(a: Aggregator, fourOctet: boolean): Uint8Array {
  const w = new ByteWriter();
  if (fourOctet) w.u32(a.asn);
  else w.u16(a.asn > 0xffff ? AS_TRANS : a.asn);
  return w.bytes(ipv4(a.address)).finish();
}

function ipv4(s: string): Uint8Array {
  const b = addressBytes(4, s);
  if (!b) throw new Error(`not an IPv4 address: ${s}`);
  return b;
}

function encodeMpReach(m: MpReach): Uint8Array {
  const w = new ByteWriter().u16(m.afi).u8(m.safi);
  const family = familyOfAfi(m.afi);
  if (m.raw || !family || m.safi !== Safi.Unicast) {
    if (!m.raw) throw new Error(`MP_REACH_NLRI for AFI ${m.afi} SAFI ${m.safi} needs raw`);
    return Uint8Array.from(m.raw);
  }
  const hops = m.nextHops.map((h) => {
    const b = addressBytes(4, h) ?? addressBytes(6, h);
    if (!b) throw new Error(`bad next hop ${h}`);
    return b;
  });
  w.u8(hops.reduce((n, h) => n + h.length, 0));
  for (const h of hops) w.bytes(h);
  w.u8(0); // reserved
  writePrefixes(w, family, m.nlri);
  return w.finish();
}

function encodeMpUnreach(m: MpUnreach): Uint8Array {
  if (m.raw) return Uint8Array.from(m.raw);
  const family = familyOfAfi(m.afi);
  if (!family) throw new Error(`MP_UNREACH_NLRI for AFI ${m.afi} needs raw`);
  const w = new ByteWriter().u16(m.afi).u8(m.safi);
  writePrefixes(w, family, m.withdrawn);
  return w.finish();
}

/** Encode path attributes in type-code order. Without 4-octet AS support, AS4_PATH is added as RFC 6793 asks. */
export function encodeAttributes(a: PathAttributes, ctx: CodecContext): Uint8Array {
  const list: { flags: number; type: number; value: Uint8Array }[] = [];
  const add = (flags: number, type: number, value: Uint8Array) => list.push({ flags, type, value });
  if (a.origin !== undefined) add(WELL_KNOWN, AttrType.Origin, Uint8Array.of(a.origin));
  if (a.asPath !== undefined) add(WELL_KNOWN, AttrType.AsPath, encodeAsPath(a.asPath, ctx.fourOctetAs));
  if (a.nextHop !== undefined) add(WELL_KNOWN, AttrType.NextHop, ipv4(a.nextHop));
  if (a.med !== undefined) add(OPTIONAL_NON_TRANSITIVE, AttrType.Med, new ByteWriter().u32(a.med).finish());
  if (a.localPref !== undefined)
    add(WELL_KNOWN, AttrType.LocalPref, new ByteWriter().u32(a.localPref).finish());
  if (a.atomicAggregate) add(WELL_KNOWN, AttrType.AtomicAggregate, new Uint8Array(0));
  if (a.aggregator)
    add(OPTIONAL_TRANSITIVE, AttrType.Aggregator, encodeAggregator(a.aggregator, ctx.fourOctetAs));
  if (a.communities !== undefined) {
    const w = new ByteWriter();
    for (const c of a.communities) w.u32(c);
    add(OPTIONAL_TRANSITIVE, AttrType.Communities, w.finish());
  }
  if (a.mpReach) add(OPTIONAL_NON_TRANSITIVE, AttrType.MpReachNlri, encodeMpReach(a.mpReach));
  if (a.mpUnreach) add(OPTIONAL_NON_TRANSITIVE, AttrType.MpUnreachNlri, encodeMpUnreach(a.mpUnreach));
  let as4Path = a.as4Path;
  if (!ctx.fourOctetAs && !as4Path && a.asPath?.some((s) => s.asns.some((n) => n > 0xffff))) {
    as4Path = a.asPath.filter((s) => s.kind === 'set' || s.kind === 'sequence');
  }
  if (as4Path && !ctx.fourOctetAs) add(OPTIONAL_TRANSITIVE, AttrType.As4Path, encodeAsPath(as4Path, true));
  let as4Aggregator = a.as4Aggregator;
  if (!ctx.fourOctetAs && !as4Aggregator && a.aggregator && a.aggregator.asn > 0xffff)
    as4Aggregator = a.aggregator;
  if (as4Aggregator && !ctx.fourOctetAs) {
    add(OPTIONAL_TRANSITIVE, AttrType.As4Aggregator, encodeAggregator(as4Aggregator, true));
  }
  if (a.largeCommunities !== undefined) {
    const w = new ByteWriter();
    for (const c of a.largeCommunities) w.u32(c.global).u32(c.local1).u32(c.local2);
    add(OPTIONAL_TRANSITIVE, AttrType.LargeCommunity, w.finish());
  }
  for (const u of a.unknown ?? []) add(u.flags & ~AttrFlag.ExtendedLength, u.type, u.value);
  list.sort((x, y) => x.type - y.type);
  const w = new ByteWriter();
  for (const { flags, type, value } of list) {
    if (value.length > 0xffff) throw new Error(`attribute ${type} longer than 65535 octets`);
    if (value.length > 255)
      w.u8(flags | AttrFlag.ExtendedLength)
        .u8(type)
        .u16(value.length);
    else
      w.u8(flags & ~AttrFlag.ExtendedLength)
        .u8(type)
        .u8(value.length);
    w.bytes(value);
  }
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

type Severity = 'discard' | 'withdraw' | 'reset';
interface AttrError {
  severity: Severity;
  note: UpdateErrorNote;
}

function attrError(severity: Severity, subcode: number, data: Uint8Array, reason: string): AttrError {
  return { severity, note: { notification: notification(ErrorCode.UpdateMessage, subcode, data), reason } };
}

function parseAsPath(v: Uint8Array, fourOctet: boolean): AsPathSegment[] | undefined {
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

function parseAggregator(v: Uint8Array, fourOctet: boolean): Aggregator | undefined {
  if (v.length !== (fourOctet ? 8 : 6)) return undefined;
  return fourOctet
    ? { asn: readU32(v, 0), address: formatAddress(v.subarray(4, 8)) }
    : { asn: readU16(v, 0), address: formatAddress(v.subarray(2, 6)) };
}

/** A NEXT_HOP that can never be a unicast host: 0.0.0.0, multicast, class E, broadcast. */
function nextHopSyntaxBad(v: Uint8Array): boolean {
  const first = v[0] ?? 0;
  return readU32(v, 0) === 0 || first >= 224;
}

function parseMpReach(v: Uint8Array, attr: Uint8Array): MpReach | AttrError {
  const bad = (reason: string) => attrError('reset', UpdateSubcode.OptionalAttributeError, attr, reason);
  if (v.length < 5) return bad('MP_REACH_NLRI too short');
  const afi = readU16(v, 0);
  const safi = v[2] ?? 0;
  const nhLen = v[3] ?? 0;
  if (4 + nhLen + 1 > v.length) return bad('MP_REACH_NLRI next hop overruns the attribute');
  const family = familyOfAfi(afi);
  if (!family || safi !== Safi.Unicast) return { afi, safi, nextHops: [], nlri: [], raw: Uint8Array.from(v) };
  const nh = v.subarray(4, 4 + nhLen);
  const allowed = family === 6 ? [16, 32] : [4, 16, 32];
  if (!allowed.includes(nhLen)) return bad(`MP_REACH_NLRI next hop length ${nhLen} for AFI ${afi}`);
  const nextHops: string[] =
    nhLen === 4
      ? [formatAddress(nh)]
      : nhLen === 16
        ? [formatAddress(nh)]
        : [formatAddress(nh.subarray(0, 16)), formatAddress(nh.subarray(16))];
  const nlri = readPrefixes(v.subarray(4 + nhLen + 1), family);
  if (!nlri) return bad('MP_REACH_NLRI prefixes are malformed');
  return { afi, safi, nextHops, nlri };
}

function parseMpUnreach(v: Uint8Array, attr: Uint8Array): MpUnreach | AttrError {
  const bad = (reason: string) => attrError('reset', UpdateSubcode.OptionalAttributeError, attr, reason);
  if (v.length < 3) return bad('MP_UNREACH_NLRI too short');
  const afi = readU16(v, 0);
  const safi = v[2] ?? 0;
  const family = familyOfAfi(afi);
  if (!family || safi !== Safi.Unicast) return { afi, safi, withdrawn: [], raw: Uint8Array.from(v) };
  const withdrawn = readPrefixes(v.subarray(3), family);
  if (!withdrawn) return bad('MP_UNREACH_NLRI prefixes are malformed');
  return { afi, safi, withdrawn };
}

function isAttrError(x: object): x is AttrError {
  return 'severity' in x;
}

const SEVERITY_RANK: Record<Severity, number> = { discard: 0, withdraw: 1, reset: 2 };

/** Decode an UPDATE body (the octets after the header). */
export function decodeUpdateBody(
  body: Uint8Array,
  ctx: CodecContext & { ebgp?: boolean },
): { ok: true; message: UpdateMessage } | { ok: false; error: DecodeError } {
  const malformedList = (reason: string) => ({
    ok: false as const,
    error: decodeError(
      ErrorCode.UpdateMessage,
      UpdateSubcode.MalformedAttributeList,
      new Uint8Array(0),
      reason,
    ),
  });
  const invalidNetwork = (reason: string) => ({
    ok: false as const,
    error: decodeError(ErrorCode.UpdateMessage, UpdateSubcode.InvalidNetworkField, new Uint8Array(0), reason),
  });
  if (body.length < 4) return malformedList('UPDATE shorter than its length fields');
  const wLen = readU16(body, 0);
  if (2 + wLen + 2 > body.length) return malformedList('withdrawn routes length exceeds the message');
  const aLen = readU16(body, 2 + wLen);
  const aStart = 4 + wLen;
  if (aStart + aLen > body.length) return malformedList('total path attribute length exceeds the message');
  const withdrawn = readPrefixes(body.subarray(2, 2 + wLen), 4);
  if (!withdrawn) return invalidNetwork('withdrawn routes are malformed');
  const nlri = readPrefixes(body.subarray(aStart + aLen), 4);
  if (!nlri) return invalidNetwork('NLRI is malformed');

  const attributes: PathAttributes = {};
  const unknown: RawAttribute[] = [];
  const discarded: number[] = [];
  const seen = new Set<number>();
  let worst: AttrError | undefined;
  const record = (e: AttrError, type: number) => {
    if (e.severity === 'discard') discarded.push(type);
    if (!worst || SEVERITY_RANK[e.severity] > SEVERITY_RANK[worst.severity]) worst = e;
  };

  const attrs = body.subarray(aStart, aStart + aLen);
  let at = 0;
  while (at < attrs.length) {
    const flags = attrs[at] ?? 0;
    const ext = (flags & AttrFlag.ExtendedLength) !== 0;
    const headLen = ext ? 4 : 3;
    if (at + headLen > attrs.length) {
      record(
        attrError(
          'withdraw',
          UpdateSubcode.MalformedAttributeList,
          new Uint8Array(0),
          'truncated attribute header',
        ),
        0,
      );
      break;
    }
    const type = attrs[at + 1] ?? 0;
    const len = ext ? readU16(attrs, at + 2) : (attrs[at + 2] ?? 0);
    if (at + headLen + len > attrs.length) {
      record(
        attrError(
          'withdraw',
          UpdateSubcode.MalformedAttributeList,
          new Uint8Array(0),
          `attribute ${type} overruns the attribute list`,
        ),
        type,
      );
      break;
    }
    const whole = attrs.subarray(at, at + headLen + len);
    const v = attrs.subarray(at + headLen, at + headLen + len);
    at += headLen + len;

    if (seen.has(type)) {
      if (type === AttrType.MpReachNlri || type === AttrType.MpUnreachNlri) {
        return malformedList(`attribute ${type} appears twice`);
      }
      continue; // RFC 7606 §3(g): later copies are discarded
    }
    seen.add(type);

    const expected = EXPECTED_FLAGS[type];
    if (expected === undefined) {
      if ((flags & AttrFlag.Optional) === 0) {
        return {
          ok: false,
          error: decodeError(
            ErrorCode.UpdateMessage,
            UpdateSubcode.UnrecognizedWellKnownAttribute,
            Uint8Array.from(whole),
            `unrecognised well-known attribute ${type}`,
          ),
        };
      }
      unknown.push({ flags: flags & ~AttrFlag.ExtendedLength, type, value: Uint8Array.from(v) });
      continue;
    }
    if ((flags & (AttrFlag.Optional | AttrFlag.Transitive)) !== expected) {
      const sev: Severity =
        type === AttrType.MpReachNlri || type === AttrType.MpUnreachNlri
          ? 'reset'
          : type === AttrType.As4Path || type === AttrType.As4Aggregator
            ? 'discard'
            : 'withdraw';
      const e = attrError(
        sev,
        UpdateSubcode.AttributeFlagsError,
        Uint8Array.from(whole),
        `attribute ${type} flags 0x${flags.toString(16)}`,
      );
      if (sev === 'reset') return { ok: false, error: e.note };
      record(e, type);
      continue;
    }
    const lengthError = (reason: string) =>
      record(attrError('withdraw', UpdateSubcode.AttributeLengthError, Uint8Array.from(whole), reason), type);

    switch (type) {
      case AttrType.Origin:
        if (len !== 1) lengthError(`ORIGIN length ${len}`);
        else if ((v[0] ?? 0) > 2) {
          record(
            attrError(
              'withdraw',
              UpdateSubcode.InvalidOrigin,
              Uint8Array.from(whole),
              `ORIGIN value ${v[0]}`,
            ),
            type,
          );
        } else attributes.origin = v[0] as 0 | 1 | 2;
        break;
      case AttrType.AsPath: {
        const path = parseAsPath(v, ctx.fourOctetAs);
        if (!path)
          record(
            attrError('withdraw', UpdateSubcode.MalformedAsPath, new Uint8Array(0), 'malformed AS_PATH'),
            type,
          );
        else attributes.asPath = path;
        break;
      }
      case AttrType.NextHop:
        if (len !== 4) lengthError(`NEXT_HOP length ${len}`);
        else if (nextHopSyntaxBad(v)) {
          record(
            attrError(
              'withdraw',
              UpdateSubcode.InvalidNextHop,
              Uint8Array.from(whole),
              `NEXT_HOP ${formatAddress(v)}`,
            ),
            type,
          );
        } else attributes.nextHop = formatAddress(v);
        break;
      case AttrType.Med:
        if (len !== 4) lengthError(`MULTI_EXIT_DISC length ${len}`);
        else attributes.med = readU32(v, 0);
        break;
      case AttrType.LocalPref:
        if (ctx.ebgp) {
          record(
            attrError(
              'discard',
              UpdateSubcode.AttributeLengthError,
              Uint8Array.from(whole),
              'LOCAL_PREF from an external peer',
            ),
            type,
          );
        } else if (len !== 4) lengthError(`LOCAL_PREF length ${len}`);
        else attributes.localPref = readU32(v, 0);
        break;
      case AttrType.AtomicAggregate:
        if (len !== 0) {
          record(
            attrError(
              'discard',
              UpdateSubcode.AttributeLengthError,
              Uint8Array.from(whole),
              `ATOMIC_AGGREGATE length ${len}`,
            ),
            type,
          );
        } else attributes.atomicAggregate = true;
        break;
      case AttrType.Aggregator: {
        const agg = parseAggregator(v, ctx.fourOctetAs);
        if (!agg)
          record(
            attrError(
              'discard',
              UpdateSubcode.AttributeLengthError,
              Uint8Array.from(whole),
              `AGGREGATOR length ${len}`,
            ),
            type,
          );
        else attributes.aggregator = agg;
        break;
      }
      case AttrType.Communities:
        if (len === 0 || len % 4 !== 0) {
          record(
            attrError(
              'withdraw',
              UpdateSubcode.OptionalAttributeError,
              Uint8Array.from(whole),
              `COMMUNITIES length ${len}`,
            ),
            type,
          );
        } else {
          attributes.communities = [];
          for (let i = 0; i < len; i += 4) attributes.communities.push(readU32(v, i));
        }
        break;
      case AttrType.LargeCommunity:
        if (len === 0 || len % 12 !== 0) {
          record(
            attrError(
              'withdraw',
              UpdateSubcode.OptionalAttributeError,
              Uint8Array.from(whole),
              `LARGE_COMMUNITY length ${len}`,
            ),
            type,
          );
        } else {
          attributes.largeCommunities = [];
          for (let i = 0; i < len; i += 12) {
            attributes.largeCommunities.push({
              global: readU32(v, i),
              local1: readU32(v, i + 4),
              local2: readU32(v, i + 8),
            });
          }
        }
        break;
      case AttrType.MpReachNlri: {
        const r = parseMpReach(v, Uint8Array.from(whole));
        if (isAttrError(r)) return { ok: false, error: r.note };
        attributes.mpReach = r;
        break;
      }
      case AttrType.MpUnreachNlri: {
        const r = parseMpUnreach(v, Uint8Array.from(whole));
        if (isAttrError(r)) return { ok: false, error: r.note };
        attributes.mpUnreach = r;
        break;
      }
      case AttrType.As4Path: {
        const path = parseAsPath(v, true);
        if (!path)
          record(
            attrError('discard', UpdateSubcode.MalformedAsPath, new Uint8Array(0), 'malformed AS4_PATH'),
            type,
          );
        else attributes.as4Path = path;
        break;
      }
      case AttrType.As4Aggregator: {
        const agg = parseAggregator(v, true);
        if (!agg)
          record(
            attrError(
              'discard',
              UpdateSubcode.AttributeLengthError,
              Uint8Array.from(whole),
              `AS4_AGGREGATOR length ${len}`,
            ),
            type,
          );
        else attributes.as4Aggregator = agg;
        break;
      }
    }
  }
  if (unknown.length > 0) attributes.unknown = unknown;

  // Well-known mandatory attributes, needed only when the UPDATE announces something (RFC 7606 §3(d)).
  if (!worst || worst.severity === 'discard') {
    const announcesV4 = nlri.length > 0;
    const announcesMp = (attributes.mpReach?.nlri.length ?? 0) > 0 || attributes.mpReach?.raw !== undefined;
    if (announcesV4 || announcesMp) {
      const required = [AttrType.Origin, AttrType.AsPath, ...(announcesV4 ? [AttrType.NextHop] : [])];
      const missing = required.find((t) => !seen.has(t));
      if (missing !== undefined) {
        record(
          attrError(
            'withdraw',
            UpdateSubcode.MissingWellKnownAttribute,
            Uint8Array.of(missing),
            `missing well-known attribute ${missing}`,
          ),
          missing,
        );
      }
    }
  }

  const message: UpdateMessage = { type: 'update', withdrawn, attributes, nlri };
  const w = worst as AttrError | undefined;
  if (w?.severity === 'withdraw') message.treatAsWithdraw = w.note;
  if (discarded.length > 0) message.discarded = discarded;
  return { ok: true, message };
}
