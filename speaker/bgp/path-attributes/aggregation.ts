// Route aggregation (RFC 4271 §5.1.6, §5.1.7, RFC 6793): ATOMIC_AGGREGATE, AGGREGATOR and its
// 4-octet twin AS4_AGGREGATOR. All three are informational, so a malformed one is discarded and
// the routes kept (RFC 7606 §7.6, §7.7, RFC 6793 §6).
import { ByteWriter, readU16, readU32 } from '../bytes';
import { formatAddress } from '../prefix';
import type { Aggregator, PathAttributes } from '../types';
import { twoOctetAsn } from './as-path';
import { lengthError, type AttributeInput, type AttributeOutcome } from './decoder';
import { ipv4 } from './next-hop';

export function decodeAtomicAggregate(a: AttributeInput): AttributeOutcome {
  if (a.value.length !== 0) return lengthError(a, 'ATOMIC_AGGREGATE', 'discard');
  return { atomicAggregate: true };
}

/** The AS (2 or 4 octets) and IPv4 address of the aggregating speaker; undefined on a bad length. */
export function parseAggregator(v: Uint8Array, fourOctet: boolean): Aggregator | undefined {
  if (v.length !== (fourOctet ? 8 : 6)) return undefined;
  return fourOctet
    ? { asn: readU32(v, 0), address: formatAddress(v.subarray(4, 8)) }
    : { asn: readU16(v, 0), address: formatAddress(v.subarray(2, 6)) };
}

export function decodeAggregator(a: AttributeInput): AttributeOutcome {
  const aggregator = parseAggregator(a.value, a.ctx.fourOctetAs);
  return aggregator ? { aggregator } : lengthError(a, 'AGGREGATOR', 'discard');
}

export function decodeAs4Aggregator(a: AttributeInput): AttributeOutcome {
  const as4Aggregator = parseAggregator(a.value, true);
  return as4Aggregator ? { as4Aggregator } : lengthError(a, 'AS4_AGGREGATOR', 'discard');
}

export function encodeAggregator(a: Aggregator, fourOctet: boolean): Uint8Array {
  const w = new ByteWriter();
  if (fourOctet) w.u32(a.asn);
  else w.u16(twoOctetAsn(a.asn));
  return w.bytes(ipv4(a.address)).finish();
}

/** The AS4_AGGREGATOR to send beside a 2-octet AGGREGATOR whose ASN became AS_TRANS (RFC 6793 §4.2.2). */
export function as4AggregatorToSend(a: PathAttributes, fourOctetAs: boolean): Aggregator | undefined {
  if (fourOctetAs) return undefined;
  if (a.as4Aggregator) return a.as4Aggregator;
  return a.aggregator && a.aggregator.asn > 0xffff ? a.aggregator : undefined;
}
