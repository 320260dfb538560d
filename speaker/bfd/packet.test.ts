import { describe, expect, it } from 'vitest';
import { hex, prng, toHex } from '../l2/test-helpers';
import {
  BFD_DIAG_NAMES,
  BfdDiag,
  BfdState,
  decodeBfdControl,
  encodeBfdControl,
  ttlAcceptable,
  type BfdRejection,
} from './packet';

// Built by hand from the RFC 5880 §4.1 layout: version 1 diag 0 | Up + Poll | mult 3 | length 24 |
// my 1 | your 2 | desired TX 300000 µs | required RX 300000 µs | echo RX 0.
const UP_POLL = '20 e0 03 18 00000001 00000002 000493e0 000493e0 00000000';
// Version 1 diag 1 (Control Detection Time Expired) | Down + Final + C | mult 5 | length 24 | my 0xdeadbeef |
// your 0 | desired TX 1000000 µs | required RX 50000 µs | echo RX 10000 µs.
const DOWN_FINAL = '21 58 05 18 deadbeef 00000000 000f4240 0000c350 00002710';

describe('BFD control packet codec', () => {
  it('encodes byte-exactly', () => {
    expect(
      toHex(
        encodeBfdControl({
          state: BfdState.Up,
          poll: true,
          detectMult: 3,
          myDiscriminator: 1,
          yourDiscriminator: 2,
          desiredMinTxInterval: 300_000,
          requiredMinRxInterval: 300_000,
        }),
      ),
    ).toBe(toHex(hex(UP_POLL)));
    expect(
      toHex(
        encodeBfdControl({
          diag: BfdDiag.ControlDetectionTimeExpired,
          state: BfdState.Down,
          final: true,
          controlPlaneIndependent: true,
          detectMult: 5,
          myDiscriminator: 0xdeadbeef,
          yourDiscriminator: 0,
          desiredMinTxInterval: 1_000_000,
          requiredMinRxInterval: 50_000,
          requiredMinEchoRxInterval: 10_000,
        }),
      ),
    ).toBe(toHex(hex(DOWN_FINAL)));
  });
  it('decodes every field', () => {
    const r = decodeBfdControl(hex(DOWN_FINAL));
    expect(r).toEqual({
      ok: true,
      packet: {
        version: 1,
        diag: 1,
        state: BfdState.Down,
        poll: false,
        final: true,
        controlPlaneIndependent: true,
        authenticationPresent: false,
        demand: false,
        multipoint: false,
        detectMult: 5,
        length: 24,
        myDiscriminator: 0xdeadbeef,
        yourDiscriminator: 0,
        desiredMinTxInterval: 1_000_000,
        requiredMinRxInterval: 50_000,
        requiredMinEchoRxInterval: 10_000,
      },
    });
    expect(BFD_DIAG_NAMES[1]).toBe('Control Detection Time Expired');
  });
  it('round-trips every state and flag combination', () => {
    for (let state = 0; state < 4; state++) {
      for (let flags = 0; flags < 64; flags++) {
        const fields = {
          diag: (state * 7 + flags) % 9,
          state: state as BfdState,
          poll: !!(flags & 0x20),
          final: !!(flags & 0x10),
          controlPlaneIndependent: !!(flags & 0x08),
          authenticationPresent: false,
          demand: !!(flags & 0x02),
          multipoint: false,
          detectMult: 1 + flags,
          myDiscriminator: 0xffffffff - flags,
          yourDiscriminator: 1000 + flags,
          desiredMinTxInterval: flags * 1000,
          requiredMinRxInterval: 0xffffffff,
          requiredMinEchoRxInterval: 0,
        };
        const r = decodeBfdControl(encodeBfdControl(fields));
        expect(r).toEqual({ ok: true, packet: { ...fields, version: 1, length: 24 } });
      }
    }
  });
  it('carries an authentication section (not verified here)', () => {
    // Simple Password (type 1), length 7, key id 1, "abcd".
    const auth = hex('01 07 01 61626364');
    const b = encodeBfdControl({ ...base(), auth: { type: 1, bytes: auth } });
    expect(b[1]! & 0x04).toBe(0x04);
    expect(b[3]).toBe(31);
    const r = decodeBfdControl(b);
    expect(r.ok && r.packet.auth).toEqual({ type: 1, bytes: auth });
  });
  it('ignores bytes past Length', () => {
    const b = new Uint8Array(30);
    b.set(hex(UP_POLL));
    expect(decodeBfdControl(b).ok).toBe(true);
  });

  const mutate = (h: string, f: (b: Uint8Array) => void) => {
    const b = hex(h);
    f(b);
    return b;
  };
  it.each<[string, Uint8Array, BfdRejection]>([
    ['23 bytes', hex(UP_POLL).subarray(0, 23), 'truncated'],
    ['empty', new Uint8Array(0), 'truncated'],
    ['version 0', mutate(UP_POLL, (b) => (b[0] = 0x00)), 'bad-version'],
    ['version 2', mutate(UP_POLL, (b) => (b[0] = 0x40)), 'bad-version'],
    ['version 7', mutate(UP_POLL, (b) => (b[0] = 0xe0)), 'bad-version'],
    ['Length 23', mutate(UP_POLL, (b) => (b[3] = 23)), 'length-too-short'],
    ['Length 0', mutate(UP_POLL, (b) => (b[3] = 0)), 'length-too-short'],
    ['A set with Length 24', mutate(UP_POLL, (b) => (b[1]! |= 0x04)), 'length-too-short'],
    ['Length beyond the payload', mutate(UP_POLL, (b) => (b[3] = 25)), 'length-exceeds-payload'],
    [
      'auth length 1',
      concat(
        mutate(UP_POLL, (b) => ((b[1]! |= 0x04), (b[3] = 26))),
        hex('0101'),
      ),
      'auth-section-malformed',
    ],
    [
      'auth length past Length',
      concat(
        mutate(UP_POLL, (b) => ((b[1]! |= 0x04), (b[3] = 26))),
        hex('0109'),
      ),
      'auth-section-malformed',
    ],
    ['Detect Mult 0', mutate(UP_POLL, (b) => (b[2] = 0)), 'zero-detect-mult'],
    ['M set', mutate(UP_POLL, (b) => (b[1]! |= 0x01)), 'multipoint-set'],
    ['My Discriminator 0', mutate(UP_POLL, (b) => b.fill(0, 4, 8)), 'zero-my-discriminator'],
    [
      'Your Discriminator 0 in Up',
      mutate(UP_POLL, (b) => b.fill(0, 8, 12)),
      'zero-your-discriminator-in-active-state',
    ],
    [
      'Your Discriminator 0 in Init',
      mutate(UP_POLL, (b) => (b.fill(0, 8, 12), (b[1] = 0x80))),
      'zero-your-discriminator-in-active-state',
    ],
  ])('rejects %s', (_name, buf, reason) => {
    expect(decodeBfdControl(buf)).toEqual({ ok: false, reason });
  });
  it('accepts Your Discriminator 0 in Down and AdminDown', () => {
    expect(decodeBfdControl(mutate(UP_POLL, (b) => (b.fill(0, 8, 12), (b[1] = 0x40)))).ok).toBe(true);
    expect(decodeBfdControl(mutate(UP_POLL, (b) => (b.fill(0, 8, 12), (b[1] = 0x00)))).ok).toBe(true);
  });

  it('never throws on 10,000 random inputs, and re-encodes what it accepts', () => {
    const rand = prng(5880);
    let accepted = 0;
    for (let i = 0; i < 10_000; i++) {
      const len = i % 2 ? 24 + Math.floor(rand() * 16) : Math.floor(rand() * 64);
      const b = Uint8Array.from({ length: len }, () => Math.floor(rand() * 256));
      if (i % 3 === 0 && len >= 24) {
        // Make the header plausible so that the later checks run too.
        b[0] = 0x20 | (b[0]! & 0x1f);
        b[3] = 24 + Math.floor(rand() * (len - 23));
        b[1]! &= 0xfa;
      }
      const r = decodeBfdControl(b);
      if (r.ok) {
        accepted++;
        if (!r.packet.authenticationPresent) {
          const again = encodeBfdControl(r.packet);
          expect(toHex(again.subarray(4))).toBe(toHex(b.subarray(4, 24)));
          expect(toHex(again.subarray(0, 3))).toBe(toHex(b.subarray(0, 3)));
        }
      }
    }
    expect(accepted).toBeGreaterThan(100);
  });
});

describe('ttlAcceptable (RFC 5881 / 5883 GTSM)', () => {
  it.each([
    [255, false, undefined, true],
    [254, false, undefined, false],
    [1, false, undefined, false],
    [254, true, undefined, true],
    [253, true, undefined, false],
    [10, true, 10, true],
    [9, true, 10, false],
  ])('ttl %d multiHop %s min %s → %s', (ttl, multi, min, want) => {
    expect(ttlAcceptable(ttl, multi, min)).toBe(want);
  });
});

function base() {
  return {
    state: BfdState.Up,
    detectMult: 3,
    myDiscriminator: 1,
    yourDiscriminator: 2,
    desiredMinTxInterval: 300_000,
    requiredMinRxInterval: 300_000,
  };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
