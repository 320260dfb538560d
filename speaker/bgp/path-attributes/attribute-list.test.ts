// The walk over an UPDATE's attribute list: raw attribute framing, duplicates, unrecognised
// attributes, flag checks, the mandatory attributes, and which RFC 7606 action wins.
import { describe, expect, it } from 'vitest';
import { toHex } from '../test-bytes';
import { decodeAttributeList } from './attribute-list';

const ORIGIN = [0x40, 1, 1, 0];
const AS_PATH = [0x40, 2, 0];
const NEXT_HOP = [0x40, 3, 4, 192, 0, 2, 1];
const MANDATORY = [...ORIGIN, ...AS_PATH, ...NEXT_HOP];
const CTX = { fourOctetAs: true };

function walk(octets: number[], classicNlri = true) {
  return decodeAttributeList(Uint8Array.from(octets), CTX, classicNlri);
}

function verdict(octets: number[], classicNlri = true) {
  const r = walk(octets, classicNlri);
  if (!r.ok) return { reset: r.error.notification.subcode };
  const n = r.errors.worst?.note.notification;
  return { worst: r.errors.worst?.severity, subcode: n?.subcode, discarded: r.errors.discarded };
}

describe('framing', () => {
  it('reads Extended Length headers', () => {
    const communities = new Array<number>(256).fill(1);
    const r = walk([...MANDATORY, 0xd0, 8, 1, 0, ...communities]);
    expect(r.ok && r.attributes.communities).toHaveLength(64);
  });

  it('an empty list decodes to no attributes', () => {
    expect(walk([], false)).toMatchObject({ ok: true, attributes: {} });
  });

  it('stops at a truncated header or an overrun, keeping what came before', () => {
    for (const tail of [
      [0xc0, 8],
      [0xc0, 8, 8, 1, 2, 3, 4],
    ]) {
      const r = walk([...MANDATORY, ...tail]);
      expect(r.ok && r.attributes.nextHop).toBe('192.0.2.1');
      expect(r.ok && [r.errors.worst?.severity, r.errors.worst?.note.notification.subcode]).toEqual([
        'withdraw',
        1,
      ]);
    }
  });
});

describe('duplicates', () => {
  it('keeps the first copy of an ordinary attribute', () => {
    const r = walk([...MANDATORY, 0x40, 1, 1, 2]);
    expect(r.ok && r.attributes.origin).toBe(0);
    expect(r.ok && r.errors.worst).toBeUndefined();
  });

  it('keeps the first copy even when it was the broken one', () => {
    expect(verdict([0x40, 1, 1, 7, ...MANDATORY])).toMatchObject({ worst: 'withdraw', subcode: 6 });
  });

  it('resets on a second MP_UNREACH_NLRI', () => {
    const mp = [0x80, 15, 3, 0, 2, 1];
    expect(verdict([...mp, ...mp], false)).toEqual({ reset: 1 });
  });
});

describe('unrecognised attributes', () => {
  it('keeps optional ones raw, without the Extended Length bit, in received order', () => {
    const r = walk([...MANDATORY, 0xd0, 99, 0, 1, 7, 0x80, 98, 0]);
    expect(r.ok && r.attributes.unknown).toEqual([
      { flags: 0xc0, type: 99, value: Uint8Array.of(7) },
      { flags: 0x80, type: 98, value: new Uint8Array(0) },
    ]);
  });

  it('resets on a well-known one, quoting it', () => {
    const r = walk([...MANDATORY, 0x40, 50, 1, 7]);
    expect(!r.ok && [r.error.notification.subcode, toHex(r.error.notification.data)]).toEqual([
      2,
      '40320107',
    ]);
  });
});

describe('flags', () => {
  it('ignores the Partial and Extended Length bits', () => {
    const r = walk([0x70, 1, 0, 1, 2, ...AS_PATH, ...NEXT_HOP]);
    expect(r.ok && r.attributes.origin).toBe(2);
  });

  it.each<[string, number[], object]>([
    [
      'ORIGIN optional: withdraw',
      [0xc0, 1, 1, 0, ...AS_PATH, ...NEXT_HOP],
      { worst: 'withdraw', subcode: 4 },
    ],
    [
      'AS4_PATH well-known: discard',
      [...MANDATORY, 0x40, 17, 0],
      { worst: 'discard', subcode: 4, discarded: [17] },
    ],
    ['MP_REACH_NLRI transitive: reset', [...MANDATORY, 0xc0, 14, 0], { reset: 4 }],
  ])('%s', (_name, octets, expected) => {
    expect(verdict(octets)).toMatchObject(expected);
  });
});

describe('mandatory attributes', () => {
  it('are not needed by a withdraw-only UPDATE', () => {
    expect(verdict([], false)).toEqual({ worst: undefined, subcode: undefined, discarded: [] });
  });

  it('NEXT_HOP is needed only for classic NLRI', () => {
    const mpReach = [0x80, 14, 10, 0, 2, 1, 16, ...new Array<number>(15).fill(0), 1, 0];
    mpReach[2] = mpReach.length - 3;
    expect(verdict([...ORIGIN, ...AS_PATH, ...mpReach], false)).toMatchObject({ worst: undefined });
    const r = walk([...ORIGIN, ...AS_PATH]);
    expect(!r.ok || toHex(r.errors.worst?.note.notification.data ?? new Uint8Array(0))).toBe('03');
  });

  it('a raw MP_REACH_NLRI of another family announces too', () => {
    expect(verdict([0x80, 14, 5, 0, 25, 65, 0, 0], false)).toMatchObject({ worst: 'withdraw', subcode: 3 });
  });

  it('a missing attribute does not displace an earlier treat-as-withdraw error', () => {
    const r = walk([0x40, 1, 1, 9]);
    expect(r.ok && r.errors.worst?.note.notification.subcode).toBe(6);
  });

  it('are still checked after a mere discard', () => {
    expect(verdict([0x40, 6, 1, 0])).toMatchObject({ worst: 'withdraw', subcode: 3, discarded: [6] });
  });
});

it('the first error of the strongest action wins', () => {
  const v = verdict([...MANDATORY, 0x40, 6, 1, 0, 0xc0, 8, 0, 0xc0, 32, 0]);
  expect(v).toEqual({ worst: 'withdraw', subcode: 9, discarded: [6] });
  const r = walk([...MANDATORY, 0x40, 6, 1, 0, 0xc0, 8, 0, 0xc0, 32, 0]);
  expect(r.ok && r.errors.worst?.note.reason).toBe('COMMUNITIES length 0');
});
