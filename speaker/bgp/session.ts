// The socket shell around the pure BGP cores: one session to one peer over node:net. It owns the
// TCP connection (an active connect, or an incoming one handed over by a listener), the three FSM
// timers and the restart back-off; it feeds socket bytes through MessageFramer -> decodeMessage ->
// FSM events and performs the FSM's actions in order. Routes given to setRoutes() are diffed
// against what the peer has (rib-out) and sent as UPDATEs while Established: the full table plus
// End-of-RIB on establishment, only the changes afterwards. The next hop is the connection's local
// address unless overridden. Events (state changes, notifications, routes sent) go to 'event'.
//
// Not here (yet): TCP-MD5 (needs a native addon: a password is refused), GTSM/TTL, collision
// detection beyond "keep one connection" (see acceptIncoming), graceful restart.
import { EventEmitter } from 'node:events';
import net from 'node:net';
import type { Route } from './advertisement';
import { decodeMessage, encodeMessage } from './codec';
import { MessageFramer } from './framer';
import { initialState, messageEvent, step, type FsmAction, type FsmEvent, type FsmState } from './fsm';
import type { StateName, TimerName } from './fsm';
import { collisionWinner, type Negotiated, type SessionConfig } from './negotiation';
import { describeNotification } from './notification';
import { familyOfAddress } from './prefix';
import { diffRibOut, endOfRib, fullTable, type PeerContext, type RibOut } from './rib-out';
import type { BgpMessage, CodecContext, NotificationData, UpdateMessage } from './types';
import { CeaseSubcode, ErrorCode } from './constants';

export const BGP_PORT = 179;
export const CONNECT_TIMEOUT_MS = 10_000;
export const BACKOFF_INITIAL_MS = 1_000;
export const BACKOFF_MAX_MS = 120_000;
/** A session that stayed up this long restarts with the initial back-off again. */
export const BACKOFF_STABLE_MS = 30_000;

export interface BgpSessionOptions {
  config: SessionConfig;
  peerAddress: string;
  peerPort?: number;
  /** Local address to connect from. */
  sourceAddress?: string;
  /** TCP-MD5 password: not supported yet (the constructor throws). */
  password?: string;
  /** Override the next hops (default: the connection's local address of that family). */
  nextHopV4?: string;
  nextHopV6?: string;
  connectTimeoutMs?: number;
  backoff?: { initialMs?: number; maxMs?: number; stableMs?: number };
  /** Clock for uptime (tests). */
  now?: () => number;
}

export interface NotificationInfo {
  code: number;
  subcode: number;
  /** Hex of the data field. */
  data: string;
  description: string;
}

export type SessionEvent =
  | { type: 'state'; from: StateName; to: StateName }
  | { type: 'established'; negotiated: Negotiated; localAddress?: string }
  | { type: 'down'; reason: string; sent?: NotificationInfo; received?: NotificationInfo }
  | { type: 'notification'; direction: 'sent' | 'received'; notification: NotificationInfo }
  | { type: 'connectionError'; message: string }
  | { type: 'routesSent'; announced: string[]; withdrawn: string[]; messages: number }
  | { type: 'routesSkipped'; skipped: { prefix: string; reason: string }[] }
  | { type: 'updateReceived'; nlri: string[]; withdrawn: string[]; nextHop?: string; communities?: number[] }
  | { type: 'restartScheduled'; delayMs: number };

export interface SessionStatus {
  peerAddress: string;
  peerPort: number;
  state: StateName;
  /** Milliseconds since the session became Established (undefined when not Established). */
  uptimeMs?: number;
  establishedAt?: number;
  /** Prefixes currently advertised to the peer. */
  prefixesSent: number;
  /** Routes that cannot go to this peer (family not negotiated, no next hop). */
  skipped: { prefix: string; reason: string }[];
  lastError?: string;
  lastNotificationSent?: NotificationInfo;
  lastNotificationReceived?: NotificationInfo;
  localAddress?: string;
  negotiated?: Negotiated;
  connectRetryCounter: number;
  messagesSent: number;
  messagesReceived: number;
}

interface Connection {
  socket: net.Socket;
  framer: MessageFramer;
  initiated: 'locallyInitiated' | 'peerInitiated';
  connected: boolean;
  connectTimer?: NodeJS.Timeout;
}

function notificationInfo(n: NotificationData): NotificationInfo {
  return {
    code: n.code,
    subcode: n.subcode,
    data: Buffer.from(n.data).toString('hex'),
    description: describeNotification(n),
  };
}

