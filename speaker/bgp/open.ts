// OPEN message body (RFC 4271 §4.2) with capabilities (RFC 5492): multiprotocol (RFC 4760),
// route refresh (RFC 2918), graceful restart (RFC 4724, parsed only), 4-octet AS (RFC 6793); others
// are kept as unknown. Optional parameters in RFC 9072's extended format are read too.
import { BGP_VERSION, CapabilityCode, ErrorCode, OpenSubcode, OptParamType } from './constants';
import { ByteWriter, readU16, readU32, u16Bytes } from './bytes';
import { decodeError } from './notification';
import { addressBytes, formatAddress } from './prefix';
import type { Capability, DecodeError, OpenMessage } from './types';

export function encodeCapability(c: Capability): Uint8Array {
  const w = new ByteWriter();
  switch (c.kind) {
    case 'multiprotocol':
      w.u8(CapabilityCode.Multiprotocol).u8(4).u16(c.afi).u8(0).u8(c.safi);
      break;
    case 'routeRefresh':
      w.u8(CapabilityCode.RouteRefresh).u8(0);
      break;
    case 'fourOctetAs':
      w.u8(CapabilityCode.FourOctetAs).u8(4).u32(c.asn);
      break;
    case 'gracefulRestart': {
      w.u8(CapabilityCode.GracefulRestart).u8(2 + 4 * c.families.length);
      const flags = (c.restarting ? 0x8 : 0) | (c.notification ? 0x4 : 0);
      w.u16((flags << 12) | (c.restartTime & 0x0fff));
      for (const f of c.families)
        w.u16(f.afi)
          .u8(f.safi)
          .u8(f.forwardingPreserved ? 0x80 : 0);
      break;
    }
    case 'unknown':
      w.u8(c.code).u8(c.value.length).bytes(c.value);
      break;
  }
  return w.finish();
}

export function encodeOpenBody(m: OpenMessage): Uint8Array {
  const id = addressBytes(4, m.bgpId);
  if (!id) throw new Error(`BGP identifier is not an IPv4 address: ${m.bgpId}`);
  // Capabilities go into as few Capabilities parameters as fit in 255 octets each.
  const params = new ByteWriter();
  let group: Uint8Array[] = [];
  let groupLen = 0;
  const flush = () => {
    if (group.length === 0) return;
    params.u8(OptParamType.Capabilities).u8(groupLen);
    for (const c of group) params.bytes(c);
    group = [];
    groupLen = 0;
  };
  for (const cap of m.capabilities) {
    const bytes = encodeCapability(cap);
    if (bytes.length > 255) throw new Error('capability longer than 255 octets');
    if (groupLen + bytes.length > 255) flush();
    group.push(bytes);
    groupLen += bytes.length;
  }
  flush();
  if (params.length > 254) throw new Error('optional parameters longer than 254 octets');
  return new ByteWriter()
    .u8(m.version)
    .u16(m.myAsn)
    .u16(m.holdTime)
    .bytes(id)
    .u8(params.length)
    .bytes(params.finish())
    .finish();
}

type CapResult = { ok: true; caps: Capability[] } | { ok: false; error: DecodeError };

const malformed = (reason: string): { ok: false; error: DecodeError } => ({
  ok: false,
  error: decodeError(ErrorCode.OpenMessage, OpenSubcode.Unspecific, new Uint8Array(0), reason),
});

