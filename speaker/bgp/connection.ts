// One TCP connection to a peer: ours (dialled through BgpSockets, with a connect timeout) or the
// peer's (handed over by the listener), with the framer that cuts its byte stream into messages.
// The session decides what the socket's events mean; this owns the socket's life.
import type net from 'node:net';
import { MessageFramer, type FrameResult } from './framer';
import type { BgpSockets, DialTarget } from './sockets';

export const BGP_PORT = 179;
export const CONNECT_TIMEOUT_MS = 10_000;
/** How long a closing connection may take to flush what was written (a NOTIFICATION). */
const FLUSH_MS = 1_000;

/** "::ffff:192.0.2.1" -> "192.0.2.1"; other addresses unchanged. */
export function plainAddress(a: string | undefined): string | undefined {
  if (a === undefined) return undefined;
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a);
  return m ? m[1] : a;
}

/** BGP messages are small and latency matters; the hold timer, not TCP keep-alive, detects a dead peer. */
function socketOptions(socket: net.Socket): void {
  socket.setNoDelay(true);
  socket.setKeepAlive(false);
}

/** Write what is left, half-close, and destroy it if the peer does not close in time. */
export function endSoon(socket: net.Socket): void {
  socket.end();
  setTimeout(() => socket.destroy(), FLUSH_MS).unref();
}

/** Resolves once the socket has closed, or after `ms` at the latest. */
export function closed(socket: net.Socket, ms: number): Promise<void> {
  if (socket.destroyed) return Promise.resolve();
  return new Promise<void>((resolve) => {
    socket.once('close', () => resolve());
    setTimeout(resolve, ms).unref();
  });
}

interface ConnectionEvents {
  frame(f: FrameResult): void;
  error(err: Error): void;
  closed(): void;
}

export class PeerConnection {
  readonly framer = new MessageFramer();
  private dialing: AbortController | undefined;
  private ended = false;
  private handlers: { current: () => boolean; events: ConnectionEvents } | undefined;

  private constructor(
    public socket: net.Socket | undefined,
    readonly initiated: 'locallyInitiated' | 'peerInitiated',
  ) {}

  /** A connection we are about to dial (see dial()). */
  static outgoing(): PeerConnection {
    return new PeerConnection(undefined, 'locallyInitiated');
  }

  /** A connection the peer opened, already up. */
  static incoming(socket: net.Socket): PeerConnection {
    socketOptions(socket);
    return new PeerConnection(socket, 'peerInitiated');
  }

  get connected(): boolean {
    return this.socket !== undefined && !this.ended;
  }

  /**
   * Hand the socket's messages, errors and close to `events` for as long as `current()` holds: a
   * replaced connection may still deliver, and an earlier message may end this one mid-chunk.
   * Nothing after a frame that failed to decode: the stream is out of step from there.
   */
  listen(current: () => boolean, events: ConnectionEvents): void {
    this.handlers = { current, events };
    if (this.socket) this.attach(this.socket);
  }

  private attach(socket: net.Socket): void {
    const { current, events } = this.handlers!;
    socket.on('data', (chunk: Buffer) => {
      for (const f of current() ? this.framer.push(chunk) : []) {
        if (!current()) return;
        events.frame(f);
        if (!f.ok) return;
      }
    });
    socket.on('error', (err) => {
      if (current()) events.error(err);
    });
    socket.on('close', () => {
      if (current()) events.closed();
    });
  }

  /** Local address of the connection, without the IPv4-mapped prefix. */
  get localAddress(): string | undefined {
    return plainAddress(this.socket?.localAddress);
  }

  /** Connect; `connected` or `failed` follows unless the connection is closed first. */
  dial(
    sockets: BgpSockets,
    target: DialTarget,
    timeoutMs: number,
    events: { connected(): void; failed(err: Error): void },
  ): void {
    const abort = new AbortController();
    this.dialing = abort;
    sockets.dial(target, timeoutMs, abort.signal).then(
      (socket) => {
        this.dialing = undefined;
        if (this.ended) {
          socket.destroy();
          return;
        }
        this.socket = socket;
        socketOptions(socket);
        if (this.handlers) this.attach(socket);
        events.connected();
      },
      (err: Error) => {
        this.dialing = undefined;
        if (!this.ended) events.failed(err);
      },
    );
  }

  /** Close; with `flush`, what was written (a NOTIFICATION) goes out first. */
  close(flush: boolean): void {
    this.ended = true;
    this.dialing?.abort();
    const { socket } = this;
    if (!socket || socket.destroyed) return;
    if (flush) endSoon(socket);
    else socket.destroy();
  }
}
