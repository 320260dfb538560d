// ORIGIN (RFC 4271 §5.1.1): IGP, EGP or INCOMPLETE in one octet.
import { UpdateSubcode } from '../constants';
import type { Origin } from '../types';
import { attributeError, lengthError, type AttributeInput, type AttributeOutcome } from './decoder';

const INCOMPLETE = 2;

export function decodeOrigin(a: AttributeInput): AttributeOutcome {
  if (a.value.length !== 1) return lengthError(a, 'ORIGIN');
  const origin = a.value[0] ?? 0;
  if (origin > INCOMPLETE) {
    return attributeError(a, 'withdraw', UpdateSubcode.InvalidOrigin, `ORIGIN value ${origin}`);
  }
  return { origin: origin as Origin };
}

export function encodeOrigin(origin: Origin): Uint8Array {
  return Uint8Array.of(origin);
}
