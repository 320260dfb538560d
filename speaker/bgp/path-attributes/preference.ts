// MULTI_EXIT_DISC and LOCAL_PREF (RFC 4271 §5.1.4, §5.1.5): the two 4-octet metrics of route
// selection, one towards a neighbouring AS, one inside our own.
import { ByteWriter, readU32 } from '../bytes';
import { UpdateSubcode } from '../constants';
import { attributeError, lengthError, type AttributeInput, type AttributeOutcome } from './decoder';

export function decodeMed(a: AttributeInput): AttributeOutcome {
  if (a.value.length !== 4) return lengthError(a, 'MULTI_EXIT_DISC');
  return { med: readU32(a.value, 0) };
}

/** An external peer has no business setting our LOCAL_PREF: it is dropped (RFC 7606 §7.5). */
export function decodeLocalPref(a: AttributeInput): AttributeOutcome {
  if (a.ctx.ebgp) {
    return attributeError(
      a,
      'discard',
      UpdateSubcode.AttributeLengthError,
      'LOCAL_PREF from an external peer',
    );
  }
  if (a.value.length !== 4) return lengthError(a, 'LOCAL_PREF');
  return { localPref: readU32(a.value, 0) };
}

/** MED and LOCAL_PREF share their wire form: one uint32. */
export function encodeMetric(value: number): Uint8Array {
  return new ByteWriter().u32(value).finish();
}
