// From a planned BGPPeer to the options of its BgpSession, following upstream MetalLB's meaning of
// every field: timers (hold time = 3 x keepaliveTime when only that is set), router ID (spec, else
// the connection's local IPv4 address, else an IPv4 address of the interface carrying an IPv6
// connection, else one derived from the node name), localASN (the AS we present, replacing
// myASN), dynamicASN, TTL (1 for single-hop eBGP, 255 with ebgpMultiHop), the password (inline or
// from a basic-auth Secret in the MetalLB namespace), the address families (the peer address's
// own; both with dualStackAddressFamily). Pure: the Secret and interface lookups are passed in.
import { parseGoDuration, TCP_MD5_MAX_KEY_BYTES } from '../../api/validation';
import type { BGPSession as PlannedSession } from '../../api/announce/desired-state';
import { gracefulRestartConfig } from './graceful-restart';
import {
  DEFAULT_CONNECT_RETRY_TIME,
  DEFAULT_GRACEFUL_RESTART_TIME,
  DEFAULT_HOLD_TIME,
  type SessionConfig,
} from './negotiation';
import { familyOfAddress } from './prefix';
import type { BgpSessionOptions } from './session-options';

/** Next hops to announce instead of the connection's local address. */
export interface NextHops {
  v4?: string;
  v6?: string;
}

export interface SecretLike {
  type?: string;
  data?: Record<string, string>;
}

export interface PeerEnvironment {
  /** A fixed router ID for peers without spec.routerID (tests); default: upstream's rule. */
  routerId?: string;
  nextHops?: NextHops;
  /** Seeds the last-resort router ID. */
  nodeName: string;
  /** The MetalLB namespace: the only one password Secrets are read from. */
  namespace: string;
  /** A Secret of the MetalLB namespace by name, when known. */
  secret?: (name: string) => SecretLike | undefined;
  /** The first IPv4 address of the interface that holds `localAddress`. */
  interfaceIPv4?: (localAddress: string) => string | undefined;
  /** When this process started (ms since the epoch): graceful restart's R bit. */
  startedAt?: number;
  /** Whether TTL can be set on BGP sockets (native sockets). */
  ttlControl?: boolean;
}

export const SECRET_TYPE_BASIC_AUTH = 'kubernetes.io/basic-auth';

