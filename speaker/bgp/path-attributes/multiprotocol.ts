// MP_REACH_NLRI and MP_UNREACH_NLRI (RFC 4760; IPv6 next hops per RFC 2545). IPv4 and IPv6 unicast
// are parsed; other families are kept raw. Any error here is a session reset: the attribute cannot
// be trusted to say which prefixes to withdraw (RFC 7606 §3(a), §5.3).
import { ByteWriter, readU16 } from '../bytes';
import { Afi, Safi, UpdateSubcode } from '../constants';
import { addressBytes, formatAddress, readPrefixes, writePrefixes, type Family } from '../prefix';
import type { MpReach, MpUnreach } from '../types';
import { attributeError, type AttributeInput, type AttributeOutcome, type AttrError } from './decoder';

/** AFI, SAFI and next hop length come before MP_REACH's next hop; one reserved octet follows it. */
const MP_REACH_HEAD = 4;
const MP_UNREACH_HEAD = 3;

export function familyOfAfi(afi: number): Family | undefined {
  return afi === Afi.IPv4 ? 4 : afi === Afi.IPv6 ? 6 : undefined;
}

/** Next hop lengths per family: one address, or an IPv6 global plus link-local pair. */
const NEXT_HOP_LENGTHS: Record<Family, readonly number[]> = { 4: [4, 16, 32], 6: [16, 32] };

function mpError(a: AttributeInput, reason: string): AttrError {
  return attributeError(a, 'reset', UpdateSubcode.OptionalAttributeError, reason);
}

/** The global next hop, then the link-local one when 32 octets carry both. */
function parseNextHops(nh: Uint8Array): string[] {
  return nh.length === 32
    ? [formatAddress(nh.subarray(0, 16)), formatAddress(nh.subarray(16))]
    : [formatAddress(nh)];
}

export function decodeMpReach(a: AttributeInput): AttributeOutcome {
  const v = a.value;
  if (v.length < MP_REACH_HEAD + 1) return mpError(a, 'MP_REACH_NLRI too short');
  const afi = readU16(v, 0);
  const safi = v[2] ?? 0;
  const nhLen = v[3] ?? 0;
  const nlriStart = MP_REACH_HEAD + nhLen + 1;
  if (nlriStart > v.length) return mpError(a, 'MP_REACH_NLRI next hop overruns the attribute');
  const family = familyOfAfi(afi);
  if (!family || safi !== Safi.Unicast) {
    return { mpReach: { afi, safi, nextHops: [], nlri: [], raw: Uint8Array.from(v) } };
  }
  if (!NEXT_HOP_LENGTHS[family].includes(nhLen)) {
    return mpError(a, `MP_REACH_NLRI next hop length ${nhLen} for AFI ${afi}`);
  }
  const nextHops = parseNextHops(v.subarray(MP_REACH_HEAD, MP_REACH_HEAD + nhLen));
  const nlri = readPrefixes(v.subarray(nlriStart), family);
  if (!nlri) return mpError(a, 'MP_REACH_NLRI prefixes are malformed');
  return { mpReach: { afi, safi, nextHops, nlri } };
}

export function decodeMpUnreach(a: AttributeInput): AttributeOutcome {
  const v = a.value;
  if (v.length < MP_UNREACH_HEAD) return mpError(a, 'MP_UNREACH_NLRI too short');
  const afi = readU16(v, 0);
  const safi = v[2] ?? 0;
  const family = familyOfAfi(afi);
  if (!family || safi !== Safi.Unicast)
    return { mpUnreach: { afi, safi, withdrawn: [], raw: Uint8Array.from(v) } };
  const withdrawn = readPrefixes(v.subarray(MP_UNREACH_HEAD), family);
  if (!withdrawn) return mpError(a, 'MP_UNREACH_NLRI prefixes are malformed');
  return { mpUnreach: { afi, safi, withdrawn } };
}

function nextHopBytes(h: string): Uint8Array {
  const b = addressBytes(4, h) ?? addressBytes(6, h);
  if (!b) throw new Error(`bad next hop ${h}`);
  return b;
}

export function encodeMpReach(m: MpReach): Uint8Array {
  const w = new ByteWriter().u16(m.afi).u8(m.safi);
  const family = familyOfAfi(m.afi);
  if (m.raw || !family || m.safi !== Safi.Unicast) {
    if (!m.raw) throw new Error(`MP_REACH_NLRI for AFI ${m.afi} SAFI ${m.safi} needs raw`);
    return Uint8Array.from(m.raw);
  }
  const hops = m.nextHops.map(nextHopBytes);
  w.u8(hops.reduce((n, h) => n + h.length, 0));
  for (const h of hops) w.bytes(h);
  w.u8(0); // reserved
  writePrefixes(w, family, m.nlri);
  return w.finish();
}

export function encodeMpUnreach(m: MpUnreach): Uint8Array {
  if (m.raw) return Uint8Array.from(m.raw);
  const family = familyOfAfi(m.afi);
  if (!family) throw new Error(`MP_UNREACH_NLRI for AFI ${m.afi} needs raw`);
  const w = new ByteWriter().u16(m.afi).u8(m.safi);
  writePrefixes(w, family, m.withdrawn);
  return w.finish();
}
