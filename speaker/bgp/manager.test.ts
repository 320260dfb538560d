import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { BGPPeerSpecV1beta2 } from '../../api/types';
import type { BGPSession as PlannedSession } from '../desired-state';
import type { SessionReport } from '../status/session-state-writer';
import type { Route } from './advertisement';
import {
  BgpManager,
  needsNewSession,
  sessionOptions,
  sessionReport,
  type ManagedSession,
  type SessionStateSink,
} from './manager';
import type { BgpSessionOptions, SessionEvent, SessionStatus } from './session';

const spec = (s: Partial<BGPPeerSpecV1beta2> = {}): BGPPeerSpecV1beta2 => ({
  myASN: 64500,
  peerASN: 64501,
  peerAddress: '192.0.2.1',
  ...s,
});
const route = (prefix: string): Route => ({ prefix, communities: [], largeCommunities: [] });
const planned = (
  peer: string,
  s: Partial<BGPPeerSpecV1beta2> = {},
  routes: Route[] = [],
): PlannedSession => ({
  peer,
  spec: spec(s),
  advertisements: [],
  routes,
});

function opts(s: Partial<BGPPeerSpecV1beta2> = {}, routerId = '10.0.0.1'): BgpSessionOptions {
  const o = sessionOptions(planned('p', s), { routerId });
  if ('error' in o) throw new Error(o.error);
  return o;
}

describe('sessionOptions', () => {
  it('maps the BGPPeer spec to session options', () => {
    expect(opts({ peerPort: 1790, holdTime: '1m30s', keepaliveTime: '30s', connectTime: '5s' })).toEqual({
      config: {
        localAsn: 64500,
        routerId: '10.0.0.1',
        peerAsn: 64501,
        holdTime: 90,
        keepaliveTime: 30,
        connectRetryTime: 5,
        families: [4, 6],
      },
      peerAddress: '192.0.2.1',
      peerPort: 1790,
    });
    expect(opts({ routerID: '10.9.9.9', disableMP: true }).config).toMatchObject({
      routerId: '10.9.9.9',
      families: [4],
      holdTime: 90,
    });
    expect(opts({ peerASN: undefined, dynamicASN: 'external' }).config.peerAsn).toBe('external');
  });

  it('reports what this speaker cannot run', () => {
    const err = (s: Partial<BGPPeerSpecV1beta2>, routerId?: string) =>
      sessionOptions(planned('p', s), routerId ? { routerId } : {});
    expect(err({ password: 'x' }, '10.0.0.1')).toEqual({ error: expect.stringContaining('TCP-MD5') });
    expect(err({})).toEqual({ error: expect.stringContaining('router ID') });
    expect(err({ peerAddress: undefined, interface: 'eth0' }, '10.0.0.1')).toEqual({
      error: expect.stringContaining('peerAddress'),
    });
    expect(err({ holdTime: 'soon' }, '10.0.0.1')).toEqual({ error: expect.stringContaining('holdTime') });
  });
});

describe('needsNewSession', () => {
  it('is true for connection parameters, false otherwise', () => {
    const base = opts();
    expect(needsNewSession(base, opts())).toBe(false);
    expect(needsNewSession(base, opts({ nodeSelectors: [{ matchLabels: { a: 'b' } }] }))).toBe(false);
    for (const change of [
      { peerAddress: '192.0.2.2' },
      { peerPort: 1790 },
      { myASN: 64502 },
      { peerASN: 64503 },
      { routerID: '10.0.0.2' },
      { holdTime: '30s' },
      { keepaliveTime: '10s' },
      { sourceAddress: '192.0.2.100' },
    ]) {
      expect(needsNewSession(base, opts(change)), JSON.stringify(change)).toBe(true);
    }
    expect(needsNewSession(base, opts({}, '10.0.0.9'))).toBe(true);
  });
});

describe('sessionReport', () => {
  it('turns a session status into BGPSessionState content', () => {
    const status: SessionStatus = {
      peerAddress: '192.0.2.1',
      peerPort: 179,
      state: 'Established',
      establishedAt: Date.parse('2026-11-26T10:00:00Z'),
      uptimeMs: 5,
      prefixesSent: 2,
      skipped: [],
      connectRetryCounter: 0,
      messagesSent: 3,
      messagesReceived: 3,
    };
    expect(sessionReport(status, '192.0.2.1')).toEqual({
      peerAddress: '192.0.2.1',
      bgpState: 'Established',
      bfdState: 'N/A',
      establishedSince: '2026-11-26T10:00:00.000Z',
      prefixesSent: 2,
    });
  });
});

