// Finding and loading the C addon (src/, built by build.sh into build/), and the shape of what it
// exports. The wrappers (index.ts, tcp.ts) check arguments first; the addon checks them again.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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

export type Handle = object;

export interface Addon {
  status(): string | null;
  listInterfaces(netns: string | null): NativeInterface[];
  openPacket(
    netns: string | null,
    ifname: string,
    cb: (frame: Uint8Array | null, err?: Error) => void,
  ): { handle: Handle; ifindex: number };
  /** ttl 0: the kernel default; with receiveTtl cb also gets the TTL and destination (or undefined). */
  openUdp(
    netns: string | null,
    address: string,
    port: number,
    cb: (data: Uint8Array | null, from: string | Error, port?: number, ttl?: number, local?: string) => void,
    ttl?: number,
    receiveTtl?: boolean,
    reuseAddress?: boolean,
  ): { handle: Handle; port: number };
  send(handle: Handle, frame: Uint8Array): void;
  sendTo(handle: Handle, data: Uint8Array, address: string, port: number): void;
  close(handle: Handle): void;
  /** TTLs 0: the kernel default. cb(null, fd) once connected, or cb(error); never after tcpAbort. */
  tcpConnect(
    netns: string | null,
    address: string,
    port: number,
    localAddress: string | null,
    key: Uint8Array | null,
    ttl: number,
    minTtl: number,
    timeoutMs: number,
    cb: (err: Error | null, fd?: number) => void,
  ): Handle;
  /** true when the attempt was pending (now closed, no callback will run). */
  tcpAbort(handle: Handle): boolean;
  tcpListen(
    netns: string | null,
    address: string,
    port: number,
    backlog: number,
    key: Uint8Array | null,
    ttl: number,
    minTtl: number,
  ): { fd: number; port: number };
  tcpSetTtl(fd: number, ttl: number, minTtl: number): void;
  tcpSetMd5(fd: number, remoteAddress: string, key: Uint8Array | null): void;
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

export function loadAddon(): { addon: Addon } | { error: string } {
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

/** The addon, or an Error saying why it cannot be loaded. */
export function addon(): Addon {
  const l = loadAddon();
  if ('error' in l) throw new Error(l.error);
  return l.addon;
}
