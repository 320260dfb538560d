// Robustness: random and mutated input never makes the decoder throw; every result is either a
// message or a NOTIFICATION with a known error code, and decoded messages re-encode.
import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage } from './codec';
import { MessageFramer } from './framer';
import { BASE_ATTRS, msg, updateMsg } from './test-bytes';
import type { CodecContext, DecodeResult } from './types';
import { prng } from '../../api/test-prng';

const SEEDS: Uint8Array[] = [
  encodeMessage({
    type: 'open',
    version: 4,
    myAsn: 65001,
    holdTime: 90,
    bgpId: '10.0.0.1',
    capabilities: [
      { kind: 'multiprotocol', afi: 1, safi: 1 },
      { kind: 'multiprotocol', afi: 2, safi: 1 },
      { kind: 'routeRefresh' },
      { kind: 'fourOctetAs', asn: 4200000000 },
      {
        kind: 'gracefulRestart',
        restarting: false,
        notification: true,
        restartTime: 90,
        families: [{ afi: 1, safi: 1, forwardingPreserved: false }],
      },
    ],
  }),
  encodeMessage({
    type: 'update',
    withdrawn: ['10.0.0.0/8', '10.1.2.3/32'],
    attributes: {
      origin: 0,
      asPath: [
        { kind: 'sequence', asns: [65001, 65002] },
        { kind: 'set', asns: [1] },
      ],
      nextHop: '192.0.2.1',
      med: 1,
      localPref: 100,
      atomicAggregate: true,
      aggregator: { asn: 65001, address: '192.0.2.1' },
      communities: [1, 2],
      largeCommunities: [{ global: 1, local1: 2, local2: 3 }],
      unknown: [{ flags: 0xc0, type: 99, value: Uint8Array.of(1, 2, 3) }],
    },
    nlri: ['192.0.2.0/24', '198.51.100.7/32'],
  }),
  encodeMessage({
    type: 'update',
    withdrawn: [],
    attributes: {
      origin: 0,
      asPath: [],
      mpReach: {
        afi: 2,
        safi: 1,
        nextHops: ['2001:db8::1', 'fe80::1'],
        nlri: ['2001:db8:1::/48', '2001:db8::5/128'],
      },
      mpUnreach: { afi: 2, safi: 1, withdrawn: ['2001:db8:2::/48'] },
    },
    nlri: [],
  }),
  encodeMessage({ type: 'notification', code: 6, subcode: 2, data: Uint8Array.of(1) }),
  encodeMessage({ type: 'keepalive' }),
  encodeMessage({ type: 'routeRefresh', afi: 2, safi: 1, subtype: 0 }),
  updateMsg([], BASE_ATTRS, [24, 192, 0, 2]),
  msg(1, [4, 0, 1, 0, 3, 1, 1, 1, 1, 0]),
];

function mutate(r: () => number, seed: Uint8Array): Uint8Array {
  const b = Array.from(seed);
  const n = 1 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) {
    const kind = Math.floor(r() * 5);
    const at = Math.floor(r() * b.length);
    if (kind === 0)
      b[at] = Math.floor(r() * 256); // replace a byte
    else if (kind === 1)
      b[at] = (b[at] ?? 0) ^ (1 << Math.floor(r() * 8)); // flip a bit
    else if (kind === 2)
      b.splice(at, 1); // delete
    else if (kind === 3)
      b.splice(at, 0, Math.floor(r() * 256)); // insert
    else b.length = Math.max(0, at); // truncate
  }
  // Mostly keep the header consistent so mutations reach the body decoders.
  if (r() < 0.8 && b.length >= 19) {
    for (let i = 0; i < 16; i++) b[i] = 0xff;
    b[16] = (b.length >> 8) & 0xff;
    b[17] = b.length & 0xff;
  }
  return Uint8Array.from(b);
}

function randomMessage(r: () => number): Uint8Array {
  const len = Math.floor(r() * 80);
  const body = Array.from({ length: len }, () => Math.floor(r() * 256));
  const type = 1 + Math.floor(r() * 6);
  if (r() < 0.1) return Uint8Array.from(body); // no header at all
  return msg(type, body);
}

function check(result: DecodeResult, ctx: CodecContext): void {
  if (result.ok) {
    // Whatever decodes re-encodes without throwing (and fits, since it came from a <=4096 message).
    expect(() => encodeMessage(result.message, ctx)).not.toThrow();
  } else {
    expect(result.error.notification.code).toBeGreaterThanOrEqual(1);
    expect(result.error.notification.code).toBeLessThanOrEqual(3);
    expect(result.error.reason).not.toMatch(/decoder failure/);
  }
}

describe('decoder robustness', () => {
  it('10,000 mutated and random messages never throw', () => {
    const r = prng(0xb6b);
    let decoded = 0;
    let rejected = 0;
    for (let i = 0; i < 10_000; i++) {
      const ctx: CodecContext & { ebgp?: boolean } = { fourOctetAs: r() < 0.7, ebgp: r() < 0.5 };
      const input =
        i % 4 === 3
          ? randomMessage(r)
          : mutate(r, SEEDS[Math.floor(r() * SEEDS.length)] ?? new Uint8Array(0));
      let result: DecodeResult | undefined;
      expect(() => {
        result = decodeMessage(input, ctx);
      }).not.toThrow();
      if (!result) throw new Error('no result');
      check(result, ctx);
      if (result.ok) decoded++;
      else rejected++;
    }
    // Both paths are exercised heavily.
    expect(decoded).toBeGreaterThan(1000);
    expect(rejected).toBeGreaterThan(1000);
  });

  it('the framer never throws on random streams', () => {
    const r = prng(42);
    for (let i = 0; i < 500; i++) {
      const f = new MessageFramer();
      const stream = Uint8Array.from([
        ...SEEDS.flatMap((s) => (r() < 0.5 ? Array.from(mutate(r, s)) : Array.from(s))),
      ]);
      let at = 0;
      while (at < stream.length) {
        const n = 1 + Math.floor(r() * 64);
        for (const fr of f.push(stream.subarray(at, at + n))) {
          if (fr.ok) check(decodeMessage(fr.message), { fourOctetAs: true });
        }
        at += n;
      }
    }
  });
});
