// Every decode error path and the NOTIFICATION (code, subcode, data) it yields, per RFC 4271 §6 and
// RFC 7606 (treat-as-withdraw / attribute discard / session reset).
import { describe, expect, it } from 'vitest';
import { decodeMessage } from './codec';
import { describeNotification } from './notification';
import { BASE_ATTRS, MARKER, hex, msg, toHex, updateMsg } from './test-bytes';
import type { CodecContext } from './types';

const OPEN_BODY = [4, 0xfd, 0xe9, 0, 90, 10, 0, 0, 1, 0];
const ORIGIN = [0x40, 1, 1, 0];
const AS_PATH = [0x40, 2, 6, 2, 1, 0, 0, 0xfd, 0xe9];
const NEXT_HOP = [0x40, 3, 4, 192, 0, 2, 1];
const NLRI = [24, 192, 0, 2];

describe('session-reset errors', () => {
  const cases: [string, Uint8Array, number, number, string, CodecContext?][] = [
    ['bad marker', Uint8Array.from([...MARKER.slice(0, 15), 0, 0, 19, 4]), 1, 1, ''],
    ['length below 19', Uint8Array.from([...MARKER, 0, 18, 4]), 1, 2, '0012'],
    ['length above 4096', Uint8Array.from([...MARKER, 0x10, 0x01, 4]), 1, 2, '1001'],
    ['length field disagrees with octets', Uint8Array.from([...MARKER, 0, 20, 4]), 1, 2, '0014'],
    ['KEEPALIVE with a body', msg(4, [0]), 1, 2, '0014'],
    ['OPEN shorter than 29', msg(1, [4, 0, 1]), 1, 2, '0016'],
    ['UPDATE shorter than 23', msg(2, [0]), 1, 2, '0014'],
    ['NOTIFICATION shorter than 21', msg(3, [6]), 1, 2, '0014'],
    ['ROUTE-REFRESH not 23 octets', msg(5, [0, 1, 0, 1, 0]), 1, 2, '0018'],
    ['message type 0', msg(0, []), 1, 3, '00'],
    ['message type 6', msg(6, []), 1, 3, '06'],
    ['OPEN version 3', msg(1, [3, ...OPEN_BODY.slice(1)]), 2, 1, '0004'],
    ['OPEN hold time 1', msg(1, [4, 0xfd, 0xe9, 0, 1, 10, 0, 0, 1, 0]), 2, 6, ''],
    ['OPEN hold time 2', msg(1, [4, 0xfd, 0xe9, 0, 2, 10, 0, 0, 1, 0]), 2, 6, ''],
    ['OPEN BGP identifier 0', msg(1, [4, 0xfd, 0xe9, 0, 90, 0, 0, 0, 0, 0]), 2, 3, ''],
    ['OPEN unsupported optional parameter', msg(1, [...OPEN_BODY.slice(0, 9), 3, 1, 1, 0]), 2, 4, ''],
    ['OPEN parameters length too long', msg(1, [...OPEN_BODY.slice(0, 9), 4, 2, 0]), 2, 0, ''],
    ['OPEN trailing octets', msg(1, [...OPEN_BODY, 0]), 2, 0, ''],
    ['OPEN capability overruns parameter', msg(1, [...OPEN_BODY.slice(0, 9), 4, 2, 2, 65, 4]), 2, 0, ''],
    [
      'OPEN 4-octet AS capability of length 2',
      msg(1, [...OPEN_BODY.slice(0, 9), 6, 2, 4, 65, 2, 0, 1]),
      2,
      0,
      '',
    ],
    [
      'OPEN multiprotocol capability of length 3',
      msg(1, [...OPEN_BODY.slice(0, 9), 7, 2, 5, 1, 3, 0, 1, 0]),
      2,
      0,
      '',
    ],
    [
      'OPEN route refresh capability with a value',
      msg(1, [...OPEN_BODY.slice(0, 9), 5, 2, 3, 2, 1, 0]),
      2,
      0,
      '',
    ],
    [
      'OPEN graceful restart of length 3',
      msg(1, [...OPEN_BODY.slice(0, 9), 7, 2, 5, 64, 3, 0, 0, 0]),
      2,
      0,
      '',
    ],
    ['UPDATE withdrawn length overruns', updateMsg([], [], []).map((b, i) => (i === 20 ? 9 : b)), 3, 1, ''],
    ['UPDATE attribute length overruns', msg(2, [0, 0, 0, 9, 0x40, 1, 1, 0]), 3, 1, ''],
    ['UPDATE withdrawn prefix length 33', updateMsg([33, 1, 2, 3, 4, 5], [], []), 3, 10, ''],
    ['UPDATE withdrawn prefix truncated', updateMsg([24, 1, 2], [], []), 3, 10, ''],
    ['UPDATE NLRI prefix length 40', updateMsg([], BASE_ATTRS, [40, 1, 2, 3, 4, 5]), 3, 10, ''],
    ['UPDATE NLRI truncated', updateMsg([], BASE_ATTRS, [32, 1, 2]), 3, 10, ''],
    [
      'unrecognized well-known attribute',
      updateMsg([], [...BASE_ATTRS, 0x40, 50, 1, 7], NLRI),
      3,
      2,
      '40320107',
    ],
    [
      'MP_REACH_NLRI twice',
      updateMsg([], [0x80, 14, 5, 0, 25, 65, 0, 0, 0x80, 14, 5, 0, 25, 65, 0, 0], []),
      3,
      1,
      '',
    ],
    ['MP_UNREACH_NLRI twice', updateMsg([], [0x80, 15, 3, 0, 2, 1, 0x80, 15, 3, 0, 2, 1], []), 3, 1, ''],
    ['MP_REACH_NLRI flags error', updateMsg([], [0x40, 14, 5, 0, 2, 1, 0, 0], []), 3, 4, '400e050002010000'],
    ['MP_REACH_NLRI too short', updateMsg([], [0x80, 14, 3, 0, 2, 1], []), 3, 9, '800e03000201'],
    [
      'MP_REACH_NLRI next hop overruns',
      updateMsg([], [0x80, 14, 5, 0, 2, 1, 16, 0], []),
      3,
      9,
      '800e050002011000',
    ],
    [
      'MP_REACH_NLRI IPv6 next hop of 4 octets',
      updateMsg([], [0x80, 14, 9, 0, 2, 1, 4, 1, 2, 3, 4, 0], []),
      3,
      9,
      '800e09000201040102030400',
    ],
    [
      'MP_REACH_NLRI bad IPv6 prefix',
      updateMsg([], [0x80, 14, 22, 0, 2, 1, 16, ...new Array<number>(16).fill(1), 0, 129], []),
      3,
      9,
      '800e16000201100101010101010101010101010101010100' + '81',
    ],
    ['MP_UNREACH_NLRI too short', updateMsg([], [0x80, 15, 2, 0, 2], []), 3, 9, '800f020002'],
    [
      'MP_UNREACH_NLRI bad prefix',
      updateMsg([], [0x80, 15, 5, 0, 2, 1, 64, 1], []),
      3,
      9,
      '800f050002014001',
    ],
  ];
  it.each(cases)('%s', (_name, bytes, code, subcode, data, ctx) => {
    const r = decodeMessage(bytes, ctx);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect([
      r.error.notification.code,
      r.error.notification.subcode,
      toHex(r.error.notification.data),
    ]).toEqual([code, subcode, data]);
    expect(r.error.reason).not.toBe('');
  });
});

