import { describe, expect, it } from 'vitest';
import { decodeEthernet } from './ethernet';
import { formatIPv6Bytes, ipv6Bytes, ownedIPSet } from './ip-bytes';
import {
  decodeIPv6,
  decodeNeighborMessage,
  encodeIPv6,
  icmpv6Checksum,
  ipv6MulticastMac,
  neighborFrame,
  neighborSolicitationFrame,
  respondNdp,
  solicitedNodeAddress,
  solicitedNodeGroup,
  solicitedNodeMac,
  unsolicitedNeighborAdvertisementFrame,
} from './ndp';
import { hex, toHex } from './test-helpers';

const CLIENT = hex('020000000001');
const US = hex('0200000000aa');
const v6 = (s: string) => ipv6Bytes(s)!;

// Vectors built by hand from the RFC 4861 / RFC 8200 layouts; checksums computed separately over the
// RFC 4443 pseudo-header (source, destination, 32-bit length, 3 zero bytes, next header 58).
// NS from fe80::1 (02:00:00:00:00:01) for 2001:db8::10, to its solicited-node group ff02::1:ff00:10.
const NS_ICMP = '8700 4b43 00000000 20010db8000000000000000000000010 0101 020000000001';
const NS_FRAME =
  '3333ff000010 020000000001 86dd' +
  '60000000 0020 3a ff fe800000000000000000000000000001 ff0200000000000000000001ff000010' +
  NS_ICMP;
// The NA answering it from 02:00:00:00:00:aa: S set, O clear, target LL option, back to fe80::1.
const NA_FRAME =
  '020000000001 0200000000aa 86dd' +
  '60000000 0020 3a ff 20010db8000000000000000000000010 fe800000000000000000000000000001' +
  '8800 d8e5 40000000 20010db8000000000000000000000010 0201 0200000000aa';
// Unsolicited NA for 2001:db8::10 to all-nodes: O set, S clear.
const UNA_FRAME =
  '333300000001 0200000000aa 86dd' +
  '60000000 0020 3a ff 20010db8000000000000000000000010 ff020000000000000000000000000001' +
  '8800 f863 20000000 20010db8000000000000000000000010 0201 0200000000aa';
// DAD NS (from ::, no source LL option) and the answer to all-nodes (S clear, O clear).
const DAD_NS_FRAME =
  '3333ff000010 020000000001 86dd' +
  '60000000 0018 3a ff 00000000000000000000000000000000 ff0200000000000000000001ff000010' +
  '8700 4ccf 00000000 20010db8000000000000000000000010';
const DAD_NA_FRAME =
  '333300000001 0200000000aa 86dd' +
  '60000000 0020 3a ff 20010db8000000000000000000000010 ff020000000000000000000000000001' +
  '8800 1864 00000000 20010db8000000000000000000000010 0201 0200000000aa';

describe('addresses', () => {
  it('computes the solicited-node group and its MAC', () => {
    expect(formatIPv6Bytes(solicitedNodeAddress(v6('2001:db8::abcd:1234:5678')))).toBe('ff02::1:ff34:5678');
    expect(solicitedNodeGroup('fe80::1')).toBe('ff02::1:ff00:1');
    expect(toHex(solicitedNodeMac('2001:db8::abcd:1234:5678')!)).toBe('3333ff345678');
    expect(toHex(ipv6MulticastMac(v6('ff02::1')))).toBe('333300000001');
    expect(solicitedNodeMac('10.0.0.1')).toBeNull();
    expect(solicitedNodeGroup('nope')).toBeNull();
  });
});

describe('IPv6 header', () => {
  it('round-trips traffic class and flow label and cuts Ethernet padding', () => {
    const p = {
      trafficClass: 0xab,
      flowLabel: 0xcdef1,
      nextHeader: 58,
      hopLimit: 64,
      src: v6('2001:db8::1'),
      dst: v6('2001:db8::2'),
      payload: hex('01020304'),
    };
    const b = encodeIPv6(p);
    expect(toHex(b.subarray(0, 8))).toBe('6abcdef100043a40');
    const padded = new Uint8Array(b.length + 6);
    padded.set(b);
    const d = decodeIPv6(padded)!;
    expect(d).toMatchObject({ trafficClass: 0xab, flowLabel: 0xcdef1, nextHeader: 58, hopLimit: 64 });
    expect(toHex(d.payload)).toBe('01020304');
  });
  it('refuses short buffers, other versions and payload lengths past the end', () => {
    const b = hex(NS_FRAME).subarray(14);
    expect(decodeIPv6(b.subarray(0, 39))).toBeNull();
    expect(decodeIPv6(b.subarray(0, b.length - 1))).toBeNull();
    const v4 = b.slice();
    v4[0] = 0x45;
    expect(decodeIPv6(v4)).toBeNull();
  });
});