function seconds(text: string | undefined, what: string): number | undefined {
  if (text === undefined || text === '') return undefined;
  const ns = parseGoDuration(text);
  if (ns === undefined || ns < 0) throw new Error(`invalid ${what} ${JSON.stringify(text)}`);
  return Math.floor(ns / 1e9);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** IEEE CRC-32, as upstream uses to derive a router ID from the node name. */
export function crc32(text: string): number {
  let c = 0xffffffff;
  for (const b of Buffer.from(text, 'utf8')) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function routerIdFromName(name: string): string {
  const v = crc32(name);
  return [v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff].join('.');
}

/** The router ID for a connection from `localAddress` (peers without spec.routerID). */
export function routerIdFor(localAddress: string | undefined, env: PeerEnvironment): string {
  if (env.routerId) return env.routerId;
  if (localAddress && familyOfAddress(localAddress) === 4) return localAddress;
  const onInterface = localAddress ? env.interfaceIPv4?.(localAddress) : undefined;
  return onInterface ?? routerIdFromName(env.nodeName);
}

/** The TCP-MD5 key of a peer, or the reason it cannot be had. The key never appears in messages. */
export function peerPassword(
  spec: PlannedSession['spec'],
  env: Pick<PeerEnvironment, 'namespace' | 'secret'>,
): { key?: string } | { error: string } {
  if (spec.password) return { key: spec.password };
  const ref = spec.passwordSecret;
  if (!ref?.name) return {};
  const where = `Secret ${env.namespace}/${ref.name}`;
  if (ref.namespace && ref.namespace !== env.namespace) {
    return {
      error: `passwordSecret must be in the MetalLB namespace ${env.namespace}, not ${ref.namespace}`,
    };
  }
  const secret = env.secret?.(ref.name);
  if (!secret) return { error: `${where} (passwordSecret) does not exist` };
  if (secret.type !== SECRET_TYPE_BASIC_AUTH) {
    return {
      error: `${where} (passwordSecret) has type ${secret.type ?? '""'}, not ${SECRET_TYPE_BASIC_AUTH}`,
    };
  }
  const b64 = secret.data?.password;
  if (!b64) return { error: `${where} (passwordSecret) has no "password" key` };
  const key = Buffer.from(b64, 'base64');
  if (key.length > TCP_MD5_MAX_KEY_BYTES) {
    return {
      error: `${where} (passwordSecret) holds a ${key.length}-byte password: TCP-MD5 keys are at most ${TCP_MD5_MAX_KEY_BYTES} bytes`,
    };
  }
  return { key: key.toString('utf8') };
}

/**
 * The BgpSession options for a planned session, or why this speaker cannot run it. The returned
 * options hold no functions except routerIdFor, so they compare as JSON (see connectionKey).
 */
export function sessionOptions(
  planned: PlannedSession,
  env: PeerEnvironment,
): BgpSessionOptions | { error: string } {
  const spec = planned.spec;
  try {
    if (!spec.peerAddress) throw new Error('no peerAddress (interface peers are not supported)');
    const family = familyOfAddress(spec.peerAddress);
    if (!family) throw new Error(`peerAddress ${spec.peerAddress} is not an IP address`);
    if (spec.vrf) throw new Error('VRFs are not supported');
    if (spec.routerID && familyOfAddress(spec.routerID) !== 4)
      throw new Error(`routerID ${spec.routerID} is not IPv4`);
    const peerAsn = spec.peerASN ?? spec.dynamicASN;
    if (peerAsn === undefined) throw new Error('neither peerASN nor dynamicASN is set');
    const password = peerPassword(spec, env);
    if ('error' in password) throw new Error(password.error);
    const keepalive = seconds(spec.keepaliveTime, 'keepaliveTime');
    const holdTime =
      seconds(spec.holdTime, 'holdTime') ?? (keepalive !== undefined ? 3 * keepalive : DEFAULT_HOLD_TIME);
    const localAsn = spec.localASN ?? spec.myASN;
    const ebgp = peerAsn === 'external' || (typeof peerAsn === 'number' && peerAsn !== localAsn);
    const ttl = !env.ttlControl || !ebgp ? undefined : spec.ebgpMultiHop ? 255 : 1;
    const fixedId = spec.routerID || env.routerId;
    return {
      config: {
        localAsn,
        routerId: fixedId || routerIdFromName(env.nodeName),
        peerAsn,
        holdTime,
        ...(keepalive !== undefined ? { keepaliveTime: keepalive } : {}),
        connectRetryTime: seconds(spec.connectTime, 'connectTime') ?? DEFAULT_CONNECT_RETRY_TIME,
        families: spec.dualStackAddressFamily ? [4, 6] : [family],
        ...(spec.enableGracefulRestart
          ? { gracefulRestart: { restartTimeSeconds: DEFAULT_GRACEFUL_RESTART_TIME, restarting: false } }
          : {}),
      },
      ...(spec.enableGracefulRestart && env.startedAt !== undefined ? { startedAt: env.startedAt } : {}),
      peerAddress: spec.peerAddress,
      ...(spec.peerPort ? { peerPort: spec.peerPort } : {}),
      ...(spec.sourceAddress ? { sourceAddress: spec.sourceAddress } : {}),
      ...(password.key ? { md5Key: password.key } : {}),
      ...(ttl !== undefined ? { ttl } : {}),
      ...(env.nextHops?.v4 ? { nextHopV4: env.nextHops.v4 } : {}),
      ...(env.nextHops?.v6 ? { nextHopV6: env.nextHops.v6 } : {}),
      ...(fixedId ? {} : { routerIdFor: (local: string | undefined) => routerIdFor(local, env) }),
    };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

/** What identifies a connection: sessions whose keys differ need a new BgpSession. */
export function connectionKey(opts: BgpSessionOptions): string {
  const c = opts.config;
  return JSON.stringify([
    opts.peerAddress,
    opts.peerPort ?? null,
    opts.sourceAddress ?? null,
    opts.nextHopV4 ?? null,
    opts.nextHopV6 ?? null,
    // A changed password needs new sockets; the key itself is not kept in the string.
    opts.md5Key ? crc32(opts.md5Key) : null,
    opts.ttl ?? null,
    opts.minTtl ?? null,
    opts.routerIdFor ? 'auto' : c.routerId,
    c.localAsn,
    c.peerAsn,
    c.holdTime,
    c.keepaliveTime ?? null,
    // Not connectRetryTime: a local timer, changed on the live session (setConnectRetryTime).
    c.passive ?? false,
    c.gracefulRestart?.restartTimeSeconds ?? null,
    [...c.families].sort(),
  ]);
}

/** Whether going from `before` to `after` needs a new connection (routes never do). */
export function needsNewSession(before: BgpSessionOptions, after: BgpSessionOptions): boolean {
  return connectionKey(before) !== connectionKey(after);
}

/**
 * The session config for a connection from `localAddress`: the router ID when it is ours to pick,
 * and graceful restart's R bit only while a peer may still hold routes of our previous life.
 * Returns `config` itself when nothing changes.
 */
export function configForConnection(
  config: SessionConfig,
  opts: Pick<BgpSessionOptions, 'routerIdFor' | 'startedAt'>,
  localAddress: string | undefined,
  now: number,
): SessionConfig {
  const routerId = opts.routerIdFor?.(localAddress) ?? config.routerId;
  const gr = config.gracefulRestart;
  const restarting =
    gr && opts.startedAt !== undefined
      ? gracefulRestartConfig(opts.startedAt, now, gr.restartTimeSeconds).restarting
      : gr?.restarting;
  if (routerId === config.routerId && restarting === gr?.restarting) return config;
  return {
    ...config,
    routerId,
    ...(gr ? { gracefulRestart: { ...gr, restarting: restarting ?? false } } : {}),
  };
}
