// The path attribute list of an UPDATE (RFC 4271 §4.3 and §6.3, as revised by RFC 7606): walks the
// attributes, checks each one's flags and hands its value to the decoder from the table, and
// tallies what the errors cost. Only a session reset stops the walk early: the other actions
// still need the rest of the message to know which routes they apply to.
import { readU16 } from '../bytes';
import { AttrFlag, AttrType, ErrorCode, UpdateSubcode } from '../constants';
import { decodeError } from '../notification';
import type { DecodeError, PathAttributes, RawAttribute } from '../types';
import {
  attrError,
  attributeError,
  ErrorTally,
  isAttrError,
  type AttrError,
  type AttributeInput,
  type AttributeOutcome,
  type UpdateDecodeContext,
} from './decoder';
import { ATTRIBUTES, type AttributeSpec } from './table';

export type AttributeListResult =
  { ok: true; attributes: PathAttributes; errors: ErrorTally } | { ok: false; error: DecodeError };

interface AttributeEntry extends AttributeInput {
  flags: number;
  type: number;
}

/** The attribute at `at` and where the next one starts, or why the list ends here. */
type ReadResult = { entry: AttributeEntry; end: number } | { error: AttrError; type: number };

const EMPTY = new Uint8Array(0);

function readAttribute(attrs: Uint8Array, at: number, ctx: UpdateDecodeContext): ReadResult {
  const flags = attrs[at] ?? 0;
  const headLen = (flags & AttrFlag.ExtendedLength) !== 0 ? 4 : 3;
  const malformed = (reason: string) =>
    attrError('withdraw', UpdateSubcode.MalformedAttributeList, EMPTY, reason);
  if (at + headLen > attrs.length) return { error: malformed('truncated attribute header'), type: 0 };
  const type = attrs[at + 1] ?? 0;
  const len = headLen === 4 ? readU16(attrs, at + 2) : (attrs[at + 2] ?? 0);
  const end = at + headLen + len;
  if (end > attrs.length) return { error: malformed(`attribute ${type} overruns the attribute list`), type };
  const whole = attrs.subarray(at, end);
  return { entry: { flags, type, whole, value: whole.subarray(headLen), ctx }, end };
}

/** Two copies of an MP attribute leave it unclear which routes are meant (RFC 7606 §3(g)). */
function isMultiprotocol(type: number): boolean {
  return type === AttrType.MpReachNlri || type === AttrType.MpUnreachNlri;
}

function malformedList(reason: string): { ok: false; error: DecodeError } {
  return {
    ok: false,
    error: decodeError(ErrorCode.UpdateMessage, UpdateSubcode.MalformedAttributeList, EMPTY, reason),
  };
}

/** Flags first: with the wrong Optional/Transitive bits the value's meaning is in doubt. */
function decodeRecognised(spec: AttributeSpec, entry: AttributeEntry): AttributeOutcome {
  if ((entry.flags & (AttrFlag.Optional | AttrFlag.Transitive)) !== spec.flags) {
    const reason = `attribute ${entry.type} flags 0x${entry.flags.toString(16)}`;
    return attributeError(entry, spec.onFlagsError, UpdateSubcode.AttributeFlagsError, reason);
  }
  return spec.decode(entry);
}

/** Unrecognised optional attributes are kept byte for byte, to be passed on (RFC 4271 §5). */
function rawAttribute(entry: AttributeEntry): RawAttribute {
  return {
    flags: entry.flags & ~AttrFlag.ExtendedLength,
    type: entry.type,
    value: Uint8Array.from(entry.value),
  };
}

function unrecognisedWellKnown(entry: AttributeEntry): AttrError {
  const reason = `unrecognised well-known attribute ${entry.type}`;
  return attributeError(entry, 'reset', UpdateSubcode.UnrecognizedWellKnownAttribute, reason);
}

/**
 * Well-known mandatory attributes are needed only when the UPDATE announces something (RFC 7606
 * §3(d)): ORIGIN and AS_PATH always, NEXT_HOP only for routes in the classic NLRI field.
 */
function missingWellKnown(attributes: PathAttributes, seen: ReadonlySet<number>, classicNlri: boolean) {
  const mp = attributes.mpReach;
  const announcesMp = (mp?.nlri.length ?? 0) > 0 || mp?.raw !== undefined;
  if (!classicNlri && !announcesMp) return undefined;
  const required = [AttrType.Origin, AttrType.AsPath, ...(classicNlri ? [AttrType.NextHop] : [])];
  return required.find((t) => !seen.has(t));
}

/** A missing well-known attribute withdraws the routes; the NOTIFICATION data is its type code. */
function recordMissing(errors: ErrorTally, missing: number | undefined): void {
  if (missing === undefined) return;
  const reason = `missing well-known attribute ${missing}`;
  errors.record(
    attrError('withdraw', UpdateSubcode.MissingWellKnownAttribute, Uint8Array.of(missing), reason),
    missing,
  );
}

/**
 * Decode the attribute list. `classicNlri` says whether the UPDATE's own NLRI field announces
 * prefixes (which then need a NEXT_HOP).
 */
export function decodeAttributeList(
  attrs: Uint8Array,
  ctx: UpdateDecodeContext,
  classicNlri: boolean,
): AttributeListResult {
  const attributes: PathAttributes = {};
  const unknown: RawAttribute[] = [];
  const seen = new Set<number>();
  const errors = new ErrorTally();
  for (let at = 0; at < attrs.length;) {
    const read = readAttribute(attrs, at, ctx);
    if ('error' in read) {
      errors.record(read.error, read.type);
      break;
    }
    const { entry } = read;
    at = read.end;
    if (seen.has(entry.type)) {
      if (isMultiprotocol(entry.type)) return malformedList(`attribute ${entry.type} appears twice`);
      continue; // RFC 7606 §3(g): later copies are discarded
    }
    seen.add(entry.type);
    const spec = ATTRIBUTES[entry.type];
    if (!spec && (entry.flags & AttrFlag.Optional) !== 0) {
      unknown.push(rawAttribute(entry));
      continue;
    }
    const outcome = spec ? decodeRecognised(spec, entry) : unrecognisedWellKnown(entry);
    if (!isAttrError(outcome)) Object.assign(attributes, outcome);
    else if (outcome.severity === 'reset') return { ok: false, error: outcome.note };
    else errors.record(outcome, entry.type);
  }
  if (unknown.length > 0) attributes.unknown = unknown;
  if (errors.usable) recordMissing(errors, missingWellKnown(attributes, seen, classicNlri));
  return { ok: true, attributes, errors };
}
