// The socket shell around the pure BGP cores: one session to one peer over node:net. It holds the
// TCP connection (connection.ts: ours, or the peer's handed over by a listener), the FSM timers
// (fsm-timers.ts) and the restart back-off (restart-backoff.ts); it feeds socket bytes through
// MessageFramer -> decodeMessage -> FSM events and performs the FSM's actions in order. Routes
// given to setRoutes() go out through route-sync.ts while Established: the full table plus
// End-of-RIB on establishment, only the changes afterwards. Events go to 'event'.
//
// Sockets come from BgpSockets (sockets.ts): Node's own, or the native addon's with TCP-MD5, TTL
// and network namespaces. Without a configured router ID, it is chosen once the connection's local
// address is known (routerIdFor), before our OPEN goes out.
import { EventEmitter } from 'node:events';
import type net from 'node:net';
import type { Route } from '../../api/announce/advertisement';
import { decodeMessage, encodeMessage } from './codec';
import { BGP_PORT, closed, CONNECT_TIMEOUT_MS, endSoon, PeerConnection } from './connection';
import type { BgpSessionOptions } from './session-options';
import { nodeSockets, type PeerSocketOptions } from './sockets';
import { ErrorCode } from './constants';
import { gracefulShutdownPlan, type SessionEndReason } from './graceful-restart';
import { configForConnection } from './peer-options';
import { initialState, messageEvent, step } from './fsm';
import type { FsmAction, FsmEvent, FsmState, StateName } from './fsm';
import { FsmTimers } from './fsm-timers';
import { incomingVerdict } from './incoming';
import { notification } from './notification';
import type { Negotiated } from './negotiation';
import { familyOfAddress, type Family } from './prefix';
import { RestartBackoff } from './restart-backoff';
import type { PeerContext } from './rib-out';
import { peerContextFor, RouteSync } from './route-sync';
import {
  notificationInfo,
  updateReceivedEvent,
  type NotificationInfo,
  type SessionEvent,
  type SessionStatus,
} from './session-events';
import type { BgpMessage, CodecContext } from './types';

export { BGP_PORT, CONNECT_TIMEOUT_MS, plainAddress } from './connection';
export { BACKOFF_INITIAL_MS, BACKOFF_MAX_MS, BACKOFF_STABLE_MS } from './restart-backoff';
export type { NotificationInfo, SessionEvent, SessionStatus } from './session-events';
export type { BgpSessionOptions } from './session-options';

/** stop() waits this long for the NOTIFICATION to be flushed and the socket closed. */
const STOP_WAIT_MS = 1_500;

export class BgpSession extends EventEmitter<{ event: [SessionEvent] }> {
  readonly peerAddress: string;
  readonly peerPort: number;
  private readonly opts: BgpSessionOptions;
  private fsm: FsmState;
  private conn: PeerConnection | undefined;
  private readonly timers = new FsmTimers((e) => this.dispatch(e));
  private readonly backoff: RestartBackoff;
  private readonly routes = new RouteSync();
  private running = false;
  private establishedAt: number | undefined;
  private lastError: string | undefined;
  private lastSent: NotificationInfo | undefined;
  private lastReceived: NotificationInfo | undefined;
  private localAddress: string | undefined;
  private messagesSent = 0;
  private messagesReceived = 0;
  private readonly now: () => number;
  /** Re-entrancy guard: events raised while actions run are queued. */
  private readonly queue: FsmEvent[] = [];
  private dispatching = false;
  /** Set while restarting on an adopted incoming socket: the FSM's connect action is skipped. */
  private adopting = false;

  constructor(opts: BgpSessionOptions) {
    super();
    if (!familyOfAddress(opts.peerAddress)) throw new Error(`peer address is not an IP: ${opts.peerAddress}`);
    this.opts = opts;
    this.peerAddress = opts.peerAddress;
    this.peerPort = opts.peerPort ?? BGP_PORT;
    this.fsm = initialState(opts.config);
    this.now = opts.now ?? Date.now;
    this.backoff = new RestartBackoff(opts.backoff);
  }

