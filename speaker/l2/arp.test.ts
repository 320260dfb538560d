import { describe, expect, it } from 'vitest';
import {
  ARP_OP_REPLY,
  ARP_OP_REQUEST,
  arpReplyFrame,
  arpRequestFrame,
  decodeArp,
  encodeArp,
  gratuitousArpFrames,
  respondArp,
} from './arp';
import { decodeEthernet } from './ethernet';
import { ownedIPSet } from './ip-bytes';
import { hex, toHex } from './test-helpers';

const CLIENT = hex('020000000001');
const US = hex('0200000000aa');
const PAD = '00'.repeat(18);

// RFC 826 layout, built by hand: who-has 192.168.1.10 tell 192.168.1.1 (from 02:00:00:00:00:01).
const REQUEST =
  'ffffffffffff 020000000001 0806' + '0001 0800 06 04 0001 020000000001 c0a80101 000000000000 c0a8010a' + PAD;
// Its answer from 02:00:00:00:00:aa: 192.168.1.10 is-at 02:00:00:00:00:aa.
const REPLY =
  '020000000001 0200000000aa 0806' + '0001 0800 06 04 0002 0200000000aa c0a8010a 020000000001 c0a80101' + PAD;

describe('ARP codec', () => {
  it('builds a request byte-exactly', () => {
    expect(toHex(arpRequestFrame(CLIENT, '192.168.1.1', '192.168.1.10'))).toBe(toHex(hex(REQUEST)));
  });
  it('decodes a request (padding ignored) and round-trips it', () => {
    const p = decodeArp(decodeEthernet(hex(REQUEST))!.payload)!;
    expect(p).toMatchObject({ operation: ARP_OP_REQUEST, senderIp: '192.168.1.1', targetIp: '192.168.1.10' });
    expect(toHex(p.senderMac)).toBe('020000000001');
    expect(toHex(encodeArp(p))).toBe(toHex(hex(REQUEST).subarray(14, 42)));
  });
  it('builds the reply byte-exactly', () => {
    const req = decodeArp(decodeEthernet(hex(REQUEST))!.payload)!;
    expect(toHex(arpReplyFrame(US, '192.168.1.10', req))).toBe(toHex(hex(REPLY)));
  });
  it('builds the RFC 5227 announcement and the gratuitous reply', () => {
    const [req, rep] = gratuitousArpFrames(US, '10.0.0.5');
    expect(toHex(req)).toBe(
      toHex(
        hex(
          'ffffffffffff 0200000000aa 0806 0001 0800 0604 0001 0200000000aa 0a000005 000000000000 0a000005' +
            PAD,
        ),
      ),
    );
    expect(toHex(rep)).toBe(
      toHex(
        hex(
          'ffffffffffff 0200000000aa 0806 0001 0800 0604 0002 0200000000aa 0a000005 ffffffffffff 0a000005' +
            PAD,
        ),
      ),
    );
  });
  it.each([
    ['truncated', '0001 0800 06 04 0001 020000000001 c0a80101 000000000000 c0a801'],
    ['hardware type 6 (IEEE 802)', '0006 0800 06 04 0001 020000000001 c0a80101 000000000000 c0a8010a'],
    ['protocol type IPv6', '0001 86dd 06 04 0001 020000000001 c0a80101 000000000000 c0a8010a'],
    ['hardware length 8', '0001 0800 08 04 0001 020000000001 c0a80101 000000000000 c0a8010a'],
    ['protocol length 16', '0001 0800 06 10 0001 020000000001 c0a80101 000000000000 c0a8010a'],
    ['opcode 3 (RARP)', '0001 0800 06 04 0003 020000000001 c0a80101 000000000000 c0a8010a'],
    ['opcode 0', '0001 0800 06 04 0000 020000000001 c0a80101 000000000000 c0a8010a'],
    ['opcode 257', '0001 0800 06 04 0101 020000000001 c0a80101 000000000000 c0a8010a'],
  ])('refuses %s', (_name, payload) => {
    expect(decodeArp(hex(payload))).toBeNull();
  });
  it('decodes a reply', () => {
    expect(decodeArp(decodeEthernet(hex(REPLY))!.payload)?.operation).toBe(ARP_OP_REPLY);
  });
  it('throws on caller bugs', () => {
    expect(() => arpRequestFrame(CLIENT, '2001:db8::1', '10.0.0.1')).toThrow(RangeError);
  });
});

describe('respondArp', () => {
  const owned = ownedIPSet(['192.168.1.10', '10.0.0.5']);
  it('answers a broadcast request for an owned IP', () => {
    expect(toHex(respondArp(hex(REQUEST), US, owned)!.frame)).toBe(toHex(hex(REPLY)));
  });
  it('answers a unicast request to our MAC', () => {
    const f = hex(REQUEST);
    f.set(US, 0);
    expect(respondArp(f, US, owned)?.ip).toBe('192.168.1.10');
  });
  it('answers an RFC 5227 probe (sender IP 0.0.0.0) to defend the IP', () => {
    const probe = arpRequestFrame(CLIENT, '0.0.0.0', '10.0.0.5');
    const r = decodeArp(decodeEthernet(respondArp(probe, US, owned)!.frame)!.payload)!;
    expect(r).toMatchObject({ operation: ARP_OP_REPLY, senderIp: '10.0.0.5', targetIp: '0.0.0.0' });
  });
  it.each<[string, () => Uint8Array]>([
    ['an IP not owned', () => arpRequestFrame(CLIENT, '192.168.1.1', '192.168.1.11')],
    ['a reply', () => hex(REPLY)],
    [
      'a request to another unicast MAC',
      () => {
        const f = hex(REQUEST);
        f.set(hex('020000000099'), 0);
        return f;
      },
    ],
    ['our own looped-back announcement', () => gratuitousArpFrames(US, '10.0.0.5')[0]],
    ["another host's announcement", () => gratuitousArpFrames(CLIENT, '10.0.0.5')[0]],
    [
      'an IPv4 frame',
      () => {
        const f = hex(REQUEST);
        f[13] = 0x00;
        return f;
      },
    ],
    ['a truncated frame', () => hex(REQUEST).subarray(0, 30)],
  ])('ignores %s', (_name, frame) => {
    expect(respondArp(frame(), US, owned)).toBeNull();
  });
});
