// The BFD shell: one session (session.ts reducer) per wanted peer, its two timers, a sending socket
// each and a listener per BFD port in use, through a BfdTransport. It reports state changes to the
// BGP shell, which takes a BGP session down when its BFD session leaves Up.
//
// Choices: sessions are keyed by canonical peer address; removing one (or stop()) first sends
// AdminDown so the peer does not wait for its detection timer, and is not reported as a change (the
// caller asked for it). Echo mode is not implemented: a profile asking for it gets a problem() and
// the session runs in asynchronous mode. Received packets that fail any check are dropped and
// counted by reason (drops()); they never reach, hence never disturb, a session.
import { randomInt } from 'node:crypto';
import type { Logger } from '../../k8s/log';
import { bfdMetrics, initPeerSeries, removePeerSeries } from './metrics';
import { BFD_DIAG_NAMES, BFD_STATE_NAMES, BfdDiag, BfdState, encodeBfdControl } from './packet';
import {
  allocateDiscriminator,
  canonicalAddress,
  demultiplex,
  needsNewSession,
  planPeers,
  type BfdPeerPlan,
  type BfdPeerWanted,
  type DemuxLookup,
  type DemuxSession,
} from './peers';
import {
  bfdReduce,
  createBfdSession,
  detectionTimeUs,
  txIntervalUs,
  type BfdAction,
  type BfdEvent,
  type BfdSession,
  type BfdStep,
} from './session';
import type { BfdReceived, BfdSender, BfdTransport } from './transport';

export type { BfdPeerWanted } from './peers';

export type BfdStateName = 'AdminDown' | 'Down' | 'Init' | 'Up';

export interface BfdChange {
  state: BfdStateName;
  previous: BfdStateName;
  /** Our diagnostic: why the session left Up (Control Detection Time Expired, Neighbor Signaled Session Down, ...). */
  diag: BfdDiag;
  diagName: string;
  /**
   * The peer's state as last heard. 'AdminDown' with diag Neighbor Signaled Session Down means the
   * peer disabled the session on purpose, not a path failure (RFC 5882 §3.2 leaves it to the client).
   */
  remoteState: BfdStateName;
}

export type BfdChangeListener = (peerAddress: string, change: BfdChange) => void;

export interface BfdPeerStatus {
  peerAddress: string;
  profileName: string;
  multiHop: boolean;
  state: BfdStateName;
  remoteState: BfdStateName;
  diag: BfdDiag;
  diagName: string;
  localDiscriminator: number;
  remoteDiscriminator: number;
  /** Transmit interval before jitter, ms. */
  txIntervalMs: number;
  /** Detection Time, ms (0 until the peer is heard). */
  detectionTimeMs: number;
  /** Our UDP source port, once the sending socket is open. */
  sourcePort?: number;
  /** The last send failure (e.g. no route), cleared by the next successful send. */
  lastSendError?: string;
  problem?: string;
}

export interface BfdManagerOptions {
  transport: BfdTransport;
  log?: Logger;
  /** Uniform in [0, 1): transmit jitter and, when given, discriminators (tests). Default: Math.random and crypto. */
  random?: () => number;
}

interface Peer {
  plan: BfdPeerPlan;
  session: BfdSession;
  sender?: BfdSender;
  senderProblem?: string;
  lastSendError?: string;
  tx?: ReturnType<typeof setTimeout>;
  detect?: ReturnType<typeof setTimeout>;
  /** Being removed: its last transitions are not reported. */
  removing?: boolean;
}

type Listener = { close(): void } | { error: string };

/** How soon a socket that could not be opened (port taken, interface missing) is tried again. */
export const RETRY_MS = 5_000;

const stateName = (s: BfdState): BfdStateName => BFD_STATE_NAMES[s] as BfdStateName;
const errText = (e: unknown) => (e instanceof Error ? e.message : String(e));

