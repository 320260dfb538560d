import { describe, expect, it } from 'vitest';
import {
  buildOpen,
  collisionWinner,
  DEFAULT_GRACEFUL_RESTART_TIME,
  negotiate,
  type SessionConfig,
} from './negotiation';
import { decodeOpenBody, encodeOpenBody } from './open';
import { toHex } from './test-bytes';
import type { Capability, OpenMessage } from './types';

const CONFIG: SessionConfig = {
  localAsn: 64512,
  routerId: '10.0.0.1',
  peerAsn: 64513,
  holdTime: 90,
  connectRetryTime: 120,
  families: [4, 6],
};

function peerOpen(over: Partial<OpenMessage> = {}, caps?: Capability[]): OpenMessage {
  return {
    type: 'open',
    version: 4,
    myAsn: 64513,
    holdTime: 180,
    bgpId: '10.0.0.2',
    capabilities: caps ?? [
      { kind: 'multiprotocol', afi: 1, safi: 1 },
      { kind: 'multiprotocol', afi: 2, safi: 1 },
      { kind: 'routeRefresh' },
      { kind: 'fourOctetAs', asn: 64513 },
    ],
    ...over,
  };
}

describe('buildOpen', () => {
  it('puts AS_TRANS in the 2-octet field for a 4-octet ASN', () => {
    const o = buildOpen({ ...CONFIG, localAsn: 4200000000 });
    expect(o.myAsn).toBe(23456);
    expect(o.capabilities).toContainEqual({ kind: 'fourOctetAs', asn: 4200000000 });
  });
  it('offers the configured families, route refresh and 4-octet AS', () => {
    expect(buildOpen({ ...CONFIG, families: [6] }).capabilities).toEqual([
      { kind: 'multiprotocol', afi: 2, safi: 1 },
      { kind: 'routeRefresh' },
      { kind: 'fourOctetAs', asn: 64512 },
    ]);
  });
});

