// The BGP shell: one BgpSession per peer of the plan (desiredState().bgp.sessions). New peers get a
// session, known peers get their routes updated (setRoutes sends the diff), peers whose connection
// parameters changed (address, port, ASNs, router ID, timers, ...) get a new session, removed peers
// are stopped (Cease, so the router withdraws their routes at once). Each session's state goes to
// the BGPSessionStateWriter on every session event and is removed when the session goes away.
//
// Not here (yet): a BgpListener for passive sessions (the native speaker always connects), BFD,
// TCP-MD5 passwords (BgpSession refuses them: reported as the session's lastError).
import { parseGoDuration } from '../../api/validation';
import type { Logger } from '../../k8s/log';
import type { BGPSession as PlannedSession } from '../desired-state';
import type { SessionReport } from '../status/session-state-writer';
import type { Route } from './advertisement';
import { DEFAULT_CONNECT_RETRY_TIME, DEFAULT_HOLD_TIME } from './negotiation';
import { familyOfAddress } from './prefix';
import { BgpSession, type BgpSessionOptions, type SessionEvent, type SessionStatus } from './session';

/** Next hops to announce instead of the connection's local address. */
export interface NextHops {
  v4?: string;
  v6?: string;
}

/** Where session states go (BGPSessionStateWriter, or a fake in tests). */
export interface SessionStateSink {
  set(peer: string, report: SessionReport): void;
  remove(peer: string): void;
  prune(peers: Iterable<string>): Promise<number>;
}

/** The part of a BgpSession the manager uses (a fake in tests). */
export interface ManagedSession {
  start(): void;
  stop(): Promise<void>;
  setRoutes(routes: readonly Route[]): void;
  status(): SessionStatus;
  on(event: 'event', listener: (e: SessionEvent) => void): unknown;
}