export class BfdManager {
  private readonly peersByKey = new Map<string, Peer>();
  private readonly byDiscr = new Map<number, Peer>();
  private readonly listeners = new Map<number, Listener>();
  private readonly rejected = new Map<string, string>();
  private readonly changeListeners = new Set<BfdChangeListener>();
  private readonly dropCounts = new Map<string, number>();
  private readonly metrics = bfdMetrics();
  private readonly random: () => number;
  private readonly drawDiscr: () => number;
  private stopped = false;
  /** What the last sync asked for, and a retry of it while a socket could not be opened. */
  private lastWanted: readonly BfdPeerWanted[] = [];
  private retry: NodeJS.Timeout | undefined;

  private readonly lookup: DemuxLookup = {
    byDiscriminator: (d) => this.view(this.byDiscr.get(d)),
    byAddress: (a) => this.view(this.peersByKey.get(a)),
  };

  constructor(private readonly opts: BfdManagerOptions) {
    const r = opts.random;
    this.random = r ?? Math.random;
    this.drawDiscr = r ? () => Math.floor(r() * 0x100000000) : () => randomInt(0, 0x100000000);
  }

  /** Creates, reconfigures (a Poll Sequence while Up) and removes sessions to match `wanted`. */
  sync(wanted: readonly BfdPeerWanted[]): void {
    if (this.stopped) return;
    this.lastWanted = wanted;
    clearTimeout(this.retry);
    const { peers, rejected } = planPeers(wanted);
    this.rejected.clear();
    for (const r of rejected) this.rejected.set(r.peerAddress, r.problem);
    const keys = new Set(peers.map((p) => p.key));
    for (const [key, peer] of this.peersByKey) if (!keys.has(key)) this.remove(peer);
    // Listeners first, so the first replies have somewhere to arrive.
    this.syncListeners(new Set(peers.map((p) => p.port)));
    for (const plan of peers) {
      const peer = this.peersByKey.get(plan.key);
      if (peer && needsNewSession(peer.plan, plan)) this.remove(peer);
      const current = this.peersByKey.get(plan.key);
      if (!current) {
        this.add(plan);
        continue;
      }
      const reconfigure = JSON.stringify(current.plan.config) !== JSON.stringify(plan.config);
      current.plan = plan;
      if (!current.sender) this.openSender(current);
      if (reconfigure) this.dispatch(current, { type: 'configure', config: plan.config });
    }
  }

  /** The session's state; undefined when there is no session for the address. */
  state(peerAddress: string): BfdStateName | undefined {
    const peer = this.peer(peerAddress);
    return peer ? stateName(peer.session.state) : undefined;
  }

  /** What keeps the peer's session from running as configured (echo mode, sockets, bad address). */
  problem(peerAddress: string): string | undefined {
    const rejected = this.rejected.get(peerAddress);
    if (rejected) return rejected;
    const peer = this.peer(peerAddress);
    if (!peer) return undefined;
    const l = this.listeners.get(peer.plan.port);
    const listen = l && 'error' in l ? `cannot listen on UDP ${peer.plan.port}: ${l.error}` : undefined;
    const parts = [peer.plan.problem, listen, peer.senderProblem].filter((p) => p !== undefined);
    return parts.length > 0 ? parts.join('; ') : undefined;
  }

  status(peerAddress: string): BfdPeerStatus | undefined {
    const peer = this.peer(peerAddress);
    if (!peer) return undefined;
    const s = peer.session;
    const st: BfdPeerStatus = {
      peerAddress: peer.plan.peerAddress,
      profileName: peer.plan.profileName,
      multiHop: peer.plan.multiHop,
      state: stateName(s.state),
      remoteState: stateName(s.remoteState),
      diag: s.localDiag,
      diagName: BFD_DIAG_NAMES[s.localDiag] ?? String(s.localDiag),
      localDiscriminator: s.localDiscr,
      remoteDiscriminator: s.remoteDiscr,
      txIntervalMs: txIntervalUs(s) / 1000,
      detectionTimeMs: detectionTimeUs(s) / 1000,
    };
    if (peer.sender) st.sourcePort = peer.sender.port;
    if (peer.lastSendError) st.lastSendError = peer.lastSendError;
    const problem = this.problem(peerAddress);
    if (problem) st.problem = problem;
    return st;
  }

