// NEXT_HOP (RFC 4271 §5.1.3): the IPv4 address routes in the classic NLRI field are reached by.
import { readU32 } from '../bytes';
import { UpdateSubcode } from '../constants';
import { addressBytes, formatAddress } from '../prefix';
import { attributeError, lengthError, type AttributeInput, type AttributeOutcome } from './decoder';

const FIRST_MULTICAST_OCTET = 224;

/** A NEXT_HOP that can never be a unicast host: 0.0.0.0, multicast, class E, broadcast. */
export function nextHopSyntaxBad(v: Uint8Array): boolean {
  const first = v[0] ?? 0;
  return readU32(v, 0) === 0 || first >= FIRST_MULTICAST_OCTET;
}

export function decodeNextHop(a: AttributeInput): AttributeOutcome {
  if (a.value.length !== 4) return lengthError(a, 'NEXT_HOP');
  const nextHop = formatAddress(a.value);
  if (nextHopSyntaxBad(a.value)) {
    return attributeError(a, 'withdraw', UpdateSubcode.InvalidNextHop, `NEXT_HOP ${nextHop}`);
  }
  return { nextHop };
}

/** Octets of an IPv4 address; anything else is a programming error on the sending side. */
export function ipv4(s: string): Uint8Array {
  const b = addressBytes(4, s);
  if (!b) throw new Error(`not an IPv4 address: ${s}`);
  return b;
}
