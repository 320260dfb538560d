// Accepts BGP connections on one TCP port (179 by default) and hands each to the session
// configured for its remote address (BgpSession.acceptIncoming); connections from other addresses
// are closed at once. A session's TCP-MD5 key is installed on the listening socket for its peer's
// address, so the kernel drops that peer's unsigned or wrongly signed segments before we see them.
import type net from 'node:net';
import { addressBytes, familyOfAddress } from './prefix';
import { BGP_PORT, plainAddress } from './connection';
import { nodeSockets, type BgpSockets, type ListeningSocket, type PeerSocketOptions } from './sockets';

/** The part of a BgpSession the listener uses. */
export interface IncomingPeer {
  readonly peerAddress: string;
  readonly socketOptions: PeerSocketOptions;
  acceptIncoming(socket: net.Socket): boolean;
}

function addressKey(a: string | undefined): string | undefined {
  const plain = plainAddress(a);
  const family = plain === undefined ? undefined : familyOfAddress(plain);
  if (plain === undefined || family === undefined) return undefined;
  return Buffer.from(addressBytes(family, plain) ?? []).toString('hex');
}

export interface ListenerOptions {
  /** Default '::' (both families). */
  host?: string;
  /** Default 179; 0 picks a free port. */
  port?: number;
  sockets?: BgpSockets;
}

export class BgpListener {
  private readonly sessions = new Map<string, IncomingPeer>();
  private listening: ListeningSocket | undefined;
  /** Connections refused because no session matched their address. */
  refused = 0;
  /** Peers whose TCP-MD5 key could not be installed when listening started (not accepted). */
  keyFailures: string[] = [];

  constructor(private readonly opts: ListenerOptions = {}) {}

  get port(): number | undefined {
    return this.listening?.port;
  }

  /**
   * Accept `session`'s peer from now on. Its TCP-MD5 key is installed first: when that fails
   * (throws), the peer is not accepted at all, so it can never come in without its password.
   */
  add(session: IncomingPeer): void {
    const key = addressKey(session.peerAddress);
    if (!key) return;
    const previous = this.sessions.get(key);
    const md5 = session.socketOptions.md5Key;
    if (this.listening && (md5 || previous?.socketOptions.md5Key)) {
      try {
        this.listening.setMd5Key(session.peerAddress, md5 || undefined);
      } catch (err) {
        this.sessions.delete(key);
        throw err;
      }
    }
    this.sessions.set(key, session);
  }

  remove(session: IncomingPeer): void {
    const key = addressKey(session.peerAddress);
    if (!key || this.sessions.get(key) !== session) return;
    this.sessions.delete(key);
    if (this.listening && session.socketOptions.md5Key) {
      try {
        this.listening.setMd5Key(session.peerAddress, undefined);
      } catch {
        // the socket is going away or never had the key
      }
    }
  }

  async listen(): Promise<net.AddressInfo> {
    const sockets = this.opts.sockets ?? nodeSockets();
    const host = this.opts.host ?? '::';
    this.listening = await sockets.listen({ host, port: this.opts.port ?? BGP_PORT }, (s) =>
      this.onConnection(s),
    );
    const failed: string[] = [];
    for (const [key, s] of this.sessions) {
      if (!s.socketOptions.md5Key) continue;
      try {
        this.listening.setMd5Key(s.peerAddress, s.socketOptions.md5Key);
      } catch (err) {
        // Not accepted without its key; its session still dials out (with the key) itself.
        this.sessions.delete(key);
        failed.push(`${s.peerAddress}: ${(err as Error).message}`);
      }
    }
    this.keyFailures = failed;
    return { address: host, family: host.includes(':') ? 'IPv6' : 'IPv4', port: this.listening.port };
  }

  async close(): Promise<void> {
    const l = this.listening;
    this.listening = undefined;
    await l?.close();
  }

  private onConnection(socket: net.Socket): void {
    socket.on('error', () => undefined);
    const key = addressKey(socket.remoteAddress);
    const session = key === undefined ? undefined : this.sessions.get(key);
    if (!session) {
      this.refused++;
      socket.destroy();
      return;
    }
    const { ttl, minTtl } = session.socketOptions;
    if (ttl !== undefined || minTtl !== undefined) {
      try {
        this.listening?.configure(socket, {
          ...(ttl !== undefined ? { ttl } : {}),
          ...(minTtl !== undefined ? { minTtl } : {}),
        });
      } catch {
        socket.destroy();
        return;
      }
    }
    session.acceptIncoming(socket);
  }
}