describe('treat-as-withdraw (RFC 7606)', () => {
  const cases: [string, number[], number, number, string, CodecContext?][] = [
    ['ORIGIN length 2', [0x40, 1, 2, 0, 0, ...AS_PATH, ...NEXT_HOP], 3, 5, '40010200' + '00'],
    ['ORIGIN value 3', [0x40, 1, 1, 3, ...AS_PATH, ...NEXT_HOP], 3, 6, '40010103'],
    ['ORIGIN flags optional', [0xc0, 1, 1, 0, ...AS_PATH, ...NEXT_HOP], 3, 4, 'c0010100'],
    ['AS_PATH unknown segment type', [...ORIGIN, 0x40, 2, 6, 5, 1, 0, 0, 0, 1, ...NEXT_HOP], 3, 11, ''],
    ['AS_PATH segment overrun', [...ORIGIN, 0x40, 2, 6, 2, 2, 0, 0, 0, 1, ...NEXT_HOP], 3, 11, ''],
    ['AS_PATH trailing octet', [...ORIGIN, 0x40, 2, 7, 2, 1, 0, 0, 0, 1, 9, ...NEXT_HOP], 3, 11, ''],
    ['AS_PATH zero-length segment', [...ORIGIN, 0x40, 2, 2, 2, 0, ...NEXT_HOP], 3, 11, ''],
    [
      'AS_PATH of 2-octet ASNs read as 4-octet',
      [...ORIGIN, 0x40, 2, 4, 2, 1, 0xfd, 0xe9, ...NEXT_HOP],
      3,
      11,
      '',
    ],
    ['NEXT_HOP length 5', [...ORIGIN, ...AS_PATH, 0x40, 3, 5, 1, 2, 3, 4, 5], 3, 5, '4003050102030405'],
    ['NEXT_HOP 0.0.0.0', [...ORIGIN, ...AS_PATH, 0x40, 3, 4, 0, 0, 0, 0], 3, 8, '40030400000000'],
    ['NEXT_HOP multicast', [...ORIGIN, ...AS_PATH, 0x40, 3, 4, 224, 0, 0, 5], 3, 8, '400304e0000005'],
    ['NEXT_HOP broadcast', [...ORIGIN, ...AS_PATH, 0x40, 3, 4, 255, 255, 255, 255], 3, 8, '400304ffffffff'],
    ['MED length 2', [...BASE_ATTRS, 0x80, 4, 2, 0, 1], 3, 5, '8004020001'],
    ['MED flags transitive', [...BASE_ATTRS, 0xc0, 4, 4, 0, 0, 0, 1], 3, 4, 'c00404' + '00000001'],
    ['LOCAL_PREF length 3', [...BASE_ATTRS, 0x40, 5, 3, 0, 0, 1], 3, 5, '400503000001'],
    ['COMMUNITIES length 3', [...BASE_ATTRS, 0xc0, 8, 3, 1, 2, 3], 3, 9, 'c00803010203'],
    ['COMMUNITIES length 0', [...BASE_ATTRS, 0xc0, 8, 0], 3, 9, 'c00800'],
    ['COMMUNITIES not transitive', [...BASE_ATTRS, 0x80, 8, 4, 1, 2, 3, 4], 3, 4, '80080401020304'],
    [
      'LARGE_COMMUNITY length 8',
      [...BASE_ATTRS, 0xc0, 32, 8, 0, 0, 0, 1, 0, 0, 0, 2],
      3,
      9,
      'c020080000000100000002',
    ],
    ['missing ORIGIN', [...AS_PATH, ...NEXT_HOP], 3, 3, '01'],
    ['missing AS_PATH', [...ORIGIN, ...NEXT_HOP], 3, 3, '02'],
    ['missing NEXT_HOP', [...ORIGIN, ...AS_PATH], 3, 3, '03'],
    ['attribute overruns the list', [...BASE_ATTRS, 0xc0, 8, 8, 1, 2, 3, 4], 3, 1, ''],
    ['truncated attribute header', [...BASE_ATTRS, 0xc0, 8], 3, 1, ''],
  ];
  it.each(cases)('%s', (_name, attrs, code, subcode, data, ctx) => {
    const r = decodeMessage(updateMsg([], attrs, NLRI), ctx);
    expect(r.ok).toBe(true);
    if (!r.ok || r.message.type !== 'update') return;
    expect(r.message.nlri).toEqual(['192.0.2.0/24']);
    const n = r.message.treatAsWithdraw?.notification;
    expect(n && [n.code, n.subcode, toHex(n.data)]).toEqual([code, subcode, data]);
  });

  it('missing NEXT_HOP is fine when only MP_REACH announces', () => {
    const mp = [
      0x80,
      14,
      26,
      0,
      2,
      1,
      16,
      0x20,
      1,
      0x0d,
      0xb8,
      ...new Array<number>(11).fill(0),
      1,
      0,
      32,
      0x20,
      1,
      0x0d,
      0xb8,
    ];
    const r = decodeMessage(updateMsg([], [...ORIGIN, ...AS_PATH, ...mp], []));
    expect(r.ok && r.message.type === 'update' && r.message.treatAsWithdraw).toBeUndefined();
    const noOrigin = decodeMessage(updateMsg([], [...AS_PATH, ...mp], []));
    expect(
      noOrigin.ok &&
        noOrigin.message.type === 'update' &&
        noOrigin.message.treatAsWithdraw?.notification.subcode,
    ).toBe(3);
  });

  it('a withdraw-only UPDATE needs no attributes', () => {
    const r = decodeMessage(updateMsg([24, 10, 0, 0], [], []));
    expect(r).toMatchObject({ ok: true, message: { withdrawn: ['10.0.0.0/24'] } });
    expect(r.ok && r.message.type === 'update' && r.message.treatAsWithdraw).toBeUndefined();
  });

  it('the strongest action wins: treat-as-withdraw over attribute discard', () => {
    const r = decodeMessage(updateMsg([], [...BASE_ATTRS, 0x40, 6, 1, 0, 0xc0, 8, 3, 1, 2, 3], NLRI));
    expect(r.ok && r.message.type === 'update' && r.message.treatAsWithdraw?.notification.subcode).toBe(9);
    expect(r.ok && r.message.type === 'update' && r.message.discarded).toEqual([6]);
  });
});

