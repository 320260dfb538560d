import { describe, expect, it } from 'vitest';
import { arpRequestFrame, gratuitousArpFrames } from './arp';
import { ownedIPSet } from './ip-bytes';
import { neighborSolicitationFrame, unsolicitedNeighborAdvertisementFrame } from './ndp';
import { respond } from './responder';
import { hex, prng } from './test-helpers';

const CLIENT = hex('020000000001');
const US = hex('0200000000aa');
const owned = ownedIPSet(['192.0.2.10', '2001:db8::10']);

describe('respond', () => {
  it('answers ARP and NDP for owned IPs and tags the protocol', () => {
    expect(respond(arpRequestFrame(CLIENT, '192.0.2.1', '192.0.2.10'), US, owned)).toMatchObject({
      protocol: 'arp',
      ip: '192.0.2.10',
    });
    expect(respond(neighborSolicitationFrame(CLIENT, 'fe80::1', '2001:db8::10'), US, owned)).toMatchObject({
      protocol: 'ndp',
      ip: '2001:db8::10',
    });
  });
  it('never answers for IPs not owned, nor with nothing owned', () => {
    expect(respond(arpRequestFrame(CLIENT, '192.0.2.1', '192.0.2.11'), US, owned)).toBeNull();
    expect(respond(neighborSolicitationFrame(CLIENT, 'fe80::1', '2001:db8::11'), US, owned)).toBeNull();
    expect(respond(arpRequestFrame(CLIENT, '192.0.2.1', '192.0.2.10'), US, new Set())).toBeNull();
    // An IPv6 target never matches an IPv4 entry with the same low bytes, and vice versa.
    expect(respond(neighborSolicitationFrame(CLIENT, 'fe80::1', '::ffff:192.0.2.10'), US, owned)).toBeNull();
  });
  it('ignores announcements, other EtherTypes, tiny frames and a bad MAC argument', () => {
    for (const f of gratuitousArpFrames(CLIENT, '192.0.2.10')) expect(respond(f, US, owned)).toBeNull();
    expect(respond(unsolicitedNeighborAdvertisementFrame(CLIENT, '2001:db8::10'), US, owned)).toBeNull();
    const ipv4 = arpRequestFrame(CLIENT, '192.0.2.1', '192.0.2.10');
    ipv4[13] = 0x00;
    expect(respond(ipv4, US, owned)).toBeNull();
    expect(respond(new Uint8Array(0), US, owned)).toBeNull();
    expect(respond(new Uint8Array(13), US, owned)).toBeNull();
    expect(respond(arpRequestFrame(CLIENT, '192.0.2.1', '192.0.2.10'), hex('0102'), owned)).toBeNull();
  });

  it('never throws on 10,000 random inputs, and answers only owned IPs', () => {
    const rand = prng(0x5eed);
    const valid = [
      arpRequestFrame(CLIENT, '192.0.2.1', '192.0.2.10'),
      neighborSolicitationFrame(CLIENT, 'fe80::1', '2001:db8::10'),
      neighborSolicitationFrame(CLIENT, '::', '2001:db8::10'),
    ];
    let answered = 0;
    for (let i = 0; i < 10_000; i++) {
      let frame: Uint8Array;
      const mode = i % 4;
      if (mode === 0) {
        // Pure noise of random length.
        frame = Uint8Array.from({ length: Math.floor(rand() * 120) }, () => Math.floor(rand() * 256));
      } else if (mode === 1) {
        // Noise behind a plausible header, so that the ARP and IPv6 decoders see it.
        frame = Uint8Array.from({ length: 14 + Math.floor(rand() * 100) }, () => Math.floor(rand() * 256));
        frame.set(rand() < 0.5 ? [0x08, 0x06] : [0x86, 0xdd], 12);
        if (frame.length > 14 && frame[12] === 0x86) frame[14] = 0x60 | (frame[14]! & 0x0f);
      } else {
        // A valid request with a few bytes flipped, or truncated.
        frame = valid[Math.floor(rand() * valid.length)]!.slice();
        const flips = 1 + Math.floor(rand() * 3);
        for (let k = 0; k < flips; k++) frame[Math.floor(rand() * frame.length)] = Math.floor(rand() * 256);
        if (mode === 3) frame = frame.subarray(0, Math.floor(rand() * frame.length));
      }
      const r = respond(frame, US, owned);
      if (r) {
        answered++;
        expect(owned.has(r.ip)).toBe(true);
        expect(r.frame.length).toBeGreaterThanOrEqual(60);
      }
    }
    // Some mutations keep the request intact (a flipped padding byte), so a few answers are expected.
    expect(answered).toBeGreaterThan(0);
  });
});