  /** Canonical addresses of the peers with a session. */
  peers(): string[] {
    return [...this.peersByKey.keys()].sort();
  }

  /** Received datagrams dropped so far, by reason. */
  drops(): Record<string, number> {
    return Object.fromEntries(this.dropCounts);
  }

  /** Calls `listener` on every state change of a configured session; returns the unsubscribe. */
  onChange(listener: BfdChangeListener): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Sends AdminDown (diag Administratively Down) to every peer, then closes every socket. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.retry);
    for (const peer of [...this.peersByKey.values()]) this.remove(peer);
    this.syncListeners(new Set());
    this.changeListeners.clear();
  }

  private peer(peerAddress: string): Peer | undefined {
    const key = canonicalAddress(peerAddress);
    return key === undefined ? undefined : this.peersByKey.get(key);
  }

  private view(peer: Peer | undefined): DemuxSession | undefined {
    if (!peer) return undefined;
    const { key, multiHop, localKey, config } = peer.plan;
    return {
      key,
      multiHop,
      ...(localKey ? { localAddress: localKey } : {}),
      minimumTtl: config.minimumTtl,
      localDiscr: peer.session.localDiscr,
      remoteDiscr: peer.session.remoteDiscr,
      up: peer.session.state === BfdState.Up,
    };
  }

  private syncListeners(ports: Set<number>): void {
    for (const [port, l] of this.listeners) {
      if (ports.has(port)) continue;
      if ('close' in l) l.close();
      this.listeners.delete(port);
    }
    for (const port of ports) {
      const current = this.listeners.get(port);
      if (current && 'close' in current) continue;
      try {
        const l = this.opts.transport.listen(
          port,
          (p) => this.receive(port, p),
          (e) => this.opts.log?.warn({ port, err: e.message }, 'BFD receive error'),
        );
        this.listeners.set(port, l);
      } catch (e) {
        // problem() shows it on every session of that port; retried every RETRY_MS until it works.
        const error = errText(e);
        const before = current && 'error' in current ? current.error : undefined;
        if (before !== error) this.opts.log?.warn({ port, err: error }, 'cannot listen for BFD packets');
        this.listeners.set(port, { error });
        this.scheduleRetry();
      }
    }
  }

  private scheduleRetry(): void {
    if (this.retry || this.stopped) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      this.sync(this.lastWanted);
    }, RETRY_MS);
    this.retry.unref?.();
  }

  private add(plan: BfdPeerPlan): void {
    const discr = allocateDiscriminator((d) => this.byDiscr.has(d), this.drawDiscr);
    const peer: Peer = { plan, session: createBfdSession(plan.config, discr) };
    this.peersByKey.set(plan.key, peer);
    this.byDiscr.set(discr, peer);
    initPeerSeries(this.metrics, plan.key);
    this.openSender(peer);
    this.dispatch(peer, { type: 'start' });
  }

  private openSender(peer: Peer): void {
    const { localAddress, family } = peer.plan;
    try {
      peer.sender = this.opts.transport.sender({
        ...(localAddress ? { localAddress } : {}),
        family,
        onError: (e) => this.opts.log?.debug({ peer: peer.plan.key, err: e.message }, 'BFD socket error'),
      });
      delete peer.senderProblem;
    } catch (e) {
      // The session runs without sending (the peer sees us as down); retried on the next sync.
      peer.senderProblem = `cannot open a BFD sending socket: ${errText(e)}`;
      this.opts.log?.warn({ peer: peer.plan.key, err: errText(e) }, 'cannot open a BFD sending socket');
      this.scheduleRetry();
    }
  }

  private remove(peer: Peer): void {
    peer.removing = true;
    if (peer.session.state !== BfdState.AdminDown) this.dispatch(peer, { type: 'adminDown' });
    clearTimeout(peer.tx);
    clearTimeout(peer.detect);
    peer.sender?.close();
    this.peersByKey.delete(peer.plan.key);
    this.byDiscr.delete(peer.session.localDiscr);
    removePeerSeries(this.metrics, peer.plan.key);
  }

  private receive(listenPort: number, p: BfdReceived): void {
    try {
      const r = demultiplex({ ...p, listenPort }, this.lookup);
      if (!r.ok) return this.drop(r.reason);
      const peer = this.peersByKey.get(r.session.key)!;
      const step = this.dispatch(peer, { type: 'packet', packet: r.packet, ttl: p.ttl });
      if (!step.actions.some((a) => a.type === 'discard'))
        this.metrics.controlIn.inc({ peer: peer.plan.key });
    } catch (e) {
      // Nothing a datagram carries may take the speaker down.
      this.drop('internal-error');
      this.opts.log?.error({ err: errText(e) }, 'BFD packet handling failed');
    }
  }

  private drop(reason: string): void {
    this.dropCounts.set(reason, (this.dropCounts.get(reason) ?? 0) + 1);
  }

  private fire(peer: Peer, type: 'txTimer' | 'detectionTimer'): void {
    if (this.peersByKey.get(peer.plan.key) !== peer) return;
    if (type === 'txTimer') peer.tx = undefined;
    else peer.detect = undefined;
    this.dispatch(peer, { type });
  }

  private dispatch(peer: Peer, ev: BfdEvent): BfdStep {
    const step = bfdReduce(peer.session, ev);
    peer.session = step.session;
    const changes: BfdChange[] = [];
    for (const a of step.actions) this.apply(peer, a, changes);
    // Reported after every action ran, so a listener that calls sync() sees a settled session.
    if (!peer.removing) for (const c of changes) this.emit(peer, c);
    return step;
  }

  private apply(peer: Peer, a: BfdAction, changes: BfdChange[]): void {
    const labels = { peer: peer.plan.key };
    switch (a.type) {
      case 'send':
        if (!peer.sender) return;
        try {
          peer.sender.send(encodeBfdControl(a.packet), peer.plan.peerAddress, peer.plan.port);
          this.metrics.controlOut.inc(labels);
          delete peer.lastSendError;
        } catch (e) {
          peer.lastSendError = errText(e);
        }
        return;
      case 'armTx': {
        clearTimeout(peer.tx);
        // RFC 5880 §6.8.7 jitter: uniformly within the range the session computed.
        const us = a.minUs + this.random() * (a.maxUs - a.minUs);
        peer.tx = setTimeout(() => this.fire(peer, 'txTimer'), Math.max(1, Math.round(us / 1000)));
        peer.tx.unref?.();
        return;
      }
      case 'armDetection':
        clearTimeout(peer.detect);
        // Rounded up: declaring the peer dead early would be a false failure.
        peer.detect = setTimeout(
          () => this.fire(peer, 'detectionTimer'),
          Math.max(1, Math.ceil(a.us / 1000)),
        );
        peer.detect.unref?.();
        return;
      case 'stopDetection':
        clearTimeout(peer.detect);
        peer.detect = undefined;
        return;
      case 'stateChange':
        this.metrics.up.set(labels, a.to === BfdState.Up ? 1 : 0);
        changes.push({
          state: stateName(a.to),
          previous: stateName(a.from),
          diag: a.diag,
          diagName: BFD_DIAG_NAMES[a.diag] ?? String(a.diag),
          remoteState: stateName(peer.session.remoteState),
        });
        return;
      case 'sessionUp':
        this.metrics.upEvents.inc(labels);
        return;
      case 'sessionDown':
        this.metrics.downEvents.inc(labels);
        return;
      case 'discard':
        this.drop(a.reason);
        return;
    }
  }

  private emit(peer: Peer, change: BfdChange): void {
    this.opts.log?.info(
      { peer: peer.plan.key, state: change.state, previous: change.previous, diag: change.diagName },
      'BFD session state changed',
    );
    for (const l of this.changeListeners) {
      try {
        l(peer.plan.peerAddress, change);
      } catch (e) {
        this.opts.log?.error({ peer: peer.plan.key, err: errText(e) }, 'BFD change listener failed');
      }
    }
  }
}