describe('negotiate', () => {
  it.each<[string, number, number | undefined, number, number]>([
    ['ours lower', 90, undefined, 90, 30],
    ['theirs lower', 300, undefined, 180, 60],
    ['zero disables keepalives', 0, undefined, 0, 0],
    ['configured keepalive below hold/3', 90, 10, 90, 10],
    ['configured keepalive above hold/3 is capped', 90, 60, 90, 30],
    ['hold 3 gives keepalive 1', 3, undefined, 3, 1],
  ])('hold time: %s', (_n, ours, keepalive, hold, ka) => {
    const r = negotiate(
      { ...CONFIG, holdTime: ours, ...(keepalive ? { keepaliveTime: keepalive } : {}) },
      peerOpen(),
    );
    expect(r.ok && [r.negotiated.holdTime, r.negotiated.keepaliveTime]).toEqual([hold, ka]);
  });

  it('peer hold time 0 means no keepalives', () => {
    const r = negotiate(CONFIG, peerOpen({ holdTime: 0 }));
    expect(r.ok && [r.negotiated.holdTime, r.negotiated.keepaliveTime]).toEqual([0, 0]);
  });

  it('derives eBGP parameters', () => {
    const r = negotiate(CONFIG, peerOpen());
    expect(r).toMatchObject({
      ok: true,
      negotiated: {
        peerAsn: 64513,
        ibgp: false,
        fourOctetAs: true,
        families: [4, 6],
        routeRefresh: true,
        peerRouterId: '10.0.0.2',
      },
    });
  });

  it('iBGP when the ASNs match', () => {
    const r = negotiate(
      { ...CONFIG, peerAsn: 64512 },
      peerOpen({ myAsn: 64512 }, [{ kind: 'fourOctetAs', asn: 64512 }]),
    );
    expect(r.ok && r.negotiated.ibgp).toBe(true);
  });

  it('a peer without multiprotocol capabilities carries IPv4 unicast only (RFC 4760 §8)', () => {
    const r = negotiate(CONFIG, peerOpen({}, [{ kind: 'fourOctetAs', asn: 64513 }]));
    expect(r.ok && r.negotiated.families).toEqual([4]);
  });

  it('intersects families', () => {
    const r = negotiate(
      { ...CONFIG, families: [4, 6] },
      peerOpen({}, [{ kind: 'multiprotocol', afi: 2, safi: 1 }]),
    );
    expect(r.ok && r.negotiated.families).toEqual([6]);
  });

  it('records the peer graceful restart capability', () => {
    const gr: Capability = {
      kind: 'gracefulRestart',
      restarting: false,
      notification: false,
      restartTime: 120,
      families: [],
    };
    const r = negotiate(CONFIG, peerOpen({}, [gr]));
    expect(r.ok && r.negotiated.peerGracefulRestart).toEqual(gr);
  });

  it.each<[string, SessionConfig, OpenMessage, number, string]>([
    ['wrong peer AS', CONFIG, peerOpen({ myAsn: 65000 }, []), 2, ''],
    [
      'wrong 4-octet peer AS',
      CONFIG,
      peerOpen({ myAsn: 23456 }, [{ kind: 'fourOctetAs', asn: 4200000000 }]),
      2,
      '',
    ],
    ['peer AS 0', CONFIG, peerOpen({ myAsn: 0 }, []), 2, ''],
    ['internal expected, external seen', { ...CONFIG, peerAsn: 'internal' }, peerOpen(), 2, ''],
    [
      'external expected, internal seen',
      { ...CONFIG, peerAsn: 'external' },
      peerOpen({ myAsn: 64512 }, []),
      2,
      '',
    ],
    ['hold time 2', CONFIG, peerOpen({ holdTime: 2 }), 6, ''],
    ['BGP identifier 0', CONFIG, peerOpen({ bgpId: '0.0.0.0' }), 3, ''],
    [
      'iBGP peer with our identifier',
      { ...CONFIG, peerAsn: 64512 },
      peerOpen({ myAsn: 64512, bgpId: '10.0.0.1' }, []),
      3,
      '',
    ],
    ['version 3', CONFIG, peerOpen({ version: 3 }), 1, '0004'],
    [
      'our 4-octet ASN and a peer without 4-octet support',
      { ...CONFIG, localAsn: 4200000000 },
      peerOpen({}, []),
      7,
      '4104fa56ea00',
    ],
  ])('rejects %s', (_n, config, open, subcode, data) => {
    const r = negotiate(config, open);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect([r.notification.code, r.notification.subcode, toHex(r.notification.data)]).toEqual([
      2,
      subcode,
      data,
    ]);
  });

  it('accepts identical identifiers on eBGP (RFC 6286)', () => {
    expect(negotiate(CONFIG, peerOpen({ bgpId: '10.0.0.1' })).ok).toBe(true);
  });

  it('accepts dynamic ASN modes', () => {
    expect(negotiate({ ...CONFIG, peerAsn: 'external' }, peerOpen()).ok).toBe(true);
    expect(negotiate({ ...CONFIG, peerAsn: 'internal' }, peerOpen({ myAsn: 64512 }, [])).ok).toBe(true);
  });
});

