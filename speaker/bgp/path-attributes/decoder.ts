// What a path attribute decoder is given and gives back, and the three RFC 7606 actions an
// attribute error can call for, weakest first: attribute discard, treat-as-withdraw, session reset.
import { ErrorCode, UpdateSubcode } from '../constants';
import { notification } from '../notification';
import type { CodecContext, PathAttributes, UpdateErrorNote } from '../types';

export type Severity = 'discard' | 'withdraw' | 'reset';

export interface AttrError {
  severity: Severity;
  /** The NOTIFICATION RFC 4271 alone would send, and why. */
  note: UpdateErrorNote;
}

/** Decoding an UPDATE needs to know whether the peer is external (LOCAL_PREF, RFC 7606 §7.5). */
export type UpdateDecodeContext = CodecContext & { ebgp?: boolean };

export interface AttributeInput {
  /** The attribute's value octets. */
  value: Uint8Array;
  /** The whole attribute, header included: the NOTIFICATION data of most attribute errors. */
  whole: Uint8Array;
  ctx: UpdateDecodeContext;
}

/** The fields an attribute fills in, or what is wrong with it. */
export type AttributeOutcome = Partial<PathAttributes> | AttrError;
export type AttributeDecoder = (a: AttributeInput) => AttributeOutcome;

export function attrError(severity: Severity, subcode: number, data: Uint8Array, reason: string): AttrError {
  return { severity, note: { notification: notification(ErrorCode.UpdateMessage, subcode, data), reason } };
}

/** An error that quotes the offending attribute (a copy: the message buffer is reused). */
export function attributeError(
  a: AttributeInput,
  severity: Severity,
  subcode: number,
  reason: string,
): AttrError {
  return attrError(severity, subcode, Uint8Array.from(a.whole), reason);
}

/** An attribute of a length its kind cannot have: treat-as-withdraw unless RFC 7606 allows less. */
export function lengthError(
  a: AttributeInput,
  name: string,
  severity: Severity = 'withdraw',
  subcode: number = UpdateSubcode.AttributeLengthError,
): AttrError {
  return attributeError(a, severity, subcode, `${name} length ${a.value.length}`);
}

export function isAttrError(x: AttributeOutcome): x is AttrError {
  return 'severity' in x;
}

const SEVERITY_RANK: Record<Severity, number> = { discard: 0, withdraw: 1, reset: 2 };

/** The RFC 7606 verdict on one UPDATE so far: the strongest action seen, and what was discarded. */
export class ErrorTally {
  /** The first error of the strongest severity. */
  worst: AttrError | undefined;
  /** Type codes of the attributes dropped under attribute discard, in order. */
  readonly discarded: number[] = [];

  record(e: AttrError, type: number): void {
    if (e.severity === 'discard') this.discarded.push(type);
    if (!this.worst || SEVERITY_RANK[e.severity] > SEVERITY_RANK[this.worst.severity]) this.worst = e;
  }

  /** Nothing stronger than attribute discard has happened. */
  get usable(): boolean {
    return !this.worst || this.worst.severity === 'discard';
  }
}