export interface BgpManagerOptions {
  /** Router ID for peers without spec.routerID (an IPv4 address, usually the node's). */
  routerId?: string;
  /** Next-hop override for every session (default: each connection's local address). */
  nextHops?: NextHops;
  states?: SessionStateSink;
  log?: Logger;
  /** Creates the sessions (tests); default new BgpSession(opts). */
  createSession?: (opts: BgpSessionOptions) => ManagedSession;
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

function seconds(text: string | undefined, fallback: number, what: string): number {
  if (text === undefined || text === '') return fallback;
  const ns = parseGoDuration(text);
  if (ns === undefined || ns < 0) throw new Error(`invalid ${what} ${JSON.stringify(text)}`);
  return Math.floor(ns / 1e9);
}

/**
 * The BgpSession options for a planned session, or an error message when it cannot be run by
 * this speaker (unsupported field, no router ID, ...).
 */
export function sessionOptions(
  planned: PlannedSession,
  defaults: { routerId?: string; nextHops?: NextHops },
): BgpSessionOptions | { error: string } {
  const spec = planned.spec;
  try {
    if (!spec.peerAddress) throw new Error('no peerAddress (interface peers are not supported)');
    const family = familyOfAddress(spec.peerAddress);
    if (!family) throw new Error(`peerAddress ${spec.peerAddress} is not an IP address`);
    if (spec.password || spec.passwordSecret)
      throw new Error('BGP passwords (TCP-MD5) are not supported yet');
    if (spec.vrf) throw new Error('VRFs are not supported');
    const routerId = spec.routerID || defaults.routerId;
    if (!routerId || !IPV4.test(routerId)) throw new Error('no IPv4 router ID: set routerID on the BGPPeer');
    const peerAsn = spec.peerASN ?? spec.dynamicASN;
    if (peerAsn === undefined) throw new Error('neither peerASN nor dynamicASN is set');
    const holdTime = seconds(spec.holdTime, DEFAULT_HOLD_TIME, 'holdTime');
    const keepalive = spec.keepaliveTime ? seconds(spec.keepaliveTime, 0, 'keepaliveTime') : undefined;
    return {
      config: {
        localAsn: spec.myASN,
        routerId,
        peerAsn,
        holdTime,
        ...(keepalive !== undefined ? { keepaliveTime: keepalive } : {}),
        connectRetryTime: seconds(spec.connectTime, DEFAULT_CONNECT_RETRY_TIME, 'connectTime'),
        families: spec.disableMP ? [family] : [4, 6],
      },
      peerAddress: spec.peerAddress,
      ...(spec.peerPort ? { peerPort: spec.peerPort } : {}),
      ...(spec.sourceAddress ? { sourceAddress: spec.sourceAddress } : {}),
      ...(defaults.nextHops?.v4 ? { nextHopV4: defaults.nextHops.v4 } : {}),
      ...(defaults.nextHops?.v6 ? { nextHopV6: defaults.nextHops.v6 } : {}),
    };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

/** What identifies a connection: sessions whose keys differ need a new BgpSession. */
export function connectionKey(opts: BgpSessionOptions): string {
  const c = opts.config;
  return JSON.stringify([
    opts.peerAddress,
    opts.peerPort ?? null,
    opts.sourceAddress ?? null,
    opts.nextHopV4 ?? null,
    opts.nextHopV6 ?? null,
    c.localAsn,
    c.peerAsn,
    c.routerId,
    c.holdTime,
    c.keepaliveTime ?? null,
    c.connectRetryTime,
    c.passive ?? false,
    [...c.families].sort(),
  ]);
}

/** Whether going from `before` to `after` needs a new connection (routes never do). */
export function needsNewSession(before: BgpSessionOptions, after: BgpSessionOptions): boolean {
  return connectionKey(before) !== connectionKey(after);
}

/** The BGPSessionState content of a session. */
export function sessionReport(s: SessionStatus, peerAddress: string): SessionReport {
  return {
    peerAddress,
    bgpState: s.state,
    bfdState: 'N/A',
    ...(s.establishedAt !== undefined ? { establishedSince: new Date(s.establishedAt).toISOString() } : {}),
    prefixesSent: s.prefixesSent,
    ...(s.lastError !== undefined ? { lastError: s.lastError } : {}),
  };
}

interface Entry {
  key: string;
  peerAddress: string;
  session: ManagedSession;
}

export class BgpManager {
  private readonly entries = new Map<string, Entry>();
  /** Peers reported as unusable (no session), by peer name. */
  private readonly failed = new Map<string, string>();
  private chain: Promise<void> = Promise.resolve();
  private pruned = false;
  private stopped = false;

  constructor(private readonly opts: BgpManagerOptions = {}) {}

  /** The peers with a session now (tests, diagnostics). */
  peers(): string[] {
    return [...this.entries.keys()].sort();
  }

  session(peer: string): ManagedSession | undefined {
    return this.entries.get(peer)?.session;
  }

  /** Makes the sessions match the plan. Calls run one after the other. */
  sync(planned: readonly PlannedSession[]): Promise<void> {
    const snapshot = [...planned];
    const run = this.chain.then(() => this.run(snapshot));
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Stops every session (routers withdraw their routes) and removes their states. */
  stop(): Promise<void> {
    this.stopped = true;
    const run = this.chain.then(async () => {
      const all = [...this.entries.keys(), ...this.failed.keys()];
      await Promise.all([...this.entries.keys()].map((peer) => this.teardown(peer)));
      for (const peer of all) this.opts.states?.remove(peer);
      this.failed.clear();
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async run(planned: readonly PlannedSession[]): Promise<void> {
    if (this.stopped) return;
    const wanted = new Set(planned.map((p) => p.peer));
    if (!this.pruned && this.opts.states) {
      // Leftovers of an earlier run (or of peers removed while we were down).
      await this.opts.states.prune(wanted).catch((err: Error) => {
        this.opts.log?.warn({ err: err.message }, 'pruning BGPSessionStates failed');
      });
      this.pruned = true;
    }
    for (const peer of [...this.entries.keys(), ...this.failed.keys()]) {
      if (wanted.has(peer)) continue;
      await this.teardown(peer);
      this.failed.delete(peer);
      this.opts.states?.remove(peer);
      this.opts.log?.info({ peer }, 'BGP session removed');
    }
    for (const p of planned) {
      const opts = sessionOptions(p, {
        routerId: this.opts.routerId,
        ...(this.opts.nextHops ? { nextHops: this.opts.nextHops } : {}),
      });
      if ('error' in opts) {
        await this.teardown(p.peer);
        if (this.failed.get(p.peer) !== opts.error) {
          this.opts.log?.warn({ peer: p.peer, err: opts.error }, 'cannot run BGP session');
          this.failed.set(p.peer, opts.error);
        }
        this.opts.states?.set(p.peer, {
          peerAddress: p.spec.peerAddress ?? '',
          bgpState: 'Idle',
          bfdState: 'N/A',
          prefixesSent: 0,
          lastError: opts.error,
        });
        continue;
      }
      this.failed.delete(p.peer);
      const key = connectionKey(opts);
      let entry = this.entries.get(p.peer);
      if (entry && entry.key !== key) {
        this.opts.log?.info({ peer: p.peer }, 'BGP session parameters changed: reconnecting');
        await this.teardown(p.peer);
        entry = undefined;
      }
      if (!entry) {
        entry = this.create(p.peer, opts, key);
        entry.session.setRoutes(p.routes);
        entry.session.start();
        this.report(p.peer, entry);
      } else entry.session.setRoutes(p.routes);
    }
  }

  private create(peer: string, opts: BgpSessionOptions, key: string): Entry {
    const session: ManagedSession = this.opts.createSession?.(opts) ?? new BgpSession(opts);
    const entry: Entry = { key, peerAddress: opts.peerAddress, session };
    this.entries.set(peer, entry);
    session.on('event', (e) => {
      this.opts.log?.debug({ peer, event: e }, 'BGP session event');
      if (this.entries.get(peer) === entry) this.report(peer, entry);
    });
    this.opts.log?.info({ peer, address: opts.peerAddress, port: opts.peerPort }, 'BGP session created');
    return entry;
  }

  private report(peer: string, entry: Entry): void {
    this.opts.states?.set(peer, sessionReport(entry.session.status(), entry.peerAddress));
  }

  private async teardown(peer: string): Promise<void> {
    const entry = this.entries.get(peer);
    if (!entry) return;
    this.entries.delete(peer);
    await entry.session.stop();
  }
}