describe('ICMPv6 checksum', () => {
  it('matches the hand-computed value and verifies to zero', () => {
    const msg = hex(NS_ICMP);
    const src = v6('fe80::1');
    const dst = v6('ff02::1:ff00:10');
    expect(icmpv6Checksum(src, dst, msg)).toBe(0);
    msg[2] = 0;
    msg[3] = 0;
    expect(icmpv6Checksum(src, dst, msg)).toBe(0x4b43);
  });
  it('pads odd lengths with a zero byte', () => {
    const src = v6('::1');
    // 0x0001 + 0x0001 (::1 twice) + length 1 + next header 58 + 0xff00 = 0xff3d; complement 0x00c2.
    expect(icmpv6Checksum(src, src, hex('ff'))).toBe(0x00c2);
  });
});

describe('NS / NA frames', () => {
  it('builds an NS byte-exactly', () => {
    expect(toHex(neighborSolicitationFrame(CLIENT, 'fe80::1', '2001:db8::10'))).toBe(toHex(hex(NS_FRAME)));
    expect(toHex(neighborSolicitationFrame(CLIENT, '::', '2001:db8::10'))).toBe(toHex(hex(DAD_NS_FRAME)));
  });
  it('builds the unsolicited NA byte-exactly', () => {
    expect(toHex(unsolicitedNeighborAdvertisementFrame(US, '2001:db8::10'))).toBe(toHex(hex(UNA_FRAME)));
  });
  it('decodes NS and NA with their options and flags', () => {
    const ns = decodeNeighborMessage(decodeIPv6(decodeEthernet(hex(NS_FRAME))!.payload)!)!;
    expect(ns.type).toBe('ns');
    expect(formatIPv6Bytes(ns.target)).toBe('2001:db8::10');
    expect(ns.type === 'ns' && toHex(ns.sourceLinkLayerAddress!)).toBe('020000000001');
    const na = decodeNeighborMessage(decodeIPv6(decodeEthernet(hex(UNA_FRAME))!.payload)!)!;
    expect(na).toMatchObject({ type: 'na', router: false, solicited: false, override: true });
    const sol = decodeNeighborMessage(decodeIPv6(decodeEthernet(hex(NA_FRAME))!.payload)!)!;
    expect(sol).toMatchObject({ type: 'na', router: false, solicited: true, override: false });
  });
  it('round-trips an NA with every flag through neighborFrame', () => {
    const m = {
      type: 'na' as const,
      router: true,
      solicited: true,
      override: true,
      target: v6('2001:db8::5'),
    };
    const f = neighborFrame(CLIENT, US, v6('2001:db8::5'), v6('2001:db8::9'), m);
    expect(decodeNeighborMessage(decodeIPv6(decodeEthernet(f)!.payload)!)).toEqual(m);
  });
  it('skips unknown options and keeps the first link-layer option', () => {
    const m = hex('8700 0000 00000000 20010db8000000000000000000000010 0e01 000000000000 0101 020000000001');
    const src = v6('fe80::1');
    const dst = v6('ff02::1:ff00:10');
    const sum = icmpv6Checksum(src, dst, m);
    m[2] = sum >> 8;
    m[3] = sum & 0xff;
    const ip = { trafficClass: 0, flowLabel: 0, nextHeader: 58, hopLimit: 255, src, dst, payload: m };
    const ns = decodeNeighborMessage(ip);
    expect(ns?.type === 'ns' && toHex(ns.sourceLinkLayerAddress!)).toBe('020000000001');
  });
});

/** An NS IPv6 packet from hex fields with a correct checksum unless `badSum`. */
function nsPacket(opts: {
  src?: string;
  dst?: string;
  hop?: number;
  icmp?: string;
  badSum?: boolean;
  nextHeader?: number;
}) {
  const src = v6(opts.src ?? 'fe80::1');
  const dst = v6(opts.dst ?? 'ff02::1:ff00:10');
  const m = hex(opts.icmp ?? '8700 0000 00000000 20010db8000000000000000000000010 0101 020000000001');
  m[2] = 0;
  m[3] = 0;
  const sum = icmpv6Checksum(src, dst, m) ^ (opts.badSum ? 1 : 0);
  m[2] = sum >> 8;
  m[3] = sum & 0xff;
  return {
    trafficClass: 0,
    flowLabel: 0,
    nextHeader: opts.nextHeader ?? 58,
    hopLimit: opts.hop ?? 255,
    src,
    dst,
    payload: m,
  };
}

