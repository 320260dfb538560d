// TCP for the BGP shell: sockets made by the addon inside a network namespace, with TCP-MD5 keys
// (RFC 2385) and TTL / minimum TTL (GTSM, RFC 5082) set before the first segment, then handed to
// node:net as file descriptors. Connecting waits on a thread of the addon, never on the JS thread.
import { closeSync, readlinkSync } from 'node:fs';
import net from 'node:net';
import { addon } from './loader';
import {
  checkBacklog,
  checkIp,
  checkMd5Key,
  checkNetns,
  checkOptionalIp,
  checkOptions,
  checkPort,
  checkSignal,
  checkTimeoutMs,
  checkTtl,
  ipFamily,
} from './validate';

export interface TcpSocketOptions {
  /** Named netns (/var/run/netns/<name>) or absolute path; omitted: our own namespace. */
  netns?: string;
  /**
   * TCP-MD5 signature key (RFC 2385, TCP_MD5SIG); 1..80 bytes of UTF-8. connectTcp: for the remote
   * address. listenTcp: for every remote address (a prefix-0 key per family) until setMd5Key gives
   * one its own; peers without a matching key are then dropped by the kernel.
   */
  md5Key?: string;
  /** IP_TTL / IPV6_UNICAST_HOPS of sent packets (1..255). */
  ttl?: number;
  /** IP_MINTTL / IPV6_MINHOPCOUNT: drop received packets below this TTL (GTSM, RFC 5082), 1..255. */
  minTtl?: number;
}

export interface TcpConnectOptions extends TcpSocketOptions {
  address: string;
  port: number;
  /** Source address to bind (the port is chosen); omitted: the routed source. */
  localAddress?: string;
  /** Bounds the whole connect (the SYN retries included); then ETIMEDOUT. */
  timeoutMs: number;
  /** Cancels the connect: rejects with code 'ABORT_ERR', the socket closed. */
  signal?: AbortSignal;
}

export interface TcpListenOptions extends TcpSocketOptions {
  /** '::' takes IPv4 peers too (IPV6_V6ONLY off). */
  address: string;
  /** 0 = any. */
  port: number;
  /** Default 128. */
  backlog?: number;
}

export interface TcpListener {
  /** The bound port (0 asked = chosen). */
  readonly port: number;
  /** Emits 'connection' with node:net Sockets, which inherit ttl, minTtl and the keys. */
  readonly server: net.Server;
  /**
   * Sets (key) or removes (undefined) the TCP-MD5 key for one remote address on the listening
   * socket; accepted connections from that address then need it (the kernel drops unsigned SYNs).
   * A removed address falls back to the listener's md5Key, if it has one.
   */
  setMd5Key(remoteAddress: string, key: string | undefined): void;
  /** Stops listening (the socket is closed at once); accepted sockets stay open. Harmless twice. */
  close(): Promise<void>;
}

const DEFAULT_BACKLOG = 128;

/** The key as bytes for the addon (wiped after the call that copies it). */
const keyBytes = (key: string | undefined): Buffer | null =>
  key === undefined ? null : Buffer.from(key, 'utf8');

const where = (netns: string | null) => (netns ? ` in netns ${netns}` : '');

function codedError(message: string, code: string, name = 'Error', cause?: unknown): Error {
  const err = new Error(message, cause === undefined ? undefined : { cause }) as NodeJS.ErrnoException;
  err.name = name;
  err.code = code;
  return err;
}

/** The descriptor of an open node:net socket or server (libuv's, not a public API). */
function fdOf(o: net.Socket | net.Server): number | undefined {
  const fd = (o as unknown as { _handle?: { fd?: unknown } | null })._handle?.fd;
  return typeof fd === 'number' && fd >= 0 ? fd : undefined;
}

/**
 * Connects from `localAddress` (if given) to address:port with the options set before connect()
 * (MD5 must sign the SYN). Resolves with a connected node:net Socket owning the descriptor;
 * rejects with an Error whose .code is the errno name (ECONNREFUSED, ETIMEDOUT, EHOSTUNREACH, ...)
 * and whose message names the step and the netns, or code 'ABORT_ERR' when `signal` aborts.
 */
