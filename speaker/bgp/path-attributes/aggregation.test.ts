import { describe, expect, it } from 'vitest';
import { toHex } from '../test-bytes';
import { as4AggregatorToSend, encodeAggregator, parseAggregator } from './aggregation';

describe('AGGREGATOR', () => {
  it('round-trips in both ASN sizes; a 4-octet ASN becomes AS_TRANS in 2 octets', () => {
    const agg = { asn: 65001, address: '192.0.2.9' };
    for (const four of [true, false]) expect(parseAggregator(encodeAggregator(agg, four), four)).toEqual(agg);
    expect(toHex(encodeAggregator({ asn: 4200000000, address: '10.0.0.1' }, false))).toBe('5ba00a000001');
  });

  it('needs exactly 8 or 6 octets', () => {
    expect(parseAggregator(new Uint8Array(6), true)).toBeUndefined();
    expect(parseAggregator(new Uint8Array(8), false)).toBeUndefined();
  });

  it('refuses to encode an address that is not IPv4', () => {
    expect(() => encodeAggregator({ asn: 1, address: '2001:db8::1' }, true)).toThrow(/IPv4/);
  });
});

describe('as4AggregatorToSend', () => {
  const big = { asn: 4200000000, address: '10.0.0.1' };
  it('accompanies a 2-octet AGGREGATOR that lost its ASN, and only then', () => {
    expect(as4AggregatorToSend({ aggregator: big }, false)).toBe(big);
    expect(as4AggregatorToSend({ aggregator: big }, true)).toBeUndefined();
    expect(as4AggregatorToSend({ aggregator: { asn: 65001, address: '10.0.0.1' } }, false)).toBeUndefined();
    const given = { asn: 5, address: '10.0.0.5' };
    expect(as4AggregatorToSend({ aggregator: big, as4Aggregator: given }, false)).toBe(given);
  });
});