describe('graceful restart capability', () => {
  const GR: SessionConfig = { ...CONFIG, gracefulRestart: { restartTimeSeconds: 120, restarting: true } };

  it("defaults to FRR's restart time of 120 s, as upstream's FRR mode", () => {
    expect(DEFAULT_GRACEFUL_RESTART_TIME).toBe(120);
  });

  it('is not offered unless configured', () => {
    expect(buildOpen(CONFIG).capabilities.some((c) => c.kind === 'gracefulRestart')).toBe(false);
  });

  it('goes on the wire with R and N bits, the restart time and F=1 per family, and decodes back', () => {
    const open = buildOpen(GR);
    const body = encodeOpenBody(open);
    // code 64, length 10, flags R|N (0xc) + 120 s, then <AFI, SAFI, F> for IPv4 and IPv6 unicast.
    expect(toHex(body)).toContain('400ac078' + '00010180' + '00020180');
    const back = decodeOpenBody(body);
    expect(back.ok && back.message).toEqual(open);
    expect(back.ok && back.message.capabilities.at(-1)).toEqual({
      kind: 'gracefulRestart',
      restarting: true,
      notification: true,
      restartTime: 120,
      families: [
        { afi: 1, safi: 1, forwardingPreserved: true },
        { afi: 2, safi: 1, forwardingPreserved: true },
      ],
    });
  });

  it('clears the R bit when not restarting and clamps the restart time to its 12 bits', () => {
    const open = buildOpen({
      ...GR,
      families: [4],
      gracefulRestart: { restartTimeSeconds: 5000, restarting: false },
    });
    expect(toHex(encodeOpenBody(open))).toContain('40064fff' + '00010180');
  });

  const peerGr = (over: Partial<Extract<Capability, { kind: 'gracefulRestart' }>> = {}): Capability => ({
    kind: 'gracefulRestart',
    restarting: false,
    notification: true,
    restartTime: 90,
    families: [
      { afi: 1, safi: 1, forwardingPreserved: false },
      { afi: 2, safi: 1, forwardingPreserved: true },
      { afi: 1, safi: 128, forwardingPreserved: true },
    ],
    ...over,
  });
  const withCaps = (...extra: Capability[]) =>
    peerOpen({}, [
      { kind: 'multiprotocol', afi: 1, safi: 1 },
      { kind: 'multiprotocol', afi: 2, safi: 1 },
      { kind: 'fourOctetAs', asn: 64513 },
      ...extra,
    ]);

  it('is negotiated when both sides offer it, over the negotiated unicast families', () => {
    const r = negotiate(GR, withCaps(peerGr()));
    expect(r.ok && r.negotiated.gracefulRestart).toEqual({
      peerRestartTime: 90,
      peerNotification: true,
      peerRestarting: false,
      families: [
        { family: 4, forwardingPreserved: false },
        { family: 6, forwardingPreserved: true },
      ],
    });
    const v4 = negotiate(
      { ...GR, families: [4] },
      withCaps(peerGr({ restarting: true, notification: false })),
    );
    expect(v4.ok && v4.negotiated.gracefulRestart).toEqual({
      peerRestartTime: 90,
      peerNotification: false,
      peerRestarting: true,
      families: [{ family: 4, forwardingPreserved: false }],
    });
  });

  it('a helper-only peer (no families) still negotiates it', () => {
    const r = negotiate(GR, withCaps(peerGr({ families: [] })));
    expect(r.ok && r.negotiated.gracefulRestart?.families).toEqual([]);
  });

  it('is not negotiated when the peer does not offer it', () => {
    const r = negotiate(GR, withCaps());
    expect(r.ok && 'gracefulRestart' in r.negotiated).toBe(false);
  });

  it('is not negotiated when we do not offer it, though the peer capability is recorded', () => {
    const r = negotiate(CONFIG, withCaps(peerGr()));
    expect(r.ok && 'gracefulRestart' in r.negotiated).toBe(false);
    expect(r.ok && r.negotiated.peerGracefulRestart).toEqual(peerGr());
  });
});

describe('collisionWinner', () => {
  it.each([
    ['10.0.0.2', '10.0.0.1', 'locallyInitiated'],
    ['10.0.0.1', '10.0.0.2', 'peerInitiated'],
    ['200.0.0.1', '9.0.0.1', 'locallyInitiated'], // compared as unsigned integers, not strings
  ] as const)('local %s vs peer %s keeps %s', (local, peer, winner) => {
    expect(collisionWinner(local, peer)).toBe(winner);
  });
});