export async function connectTcp(o: TcpConnectOptions): Promise<net.Socket> {
  checkOptions(o, 'connectTcp');
  const netns = checkNetns(o.netns);
  const address = checkIp(o.address, 'address');
  const port = checkPort(o.port, 'port', 1);
  const localAddress = checkOptionalIp(o.localAddress, 'localAddress');
  if (localAddress !== undefined && ipFamily(localAddress) !== ipFamily(address))
    throw new RangeError(`localAddress must be of the family of address (${address}), got "${localAddress}"`);
  const md5Key = checkMd5Key(o.md5Key);
  const ttl = checkTtl(o.ttl, 'ttl');
  const minTtl = checkTtl(o.minTtl, 'minTtl');
  const timeoutMs = checkTimeoutMs(o.timeoutMs, 'timeoutMs');
  const signal = checkSignal(o.signal, 'signal');
  const a = addon();
  const from = localAddress ? ` from ${localAddress}` : '';
  const what = `connect to ${address} port ${port}${from}${where(netns)}`;
  const aborted = () => codedError(`${what}: aborted`, 'ABORT_ERR', 'AbortError', signal?.reason);
  if (signal?.aborted) throw aborted();
  const key = keyBytes(md5Key);
  return new Promise<net.Socket>((resolve, reject) => {
    const onAbort = () => {
      if (a.tcpAbort(handle)) reject(aborted());
    };
    let handle: object;
    try {
      handle = a.tcpConnect(
        netns,
        address,
        port,
        localAddress ?? null,
        key,
        ttl ?? 0,
        minTtl ?? 0,
        timeoutMs,
        (err, fd) => {
          signal?.removeEventListener('abort', onAbort);
          if (err || fd === undefined) return reject(err ?? new Error(`${what}: no descriptor`));
          let socket: net.Socket;
          try {
            socket = new net.Socket({ fd, readable: true, writable: true });
          } catch (e) {
            closeSync(fd); // the handle refused it, so nothing else owns it
            return reject(e);
          }
          resolve(socket);
        },
      );
    } finally {
      key?.fill(0);
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * A listening TCP socket (SO_REUSEADDR; IPV6_V6ONLY off on '::') made inside netns and handed to a
 * node:net Server. ttl and minTtl are set on the listener; accepted sockets inherit them.
 */
export async function listenTcp(o: TcpListenOptions): Promise<TcpListener> {
  checkOptions(o, 'listenTcp');
  const netns = checkNetns(o.netns);
  const address = checkIp(o.address, 'address');
  const port = checkPort(o.port, 'port');
  const backlog = checkBacklog(o.backlog, 'backlog', DEFAULT_BACKLOG);
  const md5Key = checkMd5Key(o.md5Key);
  const ttl = checkTtl(o.ttl, 'ttl');
  const minTtl = checkTtl(o.minTtl, 'minTtl');
  const a = addon();
  const key = keyBytes(md5Key);
  let opened: { fd: number; port: number };
  try {
    opened = a.tcpListen(netns, address, port, backlog, key, ttl ?? 0, minTtl ?? 0);
  } finally {
    key?.fill(0);
  }
  const { fd } = opened;
  const what = `TCP listener on ${address} port ${opened.port}${where(netns)}`;
  const inode = readlinkSync(`/proc/self/fd/${fd}`);
  const server = net.createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      // Node calls listen() again with this backlog: pass ours, not its 511.
      server.listen({ fd, backlog }, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    // Close the socket unless Node already did (the same descriptor number may be reused since).
    let ours = false;
    try {
      ours = readlinkSync(`/proc/self/fd/${fd}`) === inode && fdOf(server) === undefined;
    } catch {
      // gone already
    }
    if (ours) closeSync(fd);
    throw err;
  }
  return {
    port: opened.port,
    server,
    setMd5Key(remoteAddress: string, k: string | undefined) {
      const remote = checkIp(remoteAddress, 'remoteAddress');
      const key = checkMd5Key(k, 'key');
      // The server's descriptor is ours only while it listens; after close the number is not.
      if (fdOf(server) !== fd) throw codedError(`${what}: closed`, 'ERR_SERVER_NOT_RUNNING');
      const bytes = keyBytes(key);
      try {
        a.tcpSetMd5(fd, remote, bytes);
      } catch (err) {
        if (err instanceof Error && !(err instanceof TypeError)) err.message = `${what}: ${err.message}`;
        throw err;
      } finally {
        bytes?.fill(0);
      }
    },
    async close() {
      if (fdOf(server) === undefined) return;
      server.close(); // closes the listening socket now; 'close' waits for accepted ones
      await new Promise<void>((resolve) => setImmediate(resolve));
    },
  };
}

/** Sets TTL / min TTL on an open node:net TCP socket (e.g. one accepted, per peer). */
export function setTcpTtl(socket: net.Socket, o: { ttl?: number; minTtl?: number }): void {
  if (!(socket instanceof net.Socket)) throw new TypeError('socket must be a node:net Socket');
  checkOptions(o, 'setTcpTtl');
  const ttl = checkTtl(o.ttl, 'ttl');
  const minTtl = checkTtl(o.minTtl, 'minTtl');
  const fd = fdOf(socket);
  if (fd === undefined) throw codedError('setTcpTtl: the socket is not open', 'ERR_SOCKET_CLOSED');
  if (ttl === undefined && minTtl === undefined) return;
  addon().tcpSetTtl(fd, ttl ?? 0, minTtl ?? 0);
}
