// The BGP shell: one BgpSession per peer of the plan (desiredState().bgp.sessions). New peers get a
// session, known peers get their routes updated (setRoutes sends the diff), peers whose connection
// parameters changed (address, port, ASNs, router ID, timers, password, ...) get a new session,
// removed peers are stopped (Cease, so the router withdraws their routes at once). Routers may also
// connect to us: one BgpListener (port 179 by default) hands their connections to the session of
// their address. Peers with a BFDProfile get a BFD session (BfdControl); its going Down drops the
// BGP connection at once. Each session's state goes to the BGPSessionStateWriter.
import type { Logger } from '../../k8s/log';
import type { BfdPeerWanted } from '../bfd/peers';
import type { BGPSession as PlannedSession } from '../../api/announce/desired-state';
import type { SessionReport } from '../status/session-state-writer';
import type { Route } from '../../api/announce/advertisement';
import type { SessionEndReason } from './graceful-restart';
import { BgpListener, type IncomingPeer } from './listener';
import { BgpMetrics, peerLabel } from './metrics';
import { connectionKey, sessionOptions, type PeerEnvironment } from './peer-options';
import { BGP_PORT } from './connection';
import { BgpSession, type BgpSessionOptions, type SessionEvent, type SessionStatus } from './session';
import { nodeSockets, unsupportedOptions, type BgpSockets } from './sockets';

export type { NextHops } from './peer-options';
export { connectionKey, needsNewSession, sessionOptions } from './peer-options';

type BfdStateName = SessionReport['bfdState'];

/** Where session states go (BGPSessionStateWriter, or a fake in tests). */
export interface SessionStateSink {
  set(peer: string, report: SessionReport): void;
  remove(peer: string): void;
  prune(peers: Iterable<string>): Promise<number>;
}

/** The part of a BgpSession the manager uses (a fake in tests). */
export interface ManagedSession extends IncomingPeer {
  start(): void;
  stop(reason?: SessionEndReason): Promise<void>;
  reset(reason: string): void;
  setConnectRetryTime(seconds: number): void;
  setRoutes(routes: readonly Route[]): void;
  status(): SessionStatus;
  on(event: 'event', listener: (e: SessionEvent) => void): unknown;
}

/** One BFD session the BGP shell asks for (defined with the BFD shell that runs it). */
export type BfdPeer = BfdPeerWanted;

/** The BFD sessions (speaker/bfd/manager.ts), as the BGP shell uses them. */
export interface BfdControl {
  sync(wanted: BfdPeer[]): void;
  state(peerAddress: string): Exclude<BfdStateName, 'N/A'> | undefined;
  /** Why the peer's BFD session does not run as configured (e.g. echo mode), if it does not. */
  problem(peerAddress: string): string | undefined;
}

export interface BgpManagerOptions {
  /** Router ID, next hops, Secrets and interfaces for deriving session options. */
  env: PeerEnvironment;
  /** Default: Node's sockets. */
  sockets?: BgpSockets;
  /** Accept routers' connections here; absent: never listen. */
  listen?: { host?: string; port: number };
  bfd?: BfdControl;
  states?: SessionStateSink;
  log?: Logger;
  /** Creates the sessions (tests); default new BgpSession(opts). */
  createSession?: (opts: BgpSessionOptions) => ManagedSession;
}

/** The BGPSessionState content of a session. */
export function sessionReport(
  s: SessionStatus,
  peerAddress: string,
  bfd: BfdStateName = 'N/A',
  problem?: string,
): SessionReport {
  const lastError = [s.lastError, problem].filter(Boolean).join('; ');
  return {
    peerAddress,
    bgpState: s.state,
    bfdState: bfd,
    ...(s.establishedAt !== undefined ? { establishedSince: new Date(s.establishedAt).toISOString() } : {}),
    prefixesSent: s.prefixesSent,
    ...(lastError ? { lastError } : {}),
  };
}

interface Entry {
  key: string;
  peerAddress: string;
  bfd: boolean;
  session: ManagedSession;
  unobserve: () => void;
}