  /** What sockets to this peer need (the listener applies them to accepted ones). */
  get socketOptions(): PeerSocketOptions {
    const { md5Key, ttl, minTtl } = this.opts;
    return {
      ...(md5Key ? { md5Key } : {}),
      ...(ttl !== undefined ? { ttl } : {}),
      ...(minTtl !== undefined ? { minTtl } : {}),
    };
  }

  get state(): StateName {
    return this.fsm.name;
  }

  status(): SessionStatus {
    const up = this.fsm.name === 'Established' && this.establishedAt !== undefined;
    return {
      peerAddress: this.peerAddress,
      peerPort: this.peerPort,
      state: this.fsm.name,
      ...(up ? { uptimeMs: this.now() - (this.establishedAt ?? 0), establishedAt: this.establishedAt } : {}),
      prefixesSent: this.routes.prefixesSent,
      prefixesWanted: this.routes.desiredPrefixes,
      skipped: this.routes.skippedRoutes,
      ...(this.lastError !== undefined ? { lastError: this.lastError } : {}),
      ...(this.lastSent ? { lastNotificationSent: this.lastSent } : {}),
      ...(this.lastReceived ? { lastNotificationReceived: this.lastReceived } : {}),
      ...(this.localAddress !== undefined ? { localAddress: this.localAddress } : {}),
      ...(this.fsm.negotiated ? { negotiated: this.fsm.negotiated } : {}),
      connectRetryCounter: this.fsm.connectRetryCounter,
      messagesSent: this.messagesSent,
      messagesReceived: this.messagesReceived,
    };
  }

  /** Start the session (ManualStart); it restarts by itself after drops until stop(). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.backoff.reset();
    this.dispatch({ type: 'ManualStart' });
  }

  /**
   * Stop, no restart. How the peer learns it depends on `reason` and graceful restart
   * (graceful-restart.ts): a Cease it withdraws our routes on, or an end it keeps them through.
   * Resolves once the NOTIFICATION is flushed and the socket closed (at most ~1.5 s).
   */
  async stop(reason: SessionEndReason = 'shutdown'): Promise<void> {
    this.running = false;
    this.backoff.cancel();
    const socket = this.conn?.socket;
    const plan = gracefulShutdownPlan(this.fsm.negotiated, reason);
    this.dispatch({ type: 'ManualStop', notification: plan.notification });
    this.backoff.cancel();
    if (socket) await closed(socket, STOP_WAIT_MS);
  }

  /**
   * Drop the connection now without a NOTIFICATION (BFD says the path is down, so nothing would
   * arrive); the session reconnects as after any connection failure.
   */
  reset(reason: string): void {
    if (this.conn) this.connectionFailed(this.conn, reason);
  }

  /** A new ConnectRetryTime (BGPPeer connectTime): the next wait uses it; the session stays up. */
  setConnectRetryTime(seconds: number): void {
    if (this.fsm.config.connectRetryTime === seconds) return;
    this.fsm = { ...this.fsm, config: { ...this.fsm.config, connectRetryTime: seconds } };
  }

  /** The routes this peer should have; sent as a diff when Established. */
  setRoutes(routes: readonly Route[]): void {
    this.routes.setDesired(routes);
    if (this.fsm.name === 'Established') this.syncRoutes();
  }

  /**
   * Offer a connection the peer opened to us (the listener matched its remote address). Returns
   * false when it was refused: Idle (stopped or backing off), or a session already past OpenSent.
   * A collision in OpenConfirm is resolved by BGP identifier (RFC 4271 §6.8).
   */
  acceptIncoming(socket: net.Socket): boolean {
    socket.on('error', () => undefined);
    const verdict = incomingVerdict(this.running, this.fsm, this.conn?.initiated);
    if (verdict.action === 'refuse') {
      this.sendRaw(socket, { type: 'notification', ...notification(ErrorCode.Cease, verdict.subcode) });
      socket.resume(); // read (and drop) input so the peer's FIN is seen and the socket closes
      endSoon(socket);
      return false;
    }
    if (verdict.action === 'takeOver' || verdict.action === 'start') {
      if (verdict.action === 'takeOver') this.dispatch({ type: 'OpenCollisionDump' });
      this.backoff.cancel();
      this.adopt(socket);
      this.adopting = true;
      try {
        this.dispatch({ type: 'AutomaticStart' });
      } finally {
        this.adopting = false;
      }
    } else {
      if (this.conn) this.closeConnection(this.conn, false);
      this.adopt(socket);
    }
    this.dispatch({ type: 'TcpConnectionConfirmed' });
    return true;
  }

