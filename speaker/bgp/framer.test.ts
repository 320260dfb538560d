import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage } from './codec';
import { MessageFramer, type FrameResult } from './framer';
import { concatBytes } from './bytes';
import { MARKER, toHex } from './test-bytes';
import type { BgpMessage } from './types';

const MESSAGES: BgpMessage[] = [
  {
    type: 'open',
    version: 4,
    myAsn: 65001,
    holdTime: 90,
    bgpId: '10.0.0.1',
    capabilities: [{ kind: 'fourOctetAs', asn: 65001 }],
  },
  { type: 'keepalive' },
  {
    type: 'update',
    withdrawn: ['10.0.0.0/24'],
    attributes: { origin: 0, asPath: [], nextHop: '10.0.0.1', localPref: 100 },
    nlri: ['192.0.2.1/32', '192.0.2.2/32'],
  },
  { type: 'routeRefresh', afi: 1, safi: 1, subtype: 0 },
  { type: 'notification', code: 6, subcode: 2, data: new Uint8Array(0) },
];
const STREAM = concatBytes(MESSAGES.map((m) => encodeMessage(m)));

function decodeAll(results: FrameResult[]): BgpMessage[] {
  return results.map((r) => {
    if (!r.ok) throw new Error(r.error.reason);
    const d = decodeMessage(r.message);
    if (!d.ok) throw new Error(d.error.reason);
    return d.message;
  });
}

describe('MessageFramer', () => {
  it('yields every message from one chunk', () => {
    expect(decodeAll(new MessageFramer().push(STREAM))).toEqual(MESSAGES);
  });

  it('splits at every byte offset (two chunks)', () => {
    for (let cut = 0; cut <= STREAM.length; cut++) {
      const f = new MessageFramer();
      const out = [...f.push(STREAM.subarray(0, cut)), ...f.push(STREAM.subarray(cut))];
      expect(decodeAll(out)).toEqual(MESSAGES);
      expect(f.buffered).toBe(0);
    }
  });

  it('splits at every pair of offsets (three chunks)', () => {
    for (let a = 0; a <= STREAM.length; a += 3) {
      for (let b = a; b <= STREAM.length; b += 5) {
        const f = new MessageFramer();
        const out = [
          ...f.push(STREAM.subarray(0, a)),
          ...f.push(STREAM.subarray(a, b)),
          ...f.push(STREAM.subarray(b)),
        ];
        expect(out.length).toBe(MESSAGES.length);
      }
    }
  });

  it('takes one byte at a time', () => {
    const f = new MessageFramer();
    const out: FrameResult[] = [];
    for (const byte of STREAM) out.push(...f.push(Uint8Array.of(byte)));
    expect(decodeAll(out)).toEqual(MESSAGES);
  });

  it('keeps a partial message buffered', () => {
    const f = new MessageFramer();
    expect(f.push(STREAM.subarray(0, 10))).toEqual([]);
    expect(f.buffered).toBe(10);
  });

  it('does not keep a reference to the caller buffer', () => {
    const f = new MessageFramer();
    const chunk = Uint8Array.from(STREAM.subarray(0, 20));
    f.push(chunk);
    chunk.fill(0);
    expect(decodeAll(f.push(STREAM.subarray(20)))).toEqual(MESSAGES);
  });

  it.each([
    ['bad marker', Uint8Array.from([...MARKER.slice(1), 0, 0, 19, 4]), 1, 1, ''],
    ['length 5000', Uint8Array.from([...MARKER, 0x13, 0x88, 2]), 1, 2, '1388'],
    ['length 18', Uint8Array.from([...MARKER, 0, 18, 4]), 1, 2, '0012'],
    ['type 9', Uint8Array.from([...MARKER, 0, 19, 9]), 1, 3, '09'],
  ])('reports %s once, after the good messages, then stays failed', (_n, bad, code, subcode, data) => {
    const f = new MessageFramer();
    const out = f.push(
      concatBytes([encodeMessage({ type: 'keepalive' }), bad, encodeMessage({ type: 'keepalive' })]),
    );
    expect(out.length).toBe(2);
    expect(out[0]?.ok).toBe(true);
    const err = out[1];
    expect(
      err &&
        !err.ok && [
          err.error.notification.code,
          err.error.notification.subcode,
          toHex(err.error.notification.data),
        ],
    ).toEqual([code, subcode, data]);
    expect(f.push(encodeMessage({ type: 'keepalive' }))).toEqual([]);
  });
});
