import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage } from './codec';
import { attributesForForwarding } from './update';
import { BASE_ATTRS, hex, msg, toHex, updateMsg } from './test-bytes';
import type { BgpMessage, CodecContext } from './types';

const FF = 'ffffffffffffffffffffffffffffffff';

function roundTrip(m: BgpMessage, ctx: CodecContext = { fourOctetAs: true }) {
  const bytes = encodeMessage(m, ctx);
  const back = decodeMessage(bytes, ctx);
  expect(back).toEqual({ ok: true, message: m });
  return bytes;
}

describe('byte-exact vectors', () => {
  it.each<[string, BgpMessage, string]>([
    ['KEEPALIVE', { type: 'keepalive' }, `${FF} 0013 04`],
    [
      'NOTIFICATION Cease/Administrative Shutdown',
      { type: 'notification', code: 6, subcode: 2, data: new Uint8Array(0) },
      `${FF} 0015 03 06 02`,
    ],
    [
      'NOTIFICATION with data',
      { type: 'notification', code: 1, subcode: 2, data: hex('0011') },
      `${FF} 0017 03 01 02 0011`,
    ],
    [
      'ROUTE-REFRESH IPv6 unicast',
      { type: 'routeRefresh', afi: 2, safi: 1, subtype: 0 },
      `${FF} 0017 05 0002 00 01`,
    ],
    [
      'OPEN AS 65001 hold 90 id 10.0.0.1 with MP v4/v6, route refresh, 4-octet AS',
      {
        type: 'open',
        version: 4,
        myAsn: 65001,
        holdTime: 90,
        bgpId: '10.0.0.1',
        capabilities: [
          { kind: 'multiprotocol', afi: 1, safi: 1 },
          { kind: 'multiprotocol', afi: 2, safi: 1 },
          { kind: 'routeRefresh' },
          { kind: 'fourOctetAs', asn: 65001 },
        ],
      },
      // capabilities 6 + 6 + 2 + 6 = 20, parameter 22, message 29 + 22 = 51
      `${FF} 0033 01 04 fde9 005a 0a000001 16 02 14 010400010001 010400020001 0200 41040000fde9`,
    ],
    [
      'OPEN with AS_TRANS and a 4-octet ASN, hold 0, no capabilities',
      { type: 'open', version: 4, myAsn: 23456, holdTime: 0, bgpId: '192.0.2.255', capabilities: [] },
      `${FF} 001d 01 04 5ba0 0000 c00002ff 00`,
    ],
    [
      'UPDATE withdraw 10.1.0.0/16 and 192.0.2.128/25',
      { type: 'update', withdrawn: ['10.1.0.0/16', '192.0.2.128/25'], attributes: {}, nlri: [] },
      `${FF} 001f 02 0008 100a01 19c0000280 0000`,
    ],
    [
      'UPDATE announce 203.0.113.7/32 eBGP',
      {
        type: 'update',
        withdrawn: [],
        attributes: { origin: 0, asPath: [{ kind: 'sequence', asns: [4200000000] }], nextHop: '192.0.2.1' },
        nlri: ['203.0.113.7/32'],
      },
      `${FF} 0030 02 0000 0014 400101 00 400206 0201fa56ea00 400304 c0000201 20cb007107`,
    ],
    [
      'UPDATE iBGP with LOCAL_PREF, MED, COMMUNITIES, LARGE_COMMUNITY, 0/0',
      {
        type: 'update',
        withdrawn: [],
        attributes: {
          origin: 2,
          asPath: [],
          nextHop: '10.0.0.1',
          med: 5,
          localPref: 200,
          communities: [0xfde80064],
          largeCommunities: [{ global: 65000, local1: 1, local2: 2 }],
        },
        nlri: ['0.0.0.0/0'],
      },
      `${FF} 004a 02 0000 0032 400101 02 400200 400304 0a000001 800404 00000005 400504 000000c8` +
        ` c00804 fde80064 c0200c 0000fde8 00000001 00000002 00`,
    ],
    [
      'UPDATE IPv6 MP_REACH with global + link-local next hop',
      {
        type: 'update',
        withdrawn: [],
        attributes: {
          origin: 0,
          asPath: [],
          mpReach: { afi: 2, safi: 1, nextHops: ['2001:db8::1', 'fe80::1'], nlri: ['2001:db8:1::/48'] },
        },
        nlri: [],
      },
      `${FF} 004d 02 0000 0036 400101 00 400200 800e2c 0002 01 20 20010db8000000000000000000000001` +
        ` fe800000000000000000000000000001 00 30 20010db80001`,
    ],
    [
      'UPDATE IPv6 MP_UNREACH',
      {
        type: 'update',
        withdrawn: [],
        attributes: { mpUnreach: { afi: 2, safi: 1, withdrawn: ['2001:db8::/32', '::/0'] } },
        nlri: [],
      },
      `${FF} 0023 02 0000 000c 800f09 0002 01 20 20010db8 00`,
    ],
  ])('%s', (_name, m, wire) => {
    const bytes = roundTrip(m);
    expect(toHex(bytes)).toBe(wire.replace(/\s+/g, ''));
  });

  it('AS_PATH in 2-octet mode uses AS_TRANS and adds AS4_PATH (RFC 6793)', () => {
    const m: BgpMessage = {
      type: 'update',
      withdrawn: [],
      attributes: {
        origin: 0,
        asPath: [{ kind: 'sequence', asns: [65001, 4200000000] }],
        nextHop: '192.0.2.1',
      },
      nlri: ['198.51.100.0/24'],
    };
    const bytes = encodeMessage(m, { fourOctetAs: false });
    expect(toHex(bytes)).toContain('400206' + '0202fde95ba0'); // AS_PATH 2-octet
    expect(toHex(bytes)).toContain('c0110a' + '02020000fde9fa56ea00'); // AS4_PATH
    const back = decodeMessage(bytes, { fourOctetAs: false });
    expect(back.ok && back.message.type === 'update' && back.message.attributes.asPath).toEqual([
      { kind: 'sequence', asns: [65001, 23456] },
    ]);
    expect(back.ok && back.message.type === 'update' && back.message.attributes.as4Path).toEqual([
      { kind: 'sequence', asns: [65001, 4200000000] },
    ]);
  });
});

