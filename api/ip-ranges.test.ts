import { describe, expect, it } from 'vitest';
import {
  AddressParseError,
  formatCIDR,
  formatIP,
  parseAddressEntry,
  parseIP,
  rangeSize,
  rangesOverlap,
  summarizeRange,
  type IPRange,
} from './ip-ranges';

const summarize = (entry: string) => summarizeRange(parseAddressEntry(entry)).map(formatCIDR);

describe('parseIP', () => {
  it.each([
    ['1.2.3.4', 4, 0x01020304n],
    ['0.0.0.0', 4, 0n],
    ['255.255.255.255', 4, 0xffffffffn],
    ['::', 6, 0n],
    ['::1', 6, 1n],
    ['1000::', 6, 0x1000n << 112n],
    ['2001:DB8::1', 6, (0x20010db8n << 96n) | 1n],
    ['1:2:3:4:5:6:7:8', 6, 0x0001_0002_0003_0004_0005_0006_0007_0008n],
    ['1:2:3:4:5:6:7::', 6, 0x0001_0002_0003_0004_0005_0006_0007_0000n],
    ['::2:3:4:5:6:7:8', 6, 0x0002_0003_0004_0005_0006_0007_0008n],
    ['::1.2.3.4', 6, 0x01020304n], // IPv4-compatible, not mapped
    ['64:ff9b::192.0.2.1', 6, (0x0064_ff9bn << 96n) | 0xc0000201n],
    ['::ffff:1.2.3.4', 4, 0x01020304n], // IPv4-mapped reads as IPv4, as Go's To4()
    ['::ffff:102:304', 4, 0x01020304n],
  ] as const)('%s', (s, family, value) => {
    expect(parseIP(s)).toEqual({ family, value });
  });

  it.each([
    '',
    '1.2.3',
    '1.2.3.4.5',
    '256.1.1.1',
    '01.2.3.4',
    '1.2.3.4 ',
    ' 1.2.3.4',
    '0x1.2.3.4',
    '1.2.3.4/32',
    'please sir',
    ':::',
    '1::2::3',
    '12345::',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7:8::',
    '::1:2:3:4:5:6:7:8',
    'fe80::1%eth0',
    '1.2.3.4::',
    ':1::',
    '1::g',
  ])('rejects %j', (s) => {
    expect(parseIP(s)).toBeUndefined();
  });
});

describe('formatIP', () => {
  it.each([
    [4, 0x01020304n, '1.2.3.4'],
    [6, 0n, '::'],
    [6, 1n, '::1'],
    [6, 0x1000n << 112n, '1000::'],
    [6, 0x0001_0000_0003_0000_0000_0006_0000_0008n, '1:0:3::6:0:8'], // longest run
    [6, 0x0001_0000_0000_0004_0000_0000_0007_0008n, '1::4:0:0:7:8'], // first of equal runs
    [6, 0x0001_0000_0003_0004_0005_0006_0007_0008n, '1:0:3:4:5:6:7:8'], // single zero not compressed
    [6, 0x2001_0db8_0000_0000_0000_0000_0000_abcdn, '2001:db8::abcd'],
  ] as const)('%i %s', (family, value, text) => {
    expect(formatIP(family, value)).toBe(text);
    expect(parseIP(text)).toEqual({ family, value });
  });
});