  // -------------------------------------------------------------------------------------------
  // The FSM and its actions

  private dispatch(e: FsmEvent): void {
    this.queue.push(e);
    if (this.dispatching) return;
    this.dispatching = true;
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) {
        const from = this.fsm.name;
        const r = step(this.fsm, next);
        this.fsm = r.state;
        for (const a of r.actions) this.perform(a);
        if (from !== this.fsm.name) this.stateChanged(from, this.fsm.name);
      }
    } finally {
      this.dispatching = false;
    }
  }

  private stateChanged(from: StateName, to: StateName): void {
    this.emit('event', { type: 'state', from, to });
    if (to === 'Idle') {
      this.establishedAt = undefined;
      this.localAddress = undefined;
      if (this.running) this.scheduleRestart();
    }
  }

  private scheduleRestart(): void {
    this.backoff.cancel();
    const delayMs = this.backoff.nextDelay();
    this.emit('event', { type: 'restartScheduled', delayMs });
    this.backoff.after(delayMs, () => {
      if (this.running && this.fsm.name === 'Idle') this.dispatch({ type: 'AutomaticStart' });
    });
  }

  private perform(a: FsmAction): void {
    switch (a.type) {
      case 'connect':
        this.connect();
        return;
      case 'disconnect':
        if (this.conn) this.closeConnection(this.conn, true);
        return;
      case 'send':
        if (this.conn?.connected && this.conn.socket) this.sendRaw(this.conn.socket, a.message);
        return;
      case 'startTimer':
        this.timers.start(a.timer, a.seconds);
        return;
      case 'stopTimer':
        this.timers.stop(a.timer);
        return;
      case 'established':
        this.onEstablished(a.negotiated);
        return;
      case 'sessionDown':
        this.onDown(a);
        return;
      case 'updateReceived':
        this.emit('event', updateReceivedEvent(a.message));
        return;
      case 'routeRefreshRequested': {
        const peer = this.peerContext();
        if (peer) this.dispatch({ type: 'SendUpdates', messages: this.routes.resend(peer, a.afi) });
        return;
      }
    }
  }

  private onEstablished(n: Negotiated): void {
    this.establishedAt = this.now();
    this.lastError = undefined;
    this.emit('event', {
      type: 'established',
      negotiated: n,
      ...(this.localAddress ? { localAddress: this.localAddress } : {}),
    });
    // Full table, then End-of-RIB per family (queued: runs after the transition completes).
    this.routes.forgetSent();
    this.syncRoutes(n.families);
  }

  private onDown(a: Extract<FsmAction, { type: 'sessionDown' }>): void {
    const sent = a.sent && notificationInfo(a.sent);
    const received = a.received && notificationInfo(a.received);
    this.backoff.sessionEnded(this.establishedAt === undefined ? 0 : this.now() - this.establishedAt);
    this.establishedAt = undefined;
    this.routes.forgetSent();
    this.emit('event', {
      type: 'down',
      reason: a.reason,
      ...(sent ? { sent } : {}),
      ...(received ? { received } : {}),
    });
  }

  // -------------------------------------------------------------------------------------------
  // Routes to the peer

  private peerContext(): PeerContext | undefined {
    return peerContextFor(this.fsm.config.localAsn, this.fsm.negotiated, this.localAddress, this.opts);
  }

  private syncRoutes(endOfRibFor: readonly Family[] = []): void {
    const peer = this.peerContext();
    if (!peer) return;
    const r = this.routes.sync(peer, endOfRibFor);
    if (r.newlySkipped) this.emit('event', { type: 'routesSkipped', skipped: r.newlySkipped });
    if (r.messages.length === 0) return;
    this.dispatch({ type: 'SendUpdates', messages: r.messages });
    if (r.sent) this.emit('event', { type: 'routesSent', ...r.sent });
  }

  // -------------------------------------------------------------------------------------------
  // The TCP connection

  private codecContext(): CodecContext {
    return { fourOctetAs: this.fsm.negotiated?.fourOctetAs ?? true };
  }

  private sendRaw(socket: net.Socket, m: BgpMessage): void {
    if (socket.destroyed || socket.writableEnded) return;
    let bytes: Uint8Array;
    try {
      bytes = encodeMessage(m, this.codecContext());
    } catch (err) {
      this.lastError = `cannot encode ${m.type}: ${(err as Error).message}`;
      this.emit('event', { type: 'connectionError', message: this.lastError });
      return;
    }
    socket.write(bytes);
    this.messagesSent++;
    this.emit('event', { type: 'message', direction: 'sent', kind: m.type });
    if (m.type === 'notification') {
      this.lastSent = notificationInfo(m);
      this.lastError = `sent ${this.lastSent.description}`;
      this.emit('event', { type: 'notification', direction: 'sent', notification: this.lastSent });
    }
  }

  private connect(): void {
    if (this.fsm.config.passive || this.adopting) return; // wait for (or already have) acceptIncoming
    if (this.conn) this.closeConnection(this.conn, false);
    const conn = PeerConnection.outgoing();
    this.conn = conn;
    this.wire(conn);
    const target = {
      host: this.peerAddress,
      port: this.peerPort,
      ...(this.opts.sourceAddress ? { localAddress: this.opts.sourceAddress } : {}),
      ...this.socketOptions,
    };
    const sockets = this.opts.sockets ?? nodeSockets();
    conn.dial(sockets, target, this.opts.connectTimeoutMs ?? CONNECT_TIMEOUT_MS, {
      failed: (err) => {
        if (this.conn !== conn) return;
        this.connectionFailed(conn, err.message);
      },
      connected: () => {
        if (this.conn !== conn) return;
        this.connectedFrom(conn.localAddress);
        this.dispatch({ type: 'TcpConnectionConfirmed' });
      },
    });
  }

  private adopt(socket: net.Socket): void {
    const conn = PeerConnection.incoming(socket);
    this.conn = conn;
    this.wire(conn);
    this.connectedFrom(conn.localAddress);
  }

  /** The connection's local address is known: our next hop, the router ID, the R bit. */
  private connectedFrom(localAddress: string | undefined): void {
    this.localAddress = localAddress;
    const config = configForConnection(this.fsm.config, this.opts, localAddress, this.now());
    if (config !== this.fsm.config) this.fsm = { ...this.fsm, config };
  }

  /** Socket events of `conn` count only while it is the session's connection. */
  private wire(conn: PeerConnection): void {
    conn.listen(() => this.conn === conn, {
      frame: (f) => {
        if (f.ok) return this.received(f.message);
        this.lastError = f.error.reason;
        this.dispatch({ type: 'DecodeError', error: f.error });
      },
      error: (err) => {
        this.lastError = err.message;
        this.emit('event', { type: 'connectionError', message: err.message });
      },
      closed: () => this.connectionFailed(conn, this.lastError ?? 'connection closed'),
    });
  }

  /** One framed message from the peer, decoded and handed to the FSM. */
  private received(frame: Uint8Array): void {
    this.messagesReceived++;
    const r = decodeMessage(frame, { ...this.codecContext(), ebgp: !(this.fsm.negotiated?.ibgp ?? false) });
    if (r.ok) this.emit('event', { type: 'message', direction: 'received', kind: r.message.type });
    if (!r.ok) this.lastError = r.error.reason;
    else if (r.message.type === 'notification') {
      this.lastReceived = notificationInfo(r.message);
      this.lastError = `received ${this.lastReceived.description}`;
      this.emit('event', { type: 'notification', direction: 'received', notification: this.lastReceived });
    }
    this.dispatch(messageEvent(r));
  }

  private connectionFailed(conn: PeerConnection, reason: string): void {
    this.lastError = reason;
    this.closeConnection(conn, false);
    this.dispatch({ type: 'TcpConnectionFails' });
  }

  /** Forget the connection; flush what was written (a NOTIFICATION) before closing when asked. */
  private closeConnection(conn: PeerConnection, flush: boolean): void {
    if (this.conn === conn) this.conn = undefined;
    conn.close(flush);
  }
}