describe('round trips', () => {
  const cases: [string, BgpMessage, CodecContext?][] = [
    [
      'OPEN with graceful restart and unknown capability',
      {
        type: 'open',
        version: 4,
        myAsn: 64512,
        holdTime: 3,
        bgpId: '1.2.3.4',
        capabilities: [
          {
            kind: 'gracefulRestart',
            restarting: true,
            notification: false,
            restartTime: 120,
            families: [{ afi: 1, safi: 1, forwardingPreserved: true }],
          },
          { kind: 'unknown', code: 70, value: new Uint8Array(0) },
          { kind: 'unknown', code: 73, value: hex('0568656c6c6f00') },
        ],
      },
    ],
    [
      'UPDATE with every attribute',
      {
        type: 'update',
        withdrawn: ['10.0.0.0/8'],
        attributes: {
          origin: 1,
          asPath: [
            { kind: 'sequence', asns: [1, 2, 4294967295] },
            { kind: 'set', asns: [7, 8] },
            { kind: 'confedSequence', asns: [9] },
            { kind: 'confedSet', asns: [10] },
          ],
          nextHop: '198.51.100.1',
          med: 0xffffffff,
          localPref: 0,
          atomicAggregate: true,
          aggregator: { asn: 4200000001, address: '10.9.8.7' },
          communities: [0xffffff01, 0xffffff02, 1],
          largeCommunities: [
            { global: 4294967295, local1: 0, local2: 1 },
            { global: 1, local1: 2, local2: 3 },
          ],
          unknown: [
            { flags: 0xc0, type: 99, value: hex('deadbeef') },
            { flags: 0xe0, type: 200, value: new Uint8Array(300) },
          ],
        },
        nlri: ['192.0.2.0/24', '198.51.100.128/25', '1.2.3.4/32'],
      },
    ],
    [
      'UPDATE MP_REACH IPv4 unicast',
      {
        type: 'update',
        withdrawn: [],
        attributes: {
          origin: 0,
          asPath: [],
          mpReach: { afi: 1, safi: 1, nextHops: ['10.0.0.1'], nlri: ['10.2.0.0/16'] },
        },
        nlri: [],
      },
    ],
    [
      'UPDATE MP_REACH for an unknown family (kept raw)',
      {
        type: 'update',
        withdrawn: [],
        attributes: {
          origin: 0,
          asPath: [],
          mpReach: { afi: 25, safi: 65, nextHops: [], nlri: [], raw: hex('001941040a00000100') },
        },
        nlri: [],
      },
    ],
    [
      'UPDATE MP_UNREACH unknown family raw',
      {
        type: 'update',
        withdrawn: [],
        attributes: { mpUnreach: { afi: 2, safi: 128, withdrawn: [], raw: hex('000280aa') } },
        nlri: [],
      },
    ],
    [
      'UPDATE 2-octet AS path',
      {
        type: 'update',
        withdrawn: [],
        attributes: {
          origin: 0,
          asPath: [{ kind: 'sequence', asns: [65001, 1] }],
          nextHop: '192.0.2.9',
          aggregator: { asn: 65001, address: '192.0.2.9' },
        },
        nlri: ['192.0.2.0/24'],
      },
      { fourOctetAs: false },
    ],
    ['empty UPDATE (End-of-RIB)', { type: 'update', withdrawn: [], attributes: {}, nlri: [] }],
    ['NOTIFICATION unknown code', { type: 'notification', code: 200, subcode: 9, data: hex('010203') }],
    ['ROUTE-REFRESH with subtype', { type: 'routeRefresh', afi: 1, safi: 1, subtype: 1 }],
  ];
  it.each(cases)('%s', (_name, m, ctx) => {
    roundTrip(m, ctx);
  });

  it('splits AS_PATH segments longer than 255 ASNs', () => {
    const asns = Array.from({ length: 300 }, (_, i) => i + 1);
    const bytes = encodeMessage({
      type: 'update',
      withdrawn: [],
      attributes: { origin: 0, asPath: [{ kind: 'sequence', asns }], nextHop: '192.0.2.1' },
      nlri: ['192.0.2.0/24'],
    });
    const r = decodeMessage(bytes);
    expect(r.ok && r.message.type === 'update' && r.message.attributes.asPath).toEqual([
      { kind: 'sequence', asns: asns.slice(0, 255) },
      { kind: 'sequence', asns: asns.slice(255) },
    ]);
  });

  it('decodes capabilities spread over several parameters', () => {
    const body = [4, 0xfd, 0xe9, 0, 90, 10, 0, 0, 1, 12, 2, 4, 2, 0, 65, 0, 2, 4, 65, 2, 0, 1]; // bad on purpose
    expect(decodeMessage(msg(1, body)).ok).toBe(false);
    const good = [4, 0xfd, 0xe9, 0, 90, 10, 0, 0, 1, 12, 2, 2, 2, 0, 2, 6, 65, 4, 0, 0, 0xfd, 0xe9];
    expect(decodeMessage(msg(1, good))).toEqual({
      ok: true,
      message: {
        type: 'open',
        version: 4,
        myAsn: 65001,
        holdTime: 90,
        bgpId: '10.0.0.1',
        capabilities: [{ kind: 'routeRefresh' }, { kind: 'fourOctetAs', asn: 65001 }],
      },
    });
  });

  it('decodes RFC 9072 extended optional parameters', () => {
    const caps = [2, 0, 65, 4, 0, 0, 0xfd, 0xe9];
    const body = [
      4,
      0xfd,
      0xe9,
      0,
      90,
      10,
      0,
      0,
      1,
      255,
      255,
      0,
      3 + caps.length,
      2,
      0,
      caps.length,
      ...caps,
    ];
    const r = decodeMessage(msg(1, body));
    expect(r.ok && r.message.type === 'open' && r.message.capabilities).toEqual([
      { kind: 'routeRefresh' },
      { kind: 'fourOctetAs', asn: 65001 },
    ]);
  });

  it('clears host bits of received prefixes', () => {
    const r = decodeMessage(updateMsg([], BASE_ATTRS, [24, 10, 1, 2, 0xff & 0x0, 23, 10, 1, 3]));
    expect(r.ok && r.message.type === 'update' && r.message.nlri).toEqual([
      '10.1.2.0/24',
      '0.0.0.0/0',
      '10.1.2.0/23',
    ]);
  });
});

describe('forwarding', () => {
  it('sets Partial on unknown optional transitive attributes and drops non-transitive ones', () => {
    const fwd = attributesForForwarding({
      origin: 0,
      med: 10,
      unknown: [
        { flags: 0xc0, type: 99, value: hex('01') },
        { flags: 0x80, type: 98, value: hex('02') },
      ],
    });
    expect(fwd).toEqual({ origin: 0, unknown: [{ flags: 0xe0, type: 99, value: hex('01') }] });
    const bytes = encodeMessage({ type: 'update', withdrawn: [], attributes: fwd, nlri: [] });
    expect(toHex(bytes)).toContain('e0630101');
  });
});
