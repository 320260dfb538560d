// Each attribute decoder through the dispatch table: what a good value decodes to, and the RFC 7606
// action, NOTIFICATION subcode and data of each way a value can be wrong.
import { describe, expect, it } from 'vitest';
import { AttrType, UpdateSubcode } from '../constants';
import { hex, toHex } from '../test-bytes';
import { isAttrError, type AttributeInput, type Severity, type UpdateDecodeContext } from './decoder';
import { ATTRIBUTES, flagsOf, OPTIONAL_NON_TRANSITIVE, OPTIONAL_TRANSITIVE, WELL_KNOWN } from './table';

const FOUR: UpdateDecodeContext = { fourOctetAs: true };
const TWO: UpdateDecodeContext = { fourOctetAs: false };
const EBGP: UpdateDecodeContext = { fourOctetAs: true, ebgp: true };

const T = AttrType;
const S = UpdateSubcode;
const AGG = { asn: 65001, address: '10.0.0.1' };
const LARGE = { global: 1, local1: 2, local2: 3 };
const UNREACH = { afi: 1, safi: 1, withdrawn: ['10.1.0.0/16'] };

/** A decoder input as the attribute list walk builds it (short header, expected flags). */
function input(type: number, valueHex: string, ctx: UpdateDecodeContext = FOUR): AttributeInput {
  const value = hex(valueHex);
  const whole = Uint8Array.from([flagsOf(type), type, value.length, ...value]);
  return { whole, value: whole.subarray(3), ctx };
}

function decode(type: number, value: string, ctx?: UpdateDecodeContext) {
  const spec = ATTRIBUTES[type];
  if (!spec) throw new Error(`no decoder for ${type}`);
  return spec.decode(input(type, value, ctx));
}

describe('good values', () => {
  const asPath = (kind: string, asns: number[]) => [{ kind, asns }];
  it.each<[string, number, string, UpdateDecodeContext, object]>([
    ['ORIGIN INCOMPLETE', T.Origin, '02', FOUR, { origin: 2 }],
    ['AS_PATH 4-octet', T.AsPath, '0201fa56ea00', FOUR, { asPath: asPath('sequence', [4200000000]) }],
    ['AS_PATH 2-octet set', T.AsPath, '010200010002', TWO, { asPath: asPath('set', [1, 2]) }],
    ['AS_PATH empty', T.AsPath, '', FOUR, { asPath: [] }],
    ['NEXT_HOP', T.NextHop, 'c0000201', FOUR, { nextHop: '192.0.2.1' }],
    ['MULTI_EXIT_DISC', T.Med, '00000100', FOUR, { med: 256 }],
    ['LOCAL_PREF inside the AS', T.LocalPref, '00000064', FOUR, { localPref: 100 }],
    ['ATOMIC_AGGREGATE', T.AtomicAggregate, '', FOUR, { atomicAggregate: true }],
    ['AGGREGATOR 4-octet', T.Aggregator, '0000fde9 0a000001', FOUR, { aggregator: AGG }],
    ['AGGREGATOR 2-octet', T.Aggregator, 'fde9 0a000001', TWO, { aggregator: AGG }],
    ['COMMUNITIES', T.Communities, 'fde90007 ffffff01', FOUR, { communities: [0xfde90007, 0xffffff01] }],
    ['LARGE_COMMUNITY', T.LargeCommunity, '00000001 00000002 00000003', FOUR, { largeCommunities: [LARGE] }],
    ['AS4_PATH', T.As4Path, '0201 00010000', TWO, { as4Path: asPath('sequence', [65536]) }],
    ['AS4_AGGREGATOR', T.As4Aggregator, '0000fde9 0a000001', TWO, { as4Aggregator: AGG }],
    ['MP_UNREACH_NLRI IPv4', T.MpUnreachNlri, '0001 01 100a01', FOUR, { mpUnreach: UNREACH }],
  ])('%s', (_name, type, value, ctx, fields) => {
    expect(decode(type, value, ctx)).toEqual(fields);
  });
});