describe('parseAddressEntry', () => {
  it.each([
    ['192.0.2.0/24', 4, '192.0.2.0', '192.0.2.255'],
    ['192.0.2.77/24', 4, '192.0.2.0', '192.0.2.255'], // host bits masked, like Go's ParseCIDR
    ['1.2.3.4/32', 4, '1.2.3.4', '1.2.3.4'],
    ['0.0.0.0/0', 4, '0.0.0.0', '255.255.255.255'],
    ['fc00::/64', 6, 'fc00::', 'fc00::ffff:ffff:ffff:ffff'],
    ['1000::4/127', 6, '1000::4', '1000::5'],
    ['1.2.3.10-1.2.3.20', 4, '1.2.3.10', '1.2.3.20'],
    ['1.2.3.10 - 1.2.3.20', 4, '1.2.3.10', '1.2.3.20'],
    ['1.2.3.10-1.2.3.10', 4, '1.2.3.10', '1.2.3.10'],
    ['1000::1 -1000::ff', 6, '1000::1', '1000::ff'],
  ] as const)('%s', (entry, family, first, last) => {
    const r = parseAddressEntry(entry);
    expect(r.family).toBe(family);
    expect(formatIP(r.family, r.first)).toBe(first);
    expect(formatIP(r.family, r.last)).toBe(last);
  });

  it.each([
    ['1.2.3.4', 'invalid CIDR "1.2.3.4"'],
    ['100.200.300.400/24', 'invalid CIDR "100.200.300.400/24"'],
    ['1.2.3.0/33', 'invalid CIDR "1.2.3.0/33"'],
    ['1000::/129', 'invalid CIDR "1000::/129"'],
    ['1.2.3.0/-1', 'invalid IP range "1.2.3.0/-1": invalid start IP "1.2.3.0/"'],
    ['1.2.3.0/', 'invalid CIDR "1.2.3.0/"'],
    ['1.2.3.0/024', 'invalid CIDR "1.2.3.0/024"'],
    [' 1.2.3.0/24', 'invalid CIDR " 1.2.3.0/24"'],
    ['', 'invalid CIDR ""'],
    [
      '1.2.3.9-1.2.3.1',
      'invalid IP range "1.2.3.9-1.2.3.1": start IP "1.2.3.9" is after the end IP "1.2.3.1"',
    ],
    ['x-1.2.3.1', 'invalid IP range "x-1.2.3.1": invalid start IP "x"'],
    ['1.2.3.1-', 'invalid IP range "1.2.3.1-": invalid end IP ""'],
    ['1.2.3.1-1000::', 'invalid IP range "1.2.3.1-1000::": start and end IPs are of different families'],
    ['::ffff:1.2.3.0/120', 'IPv4-mapped IPv6 addresses (::ffff:0:0/96) are not allowed'],
    ['::/64', 'IPv4-mapped IPv6 addresses'],
    ['::fffe:ffff:ffff-::ffff:0:0', 'IPv4-mapped IPv6 addresses'],
  ])('rejects %j', (entry, message) => {
    expect(() => parseAddressEntry(entry)).toThrow(AddressParseError);
    expect(() => parseAddressEntry(entry)).toThrow(message);
  });
});

describe('summarizeRange', () => {
  it.each([
    ['1.2.3.0/24', ['1.2.3.0/24']],
    ['1.2.3.0-1.2.3.255', ['1.2.3.0/24']],
    [
      '3.3.3.2-3.3.3.254',
      [
        ...['3.3.3.2/31', '3.3.3.4/30', '3.3.3.8/29', '3.3.3.16/28', '3.3.3.32/27', '3.3.3.64/26'],
        ...['3.3.3.128/26', '3.3.3.192/27', '3.3.3.224/28', '3.3.3.240/29', '3.3.3.248/30'],
        ...['3.3.3.252/31', '3.3.3.254/32'],
      ],
    ],
    ['1.2.3.4-1.2.3.4', ['1.2.3.4/32']],
    ['0.0.0.0-255.255.255.255', ['0.0.0.0/0']],
    ['1000::1-1000::6', ['1000::1/128', '1000::2/127', '1000::4/127', '1000::6/128']],
    ['::-::fffe:ffff:ffff', ['::/81', '::8000:0:0/82', '::c000:0:0/83']],
  ])('%s', (entry, cidrs) => {
    const got = summarize(entry);
    expect(got.slice(0, cidrs.length)).toEqual(cidrs);
    if (!entry.startsWith('::-')) expect(got).toEqual(cidrs);
  });

  it('covers the range exactly, in order', () => {
    const r = parseAddressEntry('10.0.0.3-10.0.7.250');
    const cidrs = summarizeRange(r);
    let next = r.first;
    for (const c of cidrs) {
      expect(c.prefix).toBe(next);
      next = c.prefix + (1n << BigInt(32 - c.length));
    }
    expect(next).toBe(r.last + 1n);
  });
});

describe('range helpers', () => {
  const r = (entry: string): IPRange => parseAddressEntry(entry);
  it('overlap', () => {
    expect(rangesOverlap(r('1.2.3.0/24'), r('1.2.3.255-1.2.4.5'))).toBe(true);
    expect(rangesOverlap(r('1.2.3.0/24'), r('1.2.4.0/24'))).toBe(false);
    expect(rangesOverlap(r('0.0.0.0/0'), r('1000::/8'))).toBe(false); // families never overlap
  });
  it('size', () => {
    expect(rangeSize(r('1.2.3.0/24'))).toBe(256n);
    expect(rangeSize(r('1000::/64'))).toBe(1n << 64n);
    expect(rangeSize(r('1.2.3.4-1.2.3.4'))).toBe(1n);
  });
});
