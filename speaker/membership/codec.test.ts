import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decode, deriveKey, encode } from './codec';
import type { Message } from './messages';

const key = deriveKey(randomBytes(128));
const ping: Message = {
  t: 'ping',
  seq: 7,
  from: 'node-1',
  updates: [{ name: 'node-1', address: '192.0.2.11', port: 7946, state: 'alive', incarnation: 3 }],
};

describe('membership codec', () => {
  it('round-trips a message', () => {
    expect(decode(key, encode(key, ping))).toEqual({ ok: true, message: ping });
  });

  it('drops what another key, a flipped byte or a truncation produced', () => {
    const data = encode(key, ping);
    expect(decode(deriveKey(randomBytes(128)), data)).toEqual({ ok: false, reason: 'auth' });
    const flipped = Buffer.from(data);
    flipped[20]! ^= 1;
    expect(decode(key, flipped)).toEqual({ ok: false, reason: 'auth' });
    expect(decode(key, data.subarray(0, data.length - 1))).toEqual({ ok: false, reason: 'auth' });
    expect(decode(key, data.subarray(0, 10))).toEqual({ ok: false, reason: 'size' });
    expect(decode(key, Buffer.concat([Buffer.of(9), data.subarray(1)]))).toEqual({
      ok: false,
      reason: 'version',
    });
  });

  it('drops authentic but malformed messages', () => {
    const bad = {
      ...ping,
      updates: [{ name: '', address: 'x', port: 99999, state: 'zombie', incarnation: -1 }],
    };
    expect(decode(key, encode(key, bad as unknown as Message))).toEqual({ ok: false, reason: 'format' });
    expect(decode(key, encode(key, { t: 'nope' } as unknown as Message))).toEqual({
      ok: false,
      reason: 'format',
    });
  });

  it('never throws on random input', () => {
    for (let i = 0; i < 5_000; i++) {
      const r = decode(key, randomBytes(Math.floor(Math.random() * 300)));
      expect(r.ok).toBe(false);
    }
  });

  it('refuses keys too short to be the Secret', () => {
    expect(() => deriveKey(Buffer.alloc(4))).toThrow(/at least 16 bytes/);
  });
});
