import { describe, expect, it } from 'vitest';
import { toHex } from '../test-bytes';
import type { AttributeInput } from './decoder';
import { decodeMpReach, decodeMpUnreach, encodeMpReach, encodeMpUnreach, familyOfAfi } from './multiprotocol';

function input(type: number, value: Uint8Array): AttributeInput {
  const whole = Uint8Array.from([0x80, type, value.length, ...value]);
  return { whole, value: whole.subarray(3), ctx: { fourOctetAs: true } };
}

describe('MP_REACH_NLRI', () => {
  it.each([
    ['IPv6 global', { afi: 2, safi: 1, nextHops: ['2001:db8::1'], nlri: ['2001:db8:1::/48'] }],
    [
      'IPv6 global and link-local',
      { afi: 2, safi: 1, nextHops: ['2001:db8::1', 'fe80::1'], nlri: ['2001:db8::/32'] },
    ],
    ['IPv4 over MP', { afi: 1, safi: 1, nextHops: ['192.0.2.1'], nlri: ['10.0.0.0/8', '10.1.2.3/32'] }],
    [
      'IPv4 with an IPv6 next hop (RFC 8950)',
      { afi: 1, safi: 1, nextHops: ['2001:db8::1'], nlri: ['10.0.0.0/8'] },
    ],
  ])('round-trips %s', (_name, mpReach) => {
    expect(decodeMpReach(input(14, encodeMpReach(mpReach)))).toEqual({ mpReach });
  });

  it('keeps other families raw, and sends them back unchanged', () => {
    const value = Uint8Array.of(0, 25, 65, 4, 10, 0, 0, 1, 0, 1, 2);
    const r = decodeMpReach(input(14, value));
    expect(r).toEqual({ mpReach: { afi: 25, safi: 65, nextHops: [], nlri: [], raw: value } });
    expect('mpReach' in r && r.mpReach && toHex(encodeMpReach(r.mpReach))).toBe(toHex(value));
  });

  it('resets the session on an IPv6 next hop of 4 octets', () => {
    const r = decodeMpReach(input(14, Uint8Array.of(0, 2, 1, 4, 1, 2, 3, 4, 0)));
    expect(r).toMatchObject({ severity: 'reset', note: { notification: { subcode: 9 } } });
  });

  it('needs raw for families it cannot encode', () => {
    expect(() => encodeMpReach({ afi: 25, safi: 65, nextHops: [], nlri: [] })).toThrow(/needs raw/);
    expect(() => encodeMpReach({ afi: 2, safi: 1, nextHops: ['nope'], nlri: [] })).toThrow(/bad next hop/);
  });
});

describe('MP_UNREACH_NLRI', () => {
  it('round-trips IPv6 unicast and keeps other families raw', () => {
    const mpUnreach = { afi: 2, safi: 1, withdrawn: ['2001:db8:2::/48'] };
    expect(decodeMpUnreach(input(15, encodeMpUnreach(mpUnreach)))).toEqual({ mpUnreach });
    const raw = Uint8Array.of(0, 2, 128, 1);
    expect(decodeMpUnreach(input(15, raw))).toEqual({ mpUnreach: { afi: 2, safi: 128, withdrawn: [], raw } });
  });

  it('resets the session when shorter than AFI and SAFI', () => {
    expect(decodeMpUnreach(input(15, Uint8Array.of(0, 2)))).toMatchObject({ severity: 'reset' });
  });
});

it('maps AFIs to families', () => {
  expect([familyOfAfi(1), familyOfAfi(2), familyOfAfi(25)]).toEqual([4, 6, undefined]);
});
