// The path attributes the speaker understands, keyed by type code: the Optional/Transitive bits
// each must carry, what wrong bits cost under RFC 7606, and the decoder of its value. Attributes
// not listed here are kept raw when optional and reset the session when well-known.
import { AttrFlag, AttrType } from '../constants';
import { decodeAggregator, decodeAs4Aggregator, decodeAtomicAggregate } from './aggregation';
import { decodeAs4Path, decodeAsPath } from './as-path';
import { decodeCommunities, decodeLargeCommunities } from './communities';
import type { AttributeDecoder, Severity } from './decoder';
import { decodeMpReach, decodeMpUnreach } from './multiprotocol';
import { decodeNextHop } from './next-hop';
import { decodeOrigin } from './origin';
import { decodeLocalPref, decodeMed } from './preference';

export const WELL_KNOWN = AttrFlag.Transitive;
export const OPTIONAL_TRANSITIVE = AttrFlag.Optional | AttrFlag.Transitive;
export const OPTIONAL_NON_TRANSITIVE = AttrFlag.Optional;

export interface AttributeSpec {
  /** The Optional and Transitive bits the attribute must carry. */
  flags: number;
  /**
   * RFC 7606 §3(c): wrong bits make the attribute suspect, so the routes are withdrawn; MP_* carry
   * the routes themselves (reset), AS4_* only supplement AS_PATH/AGGREGATOR (discard, RFC 6793 §6).
   */
  onFlagsError: Severity;
  decode: AttributeDecoder;
}

const spec = (
  flags: number,
  decode: AttributeDecoder,
  onFlagsError: Severity = 'withdraw',
): AttributeSpec => ({
  flags,
  onFlagsError,
  decode,
});

export const ATTRIBUTES: Readonly<Record<number, AttributeSpec>> = {
  [AttrType.Origin]: spec(WELL_KNOWN, decodeOrigin),
  [AttrType.AsPath]: spec(WELL_KNOWN, decodeAsPath),
  [AttrType.NextHop]: spec(WELL_KNOWN, decodeNextHop),
  [AttrType.Med]: spec(OPTIONAL_NON_TRANSITIVE, decodeMed),
  [AttrType.LocalPref]: spec(WELL_KNOWN, decodeLocalPref),
  [AttrType.AtomicAggregate]: spec(WELL_KNOWN, decodeAtomicAggregate),
  [AttrType.Aggregator]: spec(OPTIONAL_TRANSITIVE, decodeAggregator),
  [AttrType.Communities]: spec(OPTIONAL_TRANSITIVE, decodeCommunities),
  [AttrType.MpReachNlri]: spec(OPTIONAL_NON_TRANSITIVE, decodeMpReach, 'reset'),
  [AttrType.MpUnreachNlri]: spec(OPTIONAL_NON_TRANSITIVE, decodeMpUnreach, 'reset'),
  [AttrType.As4Path]: spec(OPTIONAL_TRANSITIVE, decodeAs4Path, 'discard'),
  [AttrType.As4Aggregator]: spec(OPTIONAL_TRANSITIVE, decodeAs4Aggregator, 'discard'),
  [AttrType.LargeCommunity]: spec(OPTIONAL_TRANSITIVE, decodeLargeCommunities),
};

/** The flags a recognised attribute is sent with (never Partial: we originate or fully understand it). */
export function flagsOf(type: number): number {
  const s = ATTRIBUTES[type];
  if (!s) throw new Error(`attribute ${type} has no known flags`);
  return s.flags;
}