class FakeSession extends EventEmitter<{ event: [SessionEvent] }> implements ManagedSession {
  started = false;
  stopped = false;
  routes: readonly Route[] = [];
  constructor(readonly opts: BgpSessionOptions) {
    super();
  }
  start(): void {
    this.started = true;
  }
  stop(): Promise<void> {
    this.stopped = true;
    return Promise.resolve();
  }
  setRoutes(routes: readonly Route[]): void {
    this.routes = routes;
    this.emit('event', { type: 'routesSent', announced: [], withdrawn: [], messages: 1 });
  }
  status(): SessionStatus {
    return {
      peerAddress: this.opts.peerAddress,
      peerPort: 179,
      state: this.started && !this.stopped ? 'Active' : 'Idle',
      prefixesSent: this.routes.length,
      skipped: [],
      connectRetryCounter: 0,
      messagesSent: 0,
      messagesReceived: 0,
    };
  }
}

class FakeStates implements SessionStateSink {
  readonly current = new Map<string, SessionReport>();
  pruneCalls: string[][] = [];
  set(peer: string, report: SessionReport): void {
    this.current.set(peer, report);
  }
  remove(peer: string): void {
    this.current.delete(peer);
  }
  prune(peers: Iterable<string>): Promise<number> {
    this.pruneCalls.push([...peers]);
    return Promise.resolve(0);
  }
}

describe('BgpManager', () => {
  function setup() {
    const created: FakeSession[] = [];
    const states = new FakeStates();
    const m = new BgpManager({
      routerId: '10.0.0.1',
      states,
      createSession: (o) => {
        const s = new FakeSession(o);
        created.push(s);
        return s;
      },
    });
    return { m, created, states };
  }

  it('creates, updates, recreates and removes sessions, reporting their states', async () => {
    const { m, created, states } = setup();
    await m.sync([planned('a', {}, [route('203.0.113.1/32')]), planned('b', { peerAddress: '192.0.2.2' })]);
    expect(states.pruneCalls).toEqual([['a', 'b']]);
    expect(m.peers()).toEqual(['a', 'b']);
    expect(created.map((s) => s.started)).toEqual([true, true]);
    expect(states.current.get('a')).toMatchObject({ bgpState: 'Active', prefixesSent: 1 });

    // Routes only: same session.
    await m.sync([
      planned('a', {}, [route('203.0.113.1/32'), route('203.0.113.2/32')]),
      planned('b', { peerAddress: '192.0.2.2' }),
    ]);
    expect(created).toHaveLength(2);
    expect(created[0]!.routes).toHaveLength(2);
    expect(states.current.get('a')).toMatchObject({ prefixesSent: 2 });

    // New port for b: a new session; a removed.
    await m.sync([planned('b', { peerAddress: '192.0.2.2', peerPort: 1790 })]);
    expect(created).toHaveLength(3);
    expect(created[0]!.stopped).toBe(true);
    expect(created[1]!.stopped).toBe(true);
    expect(created[2]!.opts.peerPort).toBe(1790);
    expect(m.peers()).toEqual(['b']);
    expect([...states.current.keys()]).toEqual(['b']);
    // Events of the replaced session no longer report.
    created[1]!.setRoutes([route('203.0.113.9/32')]);
    expect(states.current.get('b')).toMatchObject({ prefixesSent: 0, bgpState: 'Active' });
    expect(states.pruneCalls).toHaveLength(1);

    await m.stop();
    expect(created[2]!.stopped).toBe(true);
    expect(states.current.size).toBe(0);
    await m.sync([planned('c')]);
    expect(created).toHaveLength(3);
  });

  it('reports peers it cannot run as Idle with the reason, and recovers', async () => {
    const { m, created, states } = setup();
    await m.sync([planned('a', { password: 'secret' })]);
    expect(created).toHaveLength(0);
    expect(states.current.get('a')).toMatchObject({
      bgpState: 'Idle',
      lastError: expect.stringContaining('TCP-MD5'),
    });
    await m.sync([planned('a')]);
    expect(created).toHaveLength(1);
    expect(states.current.get('a')?.lastError).toBeUndefined();
    await m.sync([]);
    expect(states.current.size).toBe(0);
  });
});