function decodeCapabilities(b: Uint8Array): CapResult {
  const caps: Capability[] = [];
  let at = 0;
  while (at < b.length) {
    if (at + 2 > b.length) return malformed('truncated capability header');
    const code = b[at] ?? 0;
    const len = b[at + 1] ?? 0;
    const v = b.subarray(at + 2, at + 2 + len);
    if (v.length !== len) return malformed(`capability ${code} overruns its parameter`);
    at += 2 + len;
    switch (code) {
      case CapabilityCode.Multiprotocol:
        if (len !== 4) return malformed(`multiprotocol capability length ${len}`);
        caps.push({ kind: 'multiprotocol', afi: readU16(v, 0), safi: v[3] ?? 0 });
        break;
      case CapabilityCode.RouteRefresh:
        if (len !== 0) return malformed(`route refresh capability length ${len}`);
        caps.push({ kind: 'routeRefresh' });
        break;
      case CapabilityCode.FourOctetAs:
        if (len !== 4) return malformed(`4-octet AS capability length ${len}`);
        caps.push({ kind: 'fourOctetAs', asn: readU32(v, 0) });
        break;
      case CapabilityCode.GracefulRestart: {
        if (len < 2 || (len - 2) % 4 !== 0) return malformed(`graceful restart capability length ${len}`);
        const head = readU16(v, 0);
        const families: { afi: number; safi: number; forwardingPreserved: boolean }[] = [];
        for (let i = 2; i < len; i += 4) {
          families.push({
            afi: readU16(v, i),
            safi: v[i + 2] ?? 0,
            forwardingPreserved: ((v[i + 3] ?? 0) & 0x80) !== 0,
          });
        }
        caps.push({
          kind: 'gracefulRestart',
          restarting: (head & 0x8000) !== 0,
          notification: (head & 0x4000) !== 0,
          restartTime: head & 0x0fff,
          families,
        });
        break;
      }
      default:
        caps.push({ kind: 'unknown', code, value: Uint8Array.from(v) });
    }
  }
  return { ok: true, caps };
}

/** Decode an OPEN body (the octets after the header); syntactic checks of RFC 4271 §6.2. */
export function decodeOpenBody(
  body: Uint8Array,
): { ok: true; message: OpenMessage } | { ok: false; error: DecodeError } {
  const version = body[0] ?? 0;
  if (version !== BGP_VERSION) {
    return {
      ok: false,
      error: decodeError(
        ErrorCode.OpenMessage,
        OpenSubcode.UnsupportedVersion,
        u16Bytes(BGP_VERSION),
        `unsupported BGP version ${version}`,
      ),
    };
  }
  const myAsn = readU16(body, 1);
  const holdTime = readU16(body, 3);
  if (holdTime === 1 || holdTime === 2) {
    return {
      ok: false,
      error: decodeError(
        ErrorCode.OpenMessage,
        OpenSubcode.UnacceptableHoldTime,
        new Uint8Array(0),
        `hold time ${holdTime}s: must be 0 or at least 3`,
      ),
    };
  }
  const id = body.subarray(5, 9);
  if (readU32(id, 0) === 0) {
    return {
      ok: false,
      error: decodeError(
        ErrorCode.OpenMessage,
        OpenSubcode.BadBgpIdentifier,
        new Uint8Array(0),
        'BGP identifier 0',
      ),
    };
  }
  let optLen = body[9] ?? 0;
  let at = 10;
  let extended = false;
  if (optLen === 255 && body[10] === OptParamType.Extended) {
    // RFC 9072: non-extended type 255, then a 2-octet length; parameters carry 2-octet lengths.
    extended = true;
    optLen = readU16(body, 11);
    at = 13;
  }
  if (at + optLen !== body.length)
    return malformed('optional parameters length disagrees with message length');
  const caps: Capability[] = [];
  const end = at + optLen;
  while (at < end) {
    const headLen = extended ? 3 : 2;
    if (at + headLen > end) return malformed('truncated optional parameter');
    const type = body[at] ?? 0;
    const len = extended ? readU16(body, at + 1) : (body[at + 1] ?? 0);
    at += headLen;
    if (at + len > end) return malformed('optional parameter overruns the parameters');
    const value = body.subarray(at, at + len);
    at += len;
    if (type !== OptParamType.Capabilities) {
      return {
        ok: false,
        error: decodeError(
          ErrorCode.OpenMessage,
          OpenSubcode.UnsupportedOptionalParameter,
          new Uint8Array(0),
          `unsupported optional parameter type ${type}`,
        ),
      };
    }
    const r = decodeCapabilities(value);
    if (!r.ok) return r;
    caps.push(...r.caps);
  }
  return {
    ok: true,
    message: { type: 'open', version, myAsn, holdTime, bgpId: formatAddress(id), capabilities: caps },
  };
}