/** "::ffff:192.0.2.1" -> "192.0.2.1"; other addresses unchanged. */
export function plainAddress(a: string | undefined): string | undefined {
  if (a === undefined) return undefined;
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a);
  return m ? m[1] : a;
}

export class BgpSession extends EventEmitter<{ event: [SessionEvent] }> {
  readonly peerAddress: string;
  readonly peerPort: number;
  private readonly opts: BgpSessionOptions;
  private fsm: FsmState;
  private conn: Connection | undefined;
  private readonly timers = new Map<TimerName, NodeJS.Timeout>();
  private restartTimer: NodeJS.Timeout | undefined;
  private restartAttempts = 0;
  private running = false;
  private desired: Route[] = [];
  private ribOut: RibOut = new Map();
  private skipped: { prefix: string; reason: string }[] = [];
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
    if (opts.password !== undefined && opts.password !== '') {
      throw new Error(
        'BGP session passwords (TCP-MD5, RFC 2385) are not supported yet: they need a native addon to set TCP_MD5SIG',
      );
    }
    if (!familyOfAddress(opts.peerAddress)) throw new Error(`peer address is not an IP: ${opts.peerAddress}`);
    this.opts = opts;
    this.peerAddress = opts.peerAddress;
    this.peerPort = opts.peerPort ?? BGP_PORT;
    this.fsm = initialState(opts.config);
    this.now = opts.now ?? Date.now;
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
      prefixesSent: this.ribOut.size,
      skipped: [...this.skipped],
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
    this.restartAttempts = 0;
    this.dispatch({ type: 'ManualStart' });
  }

  /**
   * Stop: Cease/Administrative Shutdown (or `subcode`) to an open session, close, no restart.
   * Resolves once the NOTIFICATION is flushed and the socket closed (at most ~1 s).
   */
  async stop(subcode?: number): Promise<void> {
    this.running = false;
    this.clearRestart();
    const socket = this.conn?.socket;
    this.dispatch(
      subcode === undefined || subcode === CeaseSubcode.AdministrativeShutdown
        ? { type: 'ManualStop' }
        : { type: 'AutomaticStop', subcode },
    );
    this.clearRestart();
    if (socket && !socket.destroyed) {
      await new Promise<void>((resolve) => {
        socket.once('close', () => resolve());
        setTimeout(resolve, 1_500).unref();
      });
    }
  }

  /** The routes this peer should have; sent as a diff when Established. */
  setRoutes(routes: readonly Route[]): void {
    this.desired = [...routes];
    if (this.fsm.name === 'Established') this.sendDiff();
  }

  /**
   * Offer a connection the peer opened to us (the listener matched its remote address). Returns
   * false when it was refused: Idle (stopped or backing off), or a session already past OpenSent.
   * A collision in OpenConfirm is resolved by BGP identifier (RFC 4271 §6.8).
   */
  acceptIncoming(socket: net.Socket): boolean {
    const refuse = (subcode: number) => {
      this.sendRaw(socket, {
        type: 'notification',
        code: ErrorCode.Cease,
        subcode,
        data: new Uint8Array(0),
      });
      socket.resume(); // read (and drop) input so the peer's FIN is seen and the socket closes
      socket.end();
      setTimeout(() => socket.destroy(), 1_000).unref();
      return false;
    };
    socket.on('error', () => undefined);
    const name = this.fsm.name;
    if (!this.running || name === 'Idle') return refuse(CeaseSubcode.ConnectionRejected);
    if (name === 'Established' || name === 'OpenSent')
      return refuse(CeaseSubcode.ConnectionCollisionResolution);
    if (name === 'OpenConfirm') {
      const peerId = this.fsm.negotiated?.peerRouterId;
      const winner = peerId ? collisionWinner(this.fsm.config.routerId, peerId) : 'locallyInitiated';
      if (!this.conn || this.conn.initiated === winner)
        return refuse(CeaseSubcode.ConnectionCollisionResolution);
      // The new connection wins: dump the current one and restart on the incoming socket.
      this.dispatch({ type: 'OpenCollisionDump' });
      this.clearRestart();
      this.adopt(socket);
      this.adopting = true;
      try {
        this.dispatch({ type: 'AutomaticStart' });
      } finally {
        this.adopting = false;
      }
      this.dispatch({ type: 'TcpConnectionConfirmed' });
      return true;
    }
    // Connect or Active: drop any attempt of ours and take this one.
    if (this.conn) this.closeConnection(this.conn, false);
    this.adopt(socket);
    this.dispatch({ type: 'TcpConnectionConfirmed' });
    return true;
  }

  // -------------------------------------------------------------------------------------------

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
    this.clearRestart();
    const b = this.opts.backoff ?? {};
    const initial = b.initialMs ?? BACKOFF_INITIAL_MS;
    const max = b.maxMs ?? BACKOFF_MAX_MS;
    const delayMs = Math.min(max, initial * 2 ** Math.min(this.restartAttempts, 30));
    this.restartAttempts++;
    this.emit('event', { type: 'restartScheduled', delayMs });
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      if (this.running && this.fsm.name === 'Idle') this.dispatch({ type: 'AutomaticStart' });
    }, delayMs);
  }

  private clearRestart(): void {
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
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
        if (this.conn?.connected) this.sendRaw(this.conn.socket, a.message);
        return;
      case 'startTimer': {
        this.stopTimer(a.timer);
        const event: FsmEvent = {
          type:
            a.timer === 'ConnectRetry'
              ? 'ConnectRetryTimerExpires'
              : a.timer === 'Hold'
                ? 'HoldTimerExpires'
                : 'KeepaliveTimerExpires',
        };
        this.timers.set(
          a.timer,
          setTimeout(() => {
            this.timers.delete(a.timer);
            this.dispatch(event);
          }, a.seconds * 1000),
        );
        return;
      }
      case 'stopTimer':
        this.stopTimer(a.timer);
        return;
      case 'established':
        this.onEstablished(a.negotiated);
        return;
      case 'sessionDown': {
        const sent = a.sent && notificationInfo(a.sent);
        const received = a.received && notificationInfo(a.received);
        const upFor = this.establishedAt === undefined ? 0 : this.now() - this.establishedAt;
        if (upFor >= (this.opts.backoff?.stableMs ?? BACKOFF_STABLE_MS)) this.restartAttempts = 0;
        this.establishedAt = undefined;
        this.ribOut = new Map();
        this.emit('event', {
          type: 'down',
          reason: a.reason,
          ...(sent ? { sent } : {}),
          ...(received ? { received } : {}),
        });
        return;
      }
      case 'updateReceived': {
        const attrs = a.message.attributes;
        const nextHop = attrs.nextHop ?? attrs.mpReach?.nextHops[0];
        this.emit('event', {
          type: 'updateReceived',
          nlri: [...a.message.nlri, ...(attrs.mpReach?.nlri ?? [])],
          withdrawn: [...a.message.withdrawn, ...(attrs.mpUnreach?.withdrawn ?? [])],
          ...(nextHop !== undefined ? { nextHop } : {}),
          ...(attrs.communities ? { communities: attrs.communities } : {}),
        });
        return;
      }
      case 'routeRefreshRequested': {
        const ctx = this.peerContext();
        if (!ctx) return;
        const family = a.afi === 1 ? 4 : 6;
        this.dispatch({ type: 'SendUpdates', messages: fullTable(ctx, this.ribOut, family) });
        return;
      }
    }
  }

  private stopTimer(t: TimerName): void {
    const h = this.timers.get(t);
    if (h) clearTimeout(h);
    this.timers.delete(t);
  }

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
    if (m.type === 'notification') {
      this.lastSent = notificationInfo(m);
      this.lastError = `sent ${this.lastSent.description}`;
      this.emit('event', { type: 'notification', direction: 'sent', notification: this.lastSent });
    }
  }

  private connect(): void {
    if (this.fsm.config.passive || this.adopting) return; // wait for (or already have) acceptIncoming
    if (this.conn) this.closeConnection(this.conn, false);
    const socket = new net.Socket();
    const conn: Connection = {
      socket,
      framer: new MessageFramer(),
      initiated: 'locallyInitiated',
      connected: false,
    };
    this.conn = conn;
    this.wire(conn);
    conn.connectTimer = setTimeout(() => {
      if (this.conn !== conn || conn.connected) return;
      this.connectionFailed(conn, `connect to ${this.peerAddress}:${this.peerPort} timed out`);
    }, this.opts.connectTimeoutMs ?? CONNECT_TIMEOUT_MS);
    socket.once('connect', () => {
      if (this.conn !== conn) return;
      if (conn.connectTimer) clearTimeout(conn.connectTimer);
      conn.connected = true;
      this.connected(conn);
    });
    socket.connect({
      host: this.peerAddress,
      port: this.peerPort,
      ...(this.opts.sourceAddress ? { localAddress: this.opts.sourceAddress } : {}),
    });
  }

  private adopt(socket: net.Socket): void {
    const conn: Connection = {
      socket,
      framer: new MessageFramer(),
      initiated: 'peerInitiated',
      connected: true,
    };
    this.conn = conn;
    this.wire(conn);
    this.localAddress = plainAddress(socket.localAddress);
  }

  private connected(conn: Connection): void {
    socketOptions(conn.socket);
    this.localAddress = plainAddress(conn.socket.localAddress);
    this.dispatch({ type: 'TcpConnectionConfirmed' });
  }

  private wire(conn: Connection): void {
    const { socket } = conn;
    if (conn.connected) socketOptions(socket);
    socket.on('data', (chunk: Buffer) => {
      if (this.conn !== conn) return;
      for (const f of conn.framer.push(chunk)) {
        if (this.conn !== conn) return; // an earlier message closed this connection
        if (!f.ok) {
          this.lastError = f.error.reason;
          this.dispatch({ type: 'DecodeError', error: f.error });
          return;
        }
        this.messagesReceived++;
        const r = decodeMessage(f.message, {
          ...this.codecContext(),
          ebgp: !(this.fsm.negotiated?.ibgp ?? false),
        });
        if (!r.ok) this.lastError = r.error.reason;
        else if (r.message.type === 'notification') {
          this.lastReceived = notificationInfo(r.message);
          this.lastError = `received ${this.lastReceived.description}`;
          this.emit('event', {
            type: 'notification',
            direction: 'received',
            notification: this.lastReceived,
          });
        }
        this.dispatch(messageEvent(r));
      }
    });
    socket.on('error', (err) => {
      if (this.conn !== conn) return;
      this.lastError = err.message;
      this.emit('event', { type: 'connectionError', message: err.message });
    });
    socket.on('close', () => {
      if (this.conn !== conn) return;
      this.connectionFailed(conn, this.lastError ?? 'connection closed');
    });
  }

  private connectionFailed(conn: Connection, reason: string): void {
    this.lastError = reason;
    this.closeConnection(conn, false);
    this.dispatch({ type: 'TcpConnectionFails' });
  }

  /** Forget the connection; flush what was written (a NOTIFICATION) before closing when asked. */
  private closeConnection(conn: Connection, flush: boolean): void {
    if (this.conn === conn) this.conn = undefined;
    if (conn.connectTimer) clearTimeout(conn.connectTimer);
    const { socket } = conn;
    if (socket.destroyed) return;
    if (flush && conn.connected) {
      socket.end();
      setTimeout(() => socket.destroy(), 1_000).unref();
    } else socket.destroy();
  }

  private peerContext(): PeerContext | undefined {
    const n = this.fsm.negotiated;
    if (!n) return undefined;
    const local = this.localAddress;
    const fam = local ? familyOfAddress(local) : undefined;
    const v4 = this.opts.nextHopV4 ?? (fam === 4 ? local : undefined);
    const v6 = this.opts.nextHopV6 ?? (fam === 6 && !local?.startsWith('fe80') ? local : undefined);
    return {
      localAsn: this.fsm.config.localAsn,
      ibgp: n.ibgp,
      fourOctetAs: n.fourOctetAs,
      families: n.families,
      ...(v4 ? { nextHopV4: v4 } : {}),
      ...(v6 ? { nextHopV6: v6 } : {}),
    };
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
    this.ribOut = new Map();
    this.sendDiff(n.families.map(endOfRib));
  }

  private sendDiff(trailer: UpdateMessage[] = []): void {
    const ctx = this.peerContext();
    if (!ctx) return;
    const diff = diffRibOut(ctx, this.ribOut, this.desired);
    const announced = diff.updates.flatMap((u) => [...u.nlri, ...(u.attributes.mpReach?.nlri ?? [])]);
    const withdrawn = diff.updates.flatMap((u) => [
      ...u.withdrawn,
      ...(u.attributes.mpUnreach?.withdrawn ?? []),
    ]);
    this.ribOut = diff.rib;
    const changedSkips = JSON.stringify(diff.skipped) !== JSON.stringify(this.skipped);
    this.skipped = diff.skipped;
    if (changedSkips && diff.skipped.length > 0)
      this.emit('event', { type: 'routesSkipped', skipped: diff.skipped });
    const messages = [...diff.updates, ...trailer];
    if (messages.length === 0) return;
    this.dispatch({ type: 'SendUpdates', messages });
    if (diff.updates.length > 0)
      this.emit('event', { type: 'routesSent', announced, withdrawn, messages: diff.updates.length });
  }
}

function socketOptions(socket: net.Socket): void {
  socket.setNoDelay(true);
  socket.setKeepAlive(false);
}
