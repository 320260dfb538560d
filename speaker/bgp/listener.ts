// Accepts BGP connections on one TCP port and hands each to the session configured for its remote
// address (BgpSession.acceptIncoming); connections from unknown addresses are closed at once.
import net from 'node:net';
import { addressBytes, familyOfAddress } from './prefix';
import { BGP_PORT, plainAddress, type BgpSession } from './session';

function addressKey(a: string | undefined): string | undefined {
  const plain = plainAddress(a);
  const family = plain === undefined ? undefined : familyOfAddress(plain);
  if (plain === undefined || family === undefined) return undefined;
  return Buffer.from(addressBytes(family, plain) ?? []).toString('hex');
}

export interface ListenerOptions {
  host?: string;
  /** Default 179; 0 picks a free port. */
  port?: number;
}

export class BgpListener {
  private readonly sessions = new Map<string, BgpSession>();
  private readonly server: net.Server;
  /** Connections refused because no session matched their address. */
  refused = 0;

  constructor(private readonly opts: ListenerOptions = {}) {
    this.server = net.createServer((socket) => this.onConnection(socket));
  }

  add(session: BgpSession): void {
    const key = addressKey(session.peerAddress);
    if (key) this.sessions.set(key, session);
  }

  remove(session: BgpSession): void {
    const key = addressKey(session.peerAddress);
    if (key && this.sessions.get(key) === session) this.sessions.delete(key);
  }

  listen(): Promise<net.AddressInfo> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen({ port: this.opts.port ?? BGP_PORT, host: this.opts.host }, () => {
        this.server.off('error', reject);
        resolve(this.server.address() as net.AddressInfo);
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
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
    session.acceptIncoming(socket);
  }
}
