// What Node lacks, from the C addon next to this file (src/, built by build.sh into build/):
// AF_PACKET sockets for ARP and NDP on an interface, UDP sockets (with TTL control for BFD),
// TCP sockets with TCP-MD5 and GTSM for BGP (tcp.ts) and interface lists, each inside a named
// network namespace (/var/run/netns/<name>) while the process itself stays in its own.
// Only the calling thread enters the namespace, for the moment a socket is created; the socket
// keeps that namespace. Linux only; nativeStatus() says whether it can work here.
import { addon, loadAddon, type NativeInterface } from './loader';
import {
  checkBoolean,
  checkBytes,
  checkFunction,
  checkIfname,
  checkIp,
  checkNetns,
  checkOptionalFunction,
  checkOptions,
  checkPort,
  checkTtl,
} from './validate';

export { ADDON_FILE, addonCandidates, type NativeInterface } from './loader';
export {
  connectTcp,
  listenTcp,
  setTcpTtl,
  type TcpConnectOptions,
  type TcpListener,
  type TcpListenOptions,
  type TcpSocketOptions,
} from './tcp';

export interface PacketSocket {
  /** Sends a whole Ethernet frame (header included) out of the interface. */
  send(frame: Uint8Array): void;
  /** Stops receiving and closes the socket; no callback runs afterwards. Harmless twice. */
  close(): void;
  readonly ifname: string;
  readonly ifindex: number;
}

export interface PacketSocketOptions {
  /** A name as given to `ip netns add`, or an absolute path to a namespace file; omitted: our own. */
  netns?: string;
  ifname: string;
  /** ETH_P_ARP and ETH_P_IPV6 frames are delivered (whole frames), not outgoing ones. */
  onFrame: (frame: Uint8Array) => void;
  /** Receive errors (e.g. ENETDOWN) and exceptions thrown by onFrame; default: a process warning. */
  onError?: (err: Error) => void;
}

export interface DatagramSocket {
  /**
   * Sends one datagram. On a socket bound to '::' IPv4 addresses are fine too (sent IPv4-mapped);
   * an IPv6 scope is an interface index ("fe80::1%2").
   */
  send(data: Uint8Array, address: string, port: number): void;
  close(): void;
  /** The bound port (the one chosen when 0 was asked). */
  readonly port: number;
}

/** Where a datagram came from; ttl and localAddress with `receiveTtl` only. */
export interface DatagramSource {
  address: string;
  port: number;
  /** The received IPv4 TTL or IPv6 hop limit (IPv4's for IPv4 senders on a '::' socket). */
  ttl?: number;
  /** The datagram's destination address (IP_PKTINFO / IPV6_PKTINFO); link-local with %<ifindex>. */
  localAddress?: string;
}

export interface UdpSocketOptions {
  netns?: string;
  /** Bind address; '0.0.0.0' or '::' (dual-stack) are fine. */
  address: string;
  /** 0 = any. A taken port fails with code EADDRINUSE. */
  port: number;
  /** IP_TTL and IPV6_UNICAST_HOPS of sent datagrams (1..255); omitted: the kernel default. */
  ttl?: number;
  /** Deliver each datagram's TTL / hop limit and destination address (`from.ttl`, `from.localAddress`). */
  receiveTtl?: boolean;
  /** SO_REUSEADDR before bind. */
  reuseAddress?: boolean;
  /** `from.address` is IPv4 text for IPv4 senders even on a '::' socket. */
  onMessage: (data: Uint8Array, from: DatagramSource) => void;
  onError?: (err: Error) => void;
}

/** Why the addon cannot be loaded here, or undefined when it loads (whatever raw sockets may need). */
export function addonError(): string | undefined {
  const l = loadAddon();
  return 'error' in l ? l.error : undefined;
}

/** Whether the addon loaded and raw sockets are permitted; the reason names the missing piece. */
export function nativeStatus(): { ok: true } | { ok: false; reason: string } {
  const l = loadAddon();
  if ('error' in l) return { ok: false, reason: l.error };
  const reason = l.addon.status();
  return reason === null ? { ok: true } : { ok: false, reason };
}

/** The interfaces of a namespace (default: our own), with their addresses. */
export function listInterfaces(netns?: string): NativeInterface[] {
  return addon().listInterfaces(checkNetns(netns));
}

function errorSink(onError: ((err: Error) => void) | undefined): (err: unknown) => void {
  return (err) => {
    const e = err instanceof Error ? err : new Error(String(err));
    if (onError) onError(e);
    else process.emitWarning(e);
  };
}

export function openPacketSocket(o: PacketSocketOptions): PacketSocket {
  checkOptions(o, 'openPacketSocket');
  const netns = checkNetns(o.netns);
  const ifname = checkIfname(o.ifname);
  const onFrame = checkFunction(o.onFrame, 'onFrame');
  const fail = errorSink(checkOptionalFunction(o.onError, 'onError'));
  const a = addon();
  const { handle, ifindex } = a.openPacket(netns, ifname, (frame, err) => {
    if (frame === null) return fail(err);
    try {
      onFrame(frame);
    } catch (e) {
      fail(e);
    }
  });
  return {
    ifname,
    ifindex,
    send(frame: Uint8Array) {
      checkBytes(frame, 'frame');
      if (frame.length < 14) throw new RangeError(`a frame has at least 14 bytes, got ${frame.length}`);
      a.send(handle, frame);
    },
    close() {
      a.close(handle);
    },
  };
}

export function openUdpSocket(o: UdpSocketOptions): DatagramSocket {
  checkOptions(o, 'openUdpSocket');
  const netns = checkNetns(o.netns);
  const address = checkIp(o.address, 'address');
  const port = checkPort(o.port, 'port');
  const ttl = checkTtl(o.ttl, 'ttl');
  const receiveTtl = checkBoolean(o.receiveTtl, 'receiveTtl');
  const reuseAddress = checkBoolean(o.reuseAddress, 'reuseAddress');
  const onMessage = checkFunction(o.onMessage, 'onMessage');
  const fail = errorSink(checkOptionalFunction(o.onError, 'onError'));
  const a = addon();
  const deliver = (
    data: Uint8Array | null,
    from: string | Error,
    fromPort?: number,
    ttl?: number,
    local?: string,
  ) => {
    if (data === null) return fail(from);
    const source: DatagramSource = { address: from as string, port: fromPort ?? 0 };
    if (ttl !== undefined) source.ttl = ttl;
    if (local !== undefined) source.localAddress = local;
    try {
      onMessage(data, source);
    } catch (e) {
      fail(e);
    }
  };
  const opened = a.openUdp(netns, address, port, deliver, ttl ?? 0, receiveTtl, reuseAddress);
  return {
    port: opened.port,
    send(data: Uint8Array, to: string, toPort: number) {
      a.sendTo(opened.handle, checkBytes(data, 'data'), checkIp(to, 'address'), checkPort(toPort, 'port', 1));
    },
    close() {
      a.close(opened.handle);
    },
  };
}