export class BgpManager {
  private readonly entries = new Map<string, Entry>();
  /** Peers reported as unusable (no session), by peer name. */
  private readonly failed = new Map<string, string>();
  private readonly sockets: BgpSockets;
  private readonly metrics = new BgpMetrics();
  private listener: BgpListener | undefined;
  private listenerError: string | undefined;
  private chain: Promise<void> = Promise.resolve();
  private pruned = false;
  private stopped = false;

  constructor(private readonly opts: BgpManagerOptions) {
    this.sockets = opts.sockets ?? nodeSockets();
  }

  /** The peers with a session now (tests, diagnostics). */
  peers(): string[] {
    return [...this.entries.keys()].sort();
  }

  session(peer: string): ManagedSession | undefined {
    return this.entries.get(peer)?.session;
  }

  /** The listener's port, once listening. */
  listeningPort(): number | undefined {
    return this.listener?.port;
  }

  /** Makes the sessions match the plan. Calls run one after the other. */
  sync(planned: readonly PlannedSession[]): Promise<void> {
    const snapshot = [...planned];
    const run = this.chain.then(() => this.run(snapshot));
    this.chain = run.catch(() => undefined);
    return run;
  }

  /**
   * A BFD session changed state: report it, and drop the BGP connection when BFD went Down,
   * unless the peer took BFD down on purpose (AdminDown: not a path failure, RFC 5882 §3.2).
   */
  bfdChanged(peerAddress: string, state: string, previous: string, peerAdminDown = false): void {
    for (const [peer, entry] of this.entries) {
      if (entry.peerAddress !== peerAddress || !entry.bfd) continue;
      if (previous === 'Up' && state !== 'Up' && !peerAdminDown) {
        this.opts.log?.warn({ peer, bfd: state }, 'BFD session down: dropping the BGP session');
        entry.session.reset(`BFD session ${state}`);
      }
      this.report(peer, entry);
    }
  }

