import { describe, expect, it } from 'vitest';
import {
  cease,
  gracefulRestartConfig,
  gracefulShutdownPlan,
  hardReset,
  keepsRoutesAfter,
  type SessionEndReason,
} from './graceful-restart';
import type { Negotiated } from './negotiation';
import { describeNotification } from './notification';
import { toHex } from './test-bytes';

const BASE: Negotiated = {
  peerAsn: 64513,
  peerRouterId: '10.0.0.2',
  ibgp: false,
  holdTime: 90,
  keepaliveTime: 30,
  fourOctetAs: true,
  families: [4, 6],
  routeRefresh: true,
  peerCapabilities: [],
};
const gr = (peerNotification: boolean): Negotiated => ({
  ...BASE,
  gracefulRestart: { peerRestartTime: 120, peerNotification, peerRestarting: false, families: [] },
});
const SESSIONS: Record<string, Negotiated | undefined> = {
  'not established': undefined,
  'no graceful restart': BASE,
  'graceful restart without N': gr(false),
  'graceful restart with N': gr(true),
};

/** NOTIFICATION as "code/subcode data-hex", or "close" for none. */
const show = (n: { code: number; subcode: number; data: Uint8Array } | null) =>
  n ? `${n.code}/${n.subcode} ${toHex(n.data)}`.trim() : 'close';

describe('gracefulShutdownPlan', () => {
  it.each<[string, SessionEndReason, string, boolean]>([
    // A restart keeps the routes whenever graceful restart was negotiated.
    ['not established', 'restart', '6/4', false],
    ['no graceful restart', 'restart', '6/4', false],
    ['graceful restart without N', 'restart', 'close', true],
    ['graceful restart with N', 'restart', '6/4', true],
    // A removed peer loses the routes at once: a bare Cease, or a Hard Reset once N is on.
    ['not established', 'peerRemoved', '6/3', false],
    ['no graceful restart', 'peerRemoved', '6/3', false],
    ['graceful restart without N', 'peerRemoved', '6/3', false],
    ['graceful restart with N', 'peerRemoved', '6/9 0603', false],
    ['no graceful restart', 'shutdown', '6/2', false],
    ['graceful restart without N', 'shutdown', '6/2', false],
    ['graceful restart with N', 'shutdown', '6/9 0602', false],
    // Changed parameters: a new session follows, the helper may keep the routes until it does.
    ['no graceful restart', 'reconfigured', '6/6', false],
    ['graceful restart without N', 'reconfigured', 'close', true],
    ['graceful restart with N', 'reconfigured', '6/6', true],
  ])('%s, %s: %s, peer keeps routes %s', (session, reason, sent, keeps) => {
    const plan = gracefulShutdownPlan(SESSIONS[session], reason);
    expect([show(plan.notification), plan.peerKeepsRoutes]).toEqual([sent, keeps]);
  });
});

describe('keepsRoutesAfter', () => {
  const holdExpired = { code: 4, subcode: 0, data: new Uint8Array(0) };
  it('with N, every NOTIFICATION but Hard Reset leaves the peer in helper mode', () => {
    expect(keepsRoutesAfter(gr(true), holdExpired)).toBe(true);
    expect(keepsRoutesAfter(gr(true), cease(undefined, 2))).toBe(true);
    expect(keepsRoutesAfter(gr(true), hardReset(holdExpired))).toBe(false);
  });
  it('without N only a silent close does', () => {
    expect(keepsRoutesAfter(gr(false), null)).toBe(true);
    expect(keepsRoutesAfter(gr(false), holdExpired)).toBe(false);
  });
  it('without graceful restart nothing does', () => {
    expect(keepsRoutesAfter(BASE, null)).toBe(false);
    expect(keepsRoutesAfter(undefined, null)).toBe(false);
  });
});

describe('cease', () => {
  it.each([
    [1, '6/9 0601'],
    [2, '6/9 0602'],
    [3, '6/9 0603'],
    [4, '6/4'],
    [6, '6/6'],
    [7, '6/7'],
    [8, '6/8'],
  ])('subcode %i with N negotiated sends %s', (subcode, sent) => {
    expect(show(cease(gr(true), subcode))).toBe(sent);
  });
  it('is a bare Cease without N', () => {
    expect(show(cease(gr(false), 3))).toBe('6/3');
    expect(show(cease(BASE, 2))).toBe('6/2');
  });
});

describe('hardReset', () => {
  it('carries the code, subcode and data of the real reason, named in logs', () => {
    const n = hardReset({ code: 3, subcode: 1, data: Uint8Array.of(0xaa) });
    expect(show(n)).toBe('6/9 0301aa');
    expect(describeNotification(n)).toBe(
      'Cease / Hard Reset (UPDATE Message Error / Malformed Attribute List)',
    );
  });
});

describe('gracefulRestartConfig', () => {
  it('sets the R bit within the restart time of the process start', () => {
    expect(gracefulRestartConfig(1_000, 1_000 + 119_999)).toEqual({
      restartTimeSeconds: 120,
      restarting: true,
    });
    expect(gracefulRestartConfig(1_000, 1_000 + 120_000).restarting).toBe(false);
    expect(gracefulRestartConfig(0, 20_000, 10)).toEqual({ restartTimeSeconds: 10, restarting: false });
  });
});