describe('NS / NA validation (RFC 4861 §7.1)', () => {
  it('accepts the baseline', () => {
    expect(decodeNeighborMessage(nsPacket({}))).not.toBeNull();
  });
  it.each<[string, Parameters<typeof nsPacket>[0]]>([
    ['hop limit 64', { hop: 64 }],
    ['hop limit 254', { hop: 254 }],
    ['a bad checksum', { badSum: true }],
    ['next header UDP', { nextHeader: 17 }],
    ['code 1', { icmp: '8701 0000 00000000 20010db8000000000000000000000010 0101 020000000001' }],
    ['a message shorter than 24 bytes', { icmp: '8700 0000 00000000 20010db80000000000000000000000' }],
    ['a multicast target', { icmp: '8700 0000 00000000 ff020000000000000000000000000001' }],
    [
      'a zero-length option',
      { icmp: '8700 0000 00000000 20010db8000000000000000000000010 0100 020000000001' },
    ],
    [
      'an option running past the end',
      { icmp: '8700 0000 00000000 20010db8000000000000000000000010 0102 020000000001' },
    ],
    ['a one-byte option remnant', { icmp: '8700 0000 00000000 20010db8000000000000000000000010 01' }],
    [
      'DAD to a unicast destination',
      { src: '::', dst: '2001:db8::10', icmp: '8700 0000 00000000 20010db8000000000000000000000010' },
    ],
    ['DAD with a source LL option', { src: '::' }],
    ['ICMPv6 echo request', { icmp: '8000 0000 00000000 20010db8000000000000000000000010' }],
    [
      'NA solicited to multicast',
      { dst: 'ff02::1', icmp: '8800 0000 40000000 20010db8000000000000000000000010' },
    ],
  ])('refuses %s', (_name, opts) => {
    expect(decodeNeighborMessage(nsPacket(opts))).toBeNull();
  });
});

describe('respondNdp', () => {
  const owned = ownedIPSet(['2001:DB8:0::10', '10.0.0.5']);
  it('answers an NS for an owned IP to the requester, S set, O clear (as upstream)', () => {
    const r = respondNdp(hex(NS_FRAME), US, owned)!;
    expect(r.ip).toBe('2001:db8::10');
    expect(toHex(r.frame)).toBe(toHex(hex(NA_FRAME)));
  });
  it('sets Override when configured', () => {
    const r = respondNdp(hex(NS_FRAME), US, owned, { override: true })!;
    const na = decodeNeighborMessage(decodeIPv6(decodeEthernet(r.frame)!.payload)!);
    expect(na).toMatchObject({ solicited: true, override: true });
  });
  it('answers DAD to all-nodes with Solicited clear', () => {
    expect(toHex(respondNdp(hex(DAD_NS_FRAME), US, owned)!.frame)).toBe(toHex(hex(DAD_NA_FRAME)));
  });
  it('answers a unicast NS without a source LL option to the frame source MAC', () => {
    const m = { type: 'ns' as const, target: v6('2001:db8::10') };
    const f = neighborFrame(US, CLIENT, v6('2001:db8::99'), v6('2001:db8::10'), m);
    const r = respondNdp(f, US, owned)!;
    const eth = decodeEthernet(r.frame)!;
    expect(toHex(eth.dst)).toBe('020000000001');
    expect(formatIPv6Bytes(decodeIPv6(eth.payload)!.dst)).toBe('2001:db8::99');
  });
  it.each<[string, () => Uint8Array]>([
    ['an NS for an IP not owned', () => neighborSolicitationFrame(CLIENT, 'fe80::1', '2001:db8::11')],
    ['our own NS', () => neighborSolicitationFrame(US, 'fe80::1', '2001:db8::10')],
    ['an NA', () => hex(UNA_FRAME).map((b, i) => (i < 6 ? 0x33 : b))],
    [
      'an NS to another unicast MAC',
      () => hex(NS_FRAME).map((b, i) => (i < 6 ? [2, 0, 0, 0, 0, 0x99][i]! : b)),
    ],
    [
      'an NS to another group',
      () => {
        const m = { type: 'ns' as const, target: v6('2001:db8::10'), sourceLinkLayerAddress: CLIENT };
        return neighborFrame(hex('333300000001'), CLIENT, v6('fe80::1'), v6('ff02::1'), m);
      },
    ],
    [
      'an NS from a multicast source',
      () => {
        const m = { type: 'ns' as const, target: v6('2001:db8::10'), sourceLinkLayerAddress: CLIENT };
        return neighborFrame(hex('3333ff000010'), CLIENT, v6('ff02::2'), v6('ff02::1:ff00:10'), m);
      },
    ],
    ['an NS with hop limit 64', () => hex(NS_FRAME).map((b, i) => (i === 21 ? 64 : b))],
    ['an NS with a bad checksum', () => hex(NS_FRAME).map((b, i) => (i === 57 ? b ^ 0xff : b))],
    ['a truncated NS', () => hex(NS_FRAME).subarray(0, 70)],
  ])('ignores %s', (_name, frame) => {
    expect(respondNdp(frame(), US, owned)).toBeNull();
  });
});