  /**
   * Stops every session and removes their states. The speaker is going away, perhaps to come
   * back: peers with graceful restart keep our routes until it does, the others withdraw them.
   */
  stop(): Promise<void> {
    this.stopped = true;
    const run = this.chain.then(async () => {
      const all = [...this.entries.keys(), ...this.failed.keys()];
      await Promise.all([...this.entries.keys()].map((peer) => this.teardown(peer, 'restart')));
      this.opts.bfd?.sync([]);
      for (const peer of all) this.opts.states?.remove(peer);
      this.failed.clear();
      await this.listener?.close();
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async run(planned: readonly PlannedSession[]): Promise<void> {
    if (this.stopped) return;
    await this.ensureListening();
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
      await this.teardown(peer, 'peerRemoved');
      this.failed.delete(peer);
      this.opts.states?.remove(peer);
      this.opts.log?.info({ peer }, 'BGP session removed');
    }
    const bfdPeers: BfdPeer[] = [];
    for (const p of planned) {
      const opts = this.optionsFor(p);
      if ('error' in opts) {
        this.refuse(p, opts.error);
        continue;
      }
      this.failed.delete(p.peer);
      const key = connectionKey(opts);
      let entry = this.entries.get(p.peer);
      if (entry && entry.key !== key) {
        this.opts.log?.info({ peer: p.peer }, 'BGP session parameters changed: reconnecting');
        await this.teardown(p.peer, 'reconfigured');
        entry = undefined;
      }
      if (!entry) {
        entry = this.create(p.peer, opts, key);
        entry.session.setRoutes(p.routes);
        entry.session.start();
      } else {
        entry.session.setConnectRetryTime(opts.config.connectRetryTime);
        entry.session.setRoutes(p.routes);
      }
      entry.bfd = p.bfdProfile !== undefined && this.opts.bfd !== undefined;
      if (p.bfdProfile && this.opts.bfd) {
        bfdPeers.push({
          peerAddress: opts.peerAddress,
          ...(opts.sourceAddress ? { localAddress: opts.sourceAddress } : {}),
          multiHop: p.spec.ebgpMultiHop === true,
          profileName: p.bfdProfile.name,
          profile: p.bfdProfile.spec,
        });
      }
      this.report(p.peer, entry);
    }
    this.opts.bfd?.sync(bfdPeers);
  }

  private optionsFor(p: PlannedSession): BgpSessionOptions | { error: string } {
    const opts = sessionOptions(p, { ...this.opts.env, ttlControl: !this.sockets.limitation });
    if ('error' in opts) return opts;
    const unsupported = unsupportedOptions(this.sockets, opts);
    if (unsupported) return { error: unsupported };
    if (p.bfdProfile && !this.opts.bfd)
      return { error: 'BFD is not available on this speaker (see its log)' };
    return { ...opts, sockets: this.sockets };
  }

  private refuse(p: PlannedSession, error: string): void {
    if (this.entries.has(p.peer)) void this.teardown(p.peer, 'shutdown');
    if (this.failed.get(p.peer) !== error) {
      this.opts.log?.warn({ peer: p.peer, err: error }, 'cannot run BGP session');
      this.failed.set(p.peer, error);
    }
    this.opts.states?.set(p.peer, {
      peerAddress: p.spec.peerAddress ?? '',
      bgpState: 'Idle',
      bfdState: 'N/A',
      prefixesSent: 0,
      lastError: error,
    });
  }

  private async ensureListening(): Promise<void> {
    if (!this.opts.listen || this.listener) return;
    const listener = new BgpListener({ ...this.opts.listen, sockets: this.sockets });
    try {
      for (const e of this.entries.values()) listener.add(e.session); // keys go in once listening
      const addr = await listener.listen();
      this.listener = listener;
      this.listenerError = undefined;
      for (const failure of listener.keyFailures) {
        this.opts.log?.error(
          { err: failure },
          "cannot install a peer's TCP-MD5 key: not accepting its connections",
        );
      }
      this.opts.log?.info({ port: addr.port }, 'accepting BGP connections from configured peers');
    } catch (err) {
      const msg = `cannot listen on BGP port ${this.opts.listen.port}: ${(err as Error).message}`;
      if (msg !== this.listenerError) this.opts.log?.error({ err: msg }, 'routers cannot connect to us');
      this.listenerError = msg;
    }
  }

  private create(peer: string, opts: BgpSessionOptions, key: string): Entry {
    const session: ManagedSession = this.opts.createSession?.(opts) ?? new BgpSession(opts);
    const unobserve = this.metrics.observe(peerLabel(opts.peerAddress, opts.peerPort ?? BGP_PORT), session);
    const entry: Entry = { key, peerAddress: opts.peerAddress, bfd: false, session, unobserve };
    this.entries.set(peer, entry);
    session.on('event', (e) => {
      if (e.type === 'message') return; // every KEEPALIVE and UPDATE: counted by the metrics only
      this.opts.log?.debug({ peer, event: e }, 'BGP session event');
      if (this.entries.get(peer) === entry) this.report(peer, entry);
    });
    try {
      this.listener?.add(session);
    } catch (err) {
      this.opts.log?.error(
        { peer, err: (err as Error).message },
        "cannot install the peer's TCP-MD5 key: not accepting its connections",
      );
    }
    this.opts.log?.info({ peer, address: opts.peerAddress, port: opts.peerPort }, 'BGP session created');
    return entry;
  }

  private report(peer: string, entry: Entry): void {
    const bfd = entry.bfd ? (this.opts.bfd?.state(entry.peerAddress) ?? 'Down') : 'N/A';
    const problem = entry.bfd ? this.opts.bfd?.problem(entry.peerAddress) : undefined;
    const status = entry.session.status();
    this.opts.states?.set(peer, sessionReport(status, entry.peerAddress, bfd, problem));
  }

  private async teardown(peer: string, reason: SessionEndReason): Promise<void> {
    const entry = this.entries.get(peer);
    if (!entry) return;
    this.entries.delete(peer);
    this.listener?.remove(entry.session);
    await entry.session.stop(reason);
    entry.unobserve();
  }
}
