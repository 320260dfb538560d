import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { BGPPeerSpecV1beta2 } from '../../api/types';
import type { BGPSession as PlannedSession } from '../../api/announce/desired-state';
import type { SessionReport } from '../status/session-state-writer';
import type { Route } from '../../api/announce/advertisement';
import {
  BgpManager,
  sessionReport,
  type BfdControl,
  type BfdPeer,
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
  resets: string[] = [];
  routes: readonly Route[] = [];
  readonly peerAddress: string;
  readonly socketOptions = {};
  constructor(readonly opts: BgpSessionOptions) {
    super();
    this.peerAddress = opts.peerAddress;
  }
  acceptIncoming(): boolean {
    return false;
  }
  reset(reason: string): void {
    this.resets.push(reason);
  }
  connectRetryTime: number | undefined;
  setConnectRetryTime(seconds: number): void {
    this.connectRetryTime = seconds;
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
  function setup(bfd?: BfdControl) {
    const created: FakeSession[] = [];
    const states = new FakeStates();
    const m = new BgpManager({
      env: { routerId: '10.0.0.1', nodeName: 'node-1', namespace: 'metallb-system' },
      ...(bfd ? { bfd } : {}),
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
      lastError: 'a TCP-MD5 password needs the native addon, which is not loaded',
    });
    await m.sync([planned('a')]);
    expect(created).toHaveLength(1);
    expect(states.current.get('a')?.lastError).toBeUndefined();
    await m.sync([]);
    expect(states.current.size).toBe(0);
  });

  it('runs BFD for peers with a profile, reports its state, and drops the BGP connection when it goes Down', async () => {
    const synced: BfdPeer[][] = [];
    const bfdStates = new Map<string, 'Up' | 'Down'>();
    const bfd: BfdControl = {
      sync: (w) => void synced.push(w),
      state: (a) => bfdStates.get(a),
      problem: (a) => (a === '192.0.2.2' ? 'echo mode is not supported' : undefined),
    };
    const { m, created, states } = setup(bfd);
    const profile = { name: 'fast', spec: { receiveInterval: 300 } };
    await m.sync([
      { ...planned('a'), bfdProfile: profile },
      { ...planned('b', { peerAddress: '192.0.2.2', ebgpMultiHop: true }), bfdProfile: profile },
      planned('c', { peerAddress: '192.0.2.3' }),
    ]);
    expect(synced.at(-1)).toEqual([
      { peerAddress: '192.0.2.1', multiHop: false, profileName: 'fast', profile: profile.spec },
      { peerAddress: '192.0.2.2', multiHop: true, profileName: 'fast', profile: profile.spec },
    ]);
    expect(states.current.get('a')?.bfdState).toBe('Down');
    expect(states.current.get('b')?.lastError).toBe('echo mode is not supported');
    expect(states.current.get('c')?.bfdState).toBe('N/A');
    bfdStates.set('192.0.2.1', 'Up');
    m.bfdChanged('192.0.2.1', 'Up', 'Down');
    expect(states.current.get('a')?.bfdState).toBe('Up');
    expect(created[0]!.resets).toEqual([]);
    bfdStates.set('192.0.2.1', 'Down');
    m.bfdChanged('192.0.2.1', 'Down', 'Up');
    expect(created[0]!.resets).toEqual(['BFD session Down']);
    expect(states.current.get('a')?.bfdState).toBe('Down');
    await m.stop();
    expect(synced.at(-1)).toEqual([]);
  });

  it('refuses a BFD profile when BFD cannot run here', async () => {
    const { m, created, states } = setup();
    await m.sync([{ ...planned('a'), bfdProfile: { name: 'fast', spec: {} } }]);
    expect(created).toHaveLength(0);
    expect(states.current.get('a')?.lastError).toMatch(/BFD is not available/);
  });
});
