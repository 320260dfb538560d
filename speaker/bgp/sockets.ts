// Where BGP's TCP sockets come from. Node's own sockets serve a speaker in its node's namespace
// without passwords or TTL control; the native addon (native-sockets.ts) adds TCP-MD5 (RFC 2385),
// TTL/GTSM and sockets inside a named network namespace. Sessions and the listener use only this.
import net from 'node:net';

/** Per-peer socket options that Node cannot set. */
export interface PeerSocketOptions {
  /** TCP-MD5 key for the peer's address. */
  md5Key?: string;
  /** TTL (IPv6 hop limit) of what we send: 1 for single-hop eBGP, 255 for multi-hop. */
  ttl?: number;
  /** Lowest TTL accepted from the peer (GTSM, RFC 5082). */
  minTtl?: number;
}

export interface DialTarget extends PeerSocketOptions {
  host: string;
  port: number;
  localAddress?: string;
}

/** A listening socket handing accepted connections to `onConnection`. */
export interface ListeningSocket {
  readonly port: number;
  /** Sets or clears (undefined) the TCP-MD5 key that connections from `address` must carry. */
  setMd5Key(address: string, key: string | undefined): void;
  /** Applies a peer's TTL settings to an accepted socket. */
  configure(socket: net.Socket, o: PeerSocketOptions): void;
  close(): Promise<void>;
}

export interface BgpSockets {
  /** Why options Node cannot set are unavailable, or undefined when they are (the native addon). */
  readonly limitation: string | undefined;
  /** A connected socket, or an Error (message names the target; `code` the errno name). */
  dial(target: DialTarget, timeoutMs: number, signal: AbortSignal): Promise<net.Socket>;
  listen(
    o: { host: string; port: number },
    onConnection: (socket: net.Socket) => void,
  ): Promise<ListeningSocket>;
}

/** The options of `o` this socket source cannot honour, as a sentence; undefined when none. */
export function unsupportedOptions(sockets: BgpSockets, o: PeerSocketOptions): string | undefined {
  if (!sockets.limitation) return undefined;
  const wanted = [
    ...(o.md5Key ? ['a TCP-MD5 password'] : []),
    ...(o.minTtl !== undefined ? ['a minimum TTL'] : []),
  ];
  return wanted.length === 0 ? undefined : `${wanted.join(' and ')} needs ${sockets.limitation}`;
}

function timedOut(target: DialTarget): Error {
  return Object.assign(new Error(`connect to ${target.host}:${target.port} timed out`), {
    code: 'ETIMEDOUT',
  });
}

/**
 * Node's sockets: no TCP-MD5, no minimum TTL (unsupportedOptions() says so before a dial); a TTL
 * is left to the system default, which only matters to peers that check it.
 */
export function nodeSockets(limitation = 'the native addon, which is not loaded'): BgpSockets {
  const self: BgpSockets = {
    limitation,
    dial(target, timeoutMs, signal) {
      const unsupported = unsupportedOptions(self, target);
      if (unsupported) return Promise.reject(new Error(unsupported));
      return new Promise((resolve, reject) => {
        const socket = new net.Socket();
        const timer = setTimeout(() => fail(timedOut(target)), timeoutMs);
        const onAbort = () => fail(Object.assign(new Error('connect aborted'), { code: 'ABORT_ERR' }));
        function fail(err: Error) {
          clearTimeout(timer);
          signal.removeEventListener('abort', onAbort);
          socket.destroy();
          reject(err);
        }
        signal.addEventListener('abort', onAbort, { once: true });
        socket.once('error', fail);
        socket.once('connect', () => {
          clearTimeout(timer);
          signal.removeEventListener('abort', onAbort);
          socket.off('error', fail);
          resolve(socket);
        });
        socket.connect({
          host: target.host,
          port: target.port,
          ...(target.localAddress ? { localAddress: target.localAddress } : {}),
        });
      });
    },
    listen(o, onConnection) {
      const server = net.createServer(onConnection);
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen({ port: o.port, host: o.host }, () => {
          server.off('error', reject);
          server.on('error', () => undefined);
          resolve({
            port: (server.address() as net.AddressInfo).port,
            setMd5Key(_address, key) {
              if (key) throw new Error(`a TCP-MD5 password needs ${limitation}`);
            },
            configure: () => undefined,
            close: () => new Promise<void>((r) => server.close(() => r())),
          });
        });
      });
    },
  };
  return self;
}