describe('attribute discard (RFC 7606)', () => {
  const cases: [string, number[], number, CodecContext & { ebgp?: boolean }][] = [
    ['ATOMIC_AGGREGATE with a value', [0x40, 6, 1, 0], 6, { fourOctetAs: true }],
    [
      'AGGREGATOR of 6 octets on a 4-octet session',
      [0xc0, 7, 6, 0, 1, 10, 0, 0, 1],
      7,
      { fourOctetAs: true },
    ],
    [
      'AGGREGATOR of 8 octets on a 2-octet session',
      [0xc0, 7, 8, 0, 0, 0, 1, 10, 0, 0, 1],
      7,
      { fourOctetAs: false },
    ],
    ['LOCAL_PREF from an external peer', [0x40, 5, 4, 0, 0, 0, 100], 5, { fourOctetAs: true, ebgp: true }],
    ['AS4_PATH malformed', [0xc0, 17, 3, 2, 1, 0], 17, { fourOctetAs: true }],
    ['AS4_PATH flags error', [0x40, 17, 6, 2, 1, 0, 0, 0, 1], 17, { fourOctetAs: true }],
    ['AS4_AGGREGATOR of 6 octets', [0xc0, 18, 6, 0, 1, 10, 0, 0, 1], 18, { fourOctetAs: true }],
  ];
  it.each(cases)('%s', (_name, extra, type, ctx) => {
    const base = ctx.fourOctetAs ? BASE_ATTRS : [...ORIGIN, 0x40, 2, 4, 2, 1, 0xfd, 0xe9, ...NEXT_HOP];
    const r = decodeMessage(updateMsg([], [...base, ...extra], NLRI), ctx);
    expect(r.ok).toBe(true);
    if (!r.ok || r.message.type !== 'update') return;
    expect(r.message.treatAsWithdraw).toBeUndefined();
    expect(r.message.discarded).toEqual([type]);
    expect(r.message.attributes.nextHop).toBe('192.0.2.1');
  });

  it('keeps the first of duplicated attributes', () => {
    const r = decodeMessage(updateMsg([], [...BASE_ATTRS, 0x40, 1, 1, 2], NLRI));
    expect(r.ok && r.message.type === 'update' && r.message.attributes.origin).toBe(0);
  });
});

describe('NOTIFICATION names', () => {
  it.each([
    [1, 1, 'Message Header Error / Connection Not Synchronized'],
    [2, 6, 'OPEN Message Error / Unacceptable Hold Time'],
    [3, 11, 'UPDATE Message Error / Malformed AS_PATH'],
    [4, 0, 'Hold Timer Expired / Unspecific'],
    [6, 7, 'Cease / Connection Collision Resolution'],
    [9, 9, 'code 9 / subcode 9'],
  ])('%i/%i', (code, subcode, text) => {
    expect(describeNotification({ code, subcode })).toBe(text);
  });
});

it('hex helper', () => {
  expect(toHex(hex('00 ff'))).toBe('00ff');
});
