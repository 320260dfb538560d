import { describe, expect, it } from 'vitest';
import {
  BROADCAST_MAC,
  ETHERTYPE_ARP,
  decodeEthernet,
  encodeEthernet,
  formatMac,
  isBroadcastMac,
  isMulticastMac,
  macEquals,
  parseMac,
} from './ethernet';
import { hex, toHex } from './test-helpers';

describe('MAC helpers', () => {
  it.each([
    ['02:00:00:00:00:aa', '0200000000aa'],
    ['02-00-00-00-00-AA', '0200000000aa'],
    ['FF:ff:ff:ff:ff:ff', 'ffffffffffff'],
  ])('parses %s', (text, bytes) => {
    expect(toHex(parseMac(text)!)).toBe(bytes);
  });
  it.each([
    '',
    '02:00:00:00:00',
    '02:00:00:00:00:aa:bb',
    '02:00-00:00:00:aa',
    'zz:00:00:00:00:00',
    '2:0:0:0:0:a',
  ])('refuses %j', (text) => {
    expect(parseMac(text)).toBeNull();
  });
  it('formats lower case with colons', () => {
    expect(formatMac(hex('0A1B2C3D4E5F'))).toBe('0a:1b:2c:3d:4e:5f');
  });
  it('classifies', () => {
    expect(isBroadcastMac(BROADCAST_MAC)).toBe(true);
    expect(isMulticastMac(BROADCAST_MAC)).toBe(true);
    expect(isMulticastMac(hex('333300000001'))).toBe(true);
    expect(isMulticastMac(hex('020000000001'))).toBe(false);
    expect(macEquals(hex('020000000001'), hex('020000000001'))).toBe(true);
    expect(macEquals(hex('020000000001'), hex('0200000001'))).toBe(false);
  });
});

describe('Ethernet II', () => {
  const header = 'ffffffffffff 020000000001 0806';
  it('encodes byte-exactly and pads to 60 bytes', () => {
    const f = encodeEthernet({
      dst: BROADCAST_MAC,
      src: hex('020000000001'),
      etherType: ETHERTYPE_ARP,
      payload: hex('aabb'),
    });
    expect(f.length).toBe(60);
    expect(toHex(f)).toBe(toHex(hex(header + 'aabb')) + '00'.repeat(44));
  });
  it('does not pad when asked not to', () => {
    const f = encodeEthernet(
      { dst: BROADCAST_MAC, src: hex('020000000001'), etherType: 0x86dd, payload: hex('01') },
      false,
    );
    expect(f.length).toBe(15);
  });
  it('round-trips', () => {
    const f = hex(header + '00112233');
    const d = decodeEthernet(f)!;
    expect(d.etherType).toBe(ETHERTYPE_ARP);
    expect(toHex(d.payload)).toBe('00112233');
    expect(toHex(encodeEthernet(d, false))).toBe(toHex(f));
  });
  it('refuses short frames and 802.3 length fields', () => {
    expect(decodeEthernet(hex('ffffffffffff0200000000010806').subarray(0, 13))).toBeNull();
    expect(decodeEthernet(hex('ffffffffffff020000000001 05dc'))).toBeNull();
    expect(decodeEthernet(hex('ffffffffffff020000000001 0806'))?.payload.length).toBe(0);
  });
  it('throws on caller bugs (bad MAC lengths)', () => {
    expect(() =>
      encodeEthernet({ dst: hex('01'), src: BROADCAST_MAC, etherType: 1536, payload: hex('') }),
    ).toThrow(RangeError);
  });
});
