// What Node lacks, from the C addon next to this file (src/, built by build.sh into build/):
// AF_PACKET sockets for ARP and NDP on an interface, UDP sockets and interface lists, each inside
// a named network namespace (/var/run/netns/<name>) while the process itself stays in its own.
// Only the calling thread enters the namespace, for the moment a socket is created; the socket
// keeps that namespace. Linux only; nativeStatus() says whether it can work here.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  checkBytes,
  checkFunction,
  checkIfname,
  checkIp,
  checkNetns,
  checkOptionalFunction,
  checkOptions,
  checkPort,
} from './validate';

export interface NativeInterface {
  name: string;
  index: number;
  /** 6 bytes for Ethernet, null otherwise. */
  mac: Uint8Array | null;
  up: boolean;
  running: boolean;
  loopback: boolean;
  noarp: boolean;
  multicast: boolean;
  /** Name of the master device (bond, bridge, VRF) this one is enslaved to, else null (netlink IFLA_MASTER). */
  master: string | null;
  /** IPv4 and IPv6 addresses as text, without prefix length. */
  addresses: string[];
}

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

export interface UdpSocketOptions {
  netns?: string;
  /** Bind address; '0.0.0.0' or '::' (dual-stack) are fine. */
  address: string;
  /** 0 = any. */
  port: number;
  /** `from.address` is IPv4 text for IPv4 senders even on a '::' socket. */
  onMessage: (data: Uint8Array, from: { address: string; port: number }) => void;
  onError?: (err: Error) => void;
}

// ---- the addon ----

type Handle = object;
interface Addon {
  status(): string | null;
  listInterfaces(netns: string | null): NativeInterface[];
  openPacket(
    netns: string | null,
    ifname: string,
    cb: (frame: Uint8Array | null, err?: Error) => void,
  ): { handle: Handle; ifindex: number };
  openUdp(
    netns: string | null,
    address: string,
    port: number,
    cb: (data: Uint8Array | null, from: string | Error, port?: number) => void,
  ): { handle: Handle; port: number };
  send(handle: Handle, frame: Uint8Array): void;
  sendTo(handle: Handle, data: Uint8Array, address: string, port: number): void;
  close(handle: Handle): void;
}

export const ADDON_FILE = 'metallb_native.node';

/**
 * Where the addon may be, in order: $METALLB_NATIVE_ADDON alone when set; else build/ next to
 * this module (running from sources), next to the module (the bundle in dist-server/, which
 * scripts/build.ts copies it into), and speaker/native/build/ under the working directory.
 */
export function addonCandidates(
  env: NodeJS.ProcessEnv = process.env,
  moduleUrl: string = import.meta.url,
  cwd: string = process.cwd(),
): string[] {
  if (env.METALLB_NATIVE_ADDON) return [path.resolve(cwd, env.METALLB_NATIVE_ADDON)];
  const here = path.dirname(fileURLToPath(moduleUrl));
  const all = [
    path.join(here, 'build', ADDON_FILE),
    path.join(here, ADDON_FILE),
    path.join(cwd, 'speaker', 'native', 'build', ADDON_FILE),
  ];
  return [...new Set(all)];
}

let loaded: { addon: Addon } | { error: string } | undefined;

function load(): { addon: Addon } | { error: string } {
  if (loaded) return loaded;
  if (process.platform !== 'linux') return (loaded = { error: 'the native addon is Linux only' });
  const candidates = addonCandidates();
  const file = candidates.find((f) => existsSync(f));
  if (!file) {
    return (loaded = {
      error:
        `native addon not built (looked for ${candidates.join(', ')}): run bash speaker/native/build.sh ` +
        '(needs gcc and libc6-dev, see scripts/system-deps.sh) or set METALLB_NATIVE_ADDON',
    });
  }
  try {
    const addon = createRequire(import.meta.url)(file) as Addon;
    return (loaded = { addon });
  } catch (err) {
    return (loaded = { error: `cannot load the native addon ${file}: ${(err as Error).message}` });
  }
}

function addon(): Addon {
  const l = load();
  if ('error' in l) throw new Error(l.error);
  return l.addon;
}

/** Whether the addon loaded and raw sockets are permitted; the reason names the missing piece. */
export function nativeStatus(): { ok: true } | { ok: false; reason: string } {
  const l = load();
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
  const onMessage = checkFunction(o.onMessage, 'onMessage');
  const fail = errorSink(checkOptionalFunction(o.onError, 'onError'));
  const a = addon();
  const opened = a.openUdp(netns, address, port, (data, from, fromPort) => {
    if (data === null) return fail(from);
    try {
      onMessage(data, { address: from as string, port: fromPort ?? 0 });
    } catch (e) {
      fail(e);
    }
  });
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