describe('bad values', () => {
  it.each<[string, number, string, UpdateDecodeContext, Severity, number, boolean]>([
    ['ORIGIN of 2 octets', T.Origin, '0000', FOUR, 'withdraw', S.AttributeLengthError, true],
    ['ORIGIN value 3', T.Origin, '03', FOUR, 'withdraw', S.InvalidOrigin, true],
    ['AS_PATH segment type 5', T.AsPath, '0501 00000001', FOUR, 'withdraw', S.MalformedAsPath, false],
    ['AS_PATH short of its count', T.AsPath, '0202 00000001', FOUR, 'withdraw', S.MalformedAsPath, false],
    ['NEXT_HOP of 3 octets', T.NextHop, '0a0000', FOUR, 'withdraw', S.AttributeLengthError, true],
    ['NEXT_HOP class E', T.NextHop, 'f0000001', FOUR, 'withdraw', S.InvalidNextHop, true],
    ['MULTI_EXIT_DISC of 2 octets', T.Med, '0001', FOUR, 'withdraw', S.AttributeLengthError, true],
    ['LOCAL_PREF from eBGP', T.LocalPref, '00000064', EBGP, 'discard', S.AttributeLengthError, true],
    ['LOCAL_PREF of 5 octets', T.LocalPref, '0000000001', FOUR, 'withdraw', S.AttributeLengthError, true],
    ['ATOMIC_AGGREGATE with a value', T.AtomicAggregate, '00', FOUR, 'discard', S.AttributeLengthError, true],
    ['AGGREGATOR of 6 octets', T.Aggregator, '0001 0a000001', FOUR, 'discard', S.AttributeLengthError, true],
    ['COMMUNITIES empty', T.Communities, '', FOUR, 'withdraw', S.OptionalAttributeError, true],
    ['COMMUNITIES ragged', T.Communities, '000000010000', FOUR, 'withdraw', S.OptionalAttributeError, true],
    ['LARGE_COMMUNITY short', T.LargeCommunity, '00000001', FOUR, 'withdraw', S.OptionalAttributeError, true],
    ['AS4_PATH lone octet', T.As4Path, '02', TWO, 'discard', S.MalformedAsPath, false],
    ['AS4_AGGREGATOR short', T.As4Aggregator, '0001 0a000001', TWO, 'discard', S.AttributeLengthError, true],
    ['MP_REACH_NLRI short', T.MpReachNlri, '00020100', FOUR, 'reset', S.OptionalAttributeError, true],
    [
      'MP_UNREACH_NLRI /33',
      T.MpUnreachNlri,
      '0001012101020304',
      FOUR,
      'reset',
      S.OptionalAttributeError,
      true,
    ],
  ])('%s', (_name, type, value, ctx, severity, subcode, quotesAttribute) => {
    const r = decode(type, value, ctx);
    if (!isAttrError(r)) throw new Error(`decoded: ${JSON.stringify(r)}`);
    const n = r.note.notification;
    expect([r.severity, n.code, n.subcode]).toEqual([severity, 3, subcode]);
    // The data is the whole offending attribute, header included, or empty (Malformed AS_PATH).
    expect(toHex(n.data)).toBe(quotesAttribute ? toHex(input(type, value, ctx).whole) : '');
    expect(r.note.reason).not.toBe('');
  });

  it('quotes a copy of the attribute, not the message buffer', () => {
    const a = input(T.Origin, '09');
    const r = ATTRIBUTES[T.Origin]?.decode(a);
    a.whole.fill(0);
    expect(r && isAttrError(r) && toHex(r.note.notification.data)).toBe('40010109');
  });
});

describe('flags each attribute must carry, and what wrong ones cost', () => {
  const withRule = (flags: number, onFlagsError: Severity) =>
    Object.entries(ATTRIBUTES)
      .filter(([, spec]) => spec.flags === flags && spec.onFlagsError === onFlagsError)
      .map(([type]) => Number(type));

  it('well-known and ordinary optional attributes: treat-as-withdraw', () => {
    expect(withRule(WELL_KNOWN, 'withdraw')).toEqual([
      T.Origin,
      T.AsPath,
      T.NextHop,
      T.LocalPref,
      T.AtomicAggregate,
    ]);
    expect(withRule(OPTIONAL_NON_TRANSITIVE, 'withdraw')).toEqual([T.Med]);
    expect(withRule(OPTIONAL_TRANSITIVE, 'withdraw')).toEqual([
      T.Aggregator,
      T.Communities,
      T.LargeCommunity,
    ]);
  });

  it('MP_REACH/MP_UNREACH: session reset; AS4_PATH/AS4_AGGREGATOR: attribute discard', () => {
    expect(withRule(OPTIONAL_NON_TRANSITIVE, 'reset')).toEqual([T.MpReachNlri, T.MpUnreachNlri]);
    expect(withRule(OPTIONAL_TRANSITIVE, 'discard')).toEqual([T.As4Path, T.As4Aggregator]);
  });

  it('knows exactly these attributes', () => {
    expect(Object.keys(ATTRIBUTES).map(Number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 17, 18, 32]);
    expect(() => flagsOf(99)).toThrow(/99/);
  });
});
