// The pure core of the BFD shell: which sessions the configuration asks for, which session a
// received datagram belongs to (RFC 5880 §6.8.6, RFC 5881 §3-5, RFC 5883), and local
// discriminators. No sockets and no timers: manager.ts feeds it and acts on the answers.
import ipaddr from 'ipaddr.js';
import type { BFDProfileSpec } from '../../api/types';
import {
  BFD_MULTI_HOP_PORT,
  BFD_SINGLE_HOP_PORT,
  decodeBfdControl,
  ttlAcceptable,
  type BfdControlPacket,
  type BfdRejection,
} from './packet';
import { bfdConfigFromProfile, type BfdSessionConfig } from './session';

/** One BFD session the BGP shell asks for. */
export interface BfdPeerWanted {
  peerAddress: string;
  /** Our source address (BGPPeer sourceAddress), if pinned. */
  localAddress?: string;
  multiHop: boolean;
  profileName: string;
  profile: BFDProfileSpec;
}

/** A wanted session, checked and resolved. */
export interface BfdPeerPlan {
  /** The canonical peer address: the session's identity. */
  key: string;
  /** As configured: where packets go (it may carry an IPv6 scope). */
  peerAddress: string;
  localAddress?: string;
  /** canonicalAddress(localAddress). */
  localKey?: string;
  family: 4 | 6;
  multiHop: boolean;
  /** Destination port of our packets and the port the peer's arrive on. */
  port: number;
  profileName: string;
  config: BfdSessionConfig;
  /** Something of the configuration this session cannot honour (it runs anyway). */
  problem?: string;
}

/**
 * The canonical text of an address: IPv4-mapped IPv6 as IPv4, IPv6 compressed and lower case, any
 * scope dropped (a '::' socket may report either form for the same peer). Undefined if not an address.
 */
export function canonicalAddress(text: string): string | undefined {
  const bare = text.split('%')[0]!;
  if (ipaddr.IPv4.isValidFourPartDecimal(bare)) return ipaddr.IPv4.parse(bare).toString();
  if (!bare.includes(':') || !ipaddr.IPv6.isValid(bare)) return undefined;
  const v6 = ipaddr.IPv6.parse(bare);
  return v6.isIPv4MappedAddress() ? v6.toIPv4Address().toString() : v6.toString();
}

/**
 * Resolves the wanted sessions. A peer address must be an IP address and appear once (the first
 * entry wins); entries that cannot run come back in `rejected` with the reason.
 */
export function planPeers(wanted: readonly BfdPeerWanted[]): {
  peers: BfdPeerPlan[];
  rejected: { peerAddress: string; problem: string }[];
} {
  const peers = new Map<string, BfdPeerPlan>();
  const rejected: { peerAddress: string; problem: string }[] = [];
  for (const w of wanted) {
    const key = canonicalAddress(w.peerAddress);
    if (!key) {
      rejected.push({ peerAddress: w.peerAddress, problem: `${w.peerAddress} is not an IP address` });
      continue;
    }
    if (peers.has(key)) continue;
    const family = key.includes(':') ? 6 : 4;
    const local = w.localAddress ? canonicalAddress(w.localAddress) : undefined;
    const localFits = local !== undefined && local.includes(':') === (family === 6);
    const problems: string[] = [];
    if (w.localAddress && !localFits) {
      problems.push(`localAddress ${w.localAddress} is not an IPv${family} address: not bound to it`);
    }
    if (w.profile.echoMode) {
      problems.push(
        `BFDProfile ${w.profileName}: echo mode is not supported; the session runs in asynchronous mode only`,
      );
    }
    const plan: BfdPeerPlan = {
      key,
      peerAddress: w.peerAddress,
      family,
      multiHop: w.multiHop,
      port: w.multiHop ? BFD_MULTI_HOP_PORT : BFD_SINGLE_HOP_PORT,
      profileName: w.profileName,
      config: bfdConfigFromProfile(w.profile, w.multiHop),
    };
    if (w.localAddress && localFits) {
      plan.localAddress = w.localAddress;
      plan.localKey = local;
    }
    if (problems.length > 0) plan.problem = problems.join('; ');
    peers.set(key, plan);
  }
  return { peers: [...peers.values()], rejected };
}

/** Whether a running session must be replaced (its sockets differ), rather than reconfigured. */
export function needsNewSession(before: BfdPeerPlan, after: BfdPeerPlan): boolean {
  return (
    before.multiHop !== after.multiHop ||
    before.peerAddress !== after.peerAddress ||
    (before.localAddress ?? '') !== (after.localAddress ?? '')
  );
}

/** What the demultiplexer needs to know of a session. */
export interface DemuxSession {
  key: string;
  multiHop: boolean;
  /** Canonical local address the session is bound to, if any. */
  localAddress?: string;
  minimumTtl: number;
  localDiscr: number;
  /** 0 while the peer's discriminator is unknown. */
  remoteDiscr: number;
  /** Whether our session is Up (a fresh discriminator from the peer may then not reset it). */
  up: boolean;
}

export interface DemuxLookup {
  byDiscriminator(discr: number): DemuxSession | undefined;
  /** By canonical peer address. */
  byAddress(address: string): DemuxSession | undefined;
}

export type BfdDropReason =
  | BfdRejection
  | 'authentication-not-configured'
  | 'unknown-session'
  | 'wrong-port'
  | 'address-mismatch'
  | 'ttl';

export type DemuxResult =
  | { ok: true; session: DemuxSession; packet: BfdControlPacket }
  | { ok: false; reason: BfdDropReason; session?: DemuxSession };

export interface Arrival {
  data: Uint8Array;
  /** The sender's address. */
  address: string;
  ttl: number;
  /** The address the packet was sent to, when known. */
  localAddress?: string;
  /** The port it arrived on: 3784 single hop, 4784 multi hop. */
  listenPort: number;
}

/**
 * The session a datagram belongs to, or why it is dropped. Your Discriminator selects the session
 * when non-zero; when zero, the source address does, but for an Up session only when it does not
 * know the peer's discriminator or knows this very one (so a stray Down with a fresh discriminator
 * cannot reset an Up session; a session that is not Up takes the peer's new session at once instead
 * of waiting a Detection Time to forget the old one). The packet must also come from the session's peer, on its port (single vs
 * multi hop), to its local address if bound, with the TTL RFC 5881 §5 / RFC 5883 §2 ask for.
 * Never throws.
 */
export function demultiplex(a: Arrival, lookup: DemuxLookup): DemuxResult {
  const decoded = decodeBfdControl(a.data);
  if (!decoded.ok) return { ok: false, reason: decoded.reason };
  const packet = decoded.packet;
  // We configure no authentication (RFC 5880 §6.8.6: A set without it configured: discard).
  if (packet.authenticationPresent) return { ok: false, reason: 'authentication-not-configured' };
  const from = canonicalAddress(a.address);
  let session: DemuxSession | undefined;
  if (packet.yourDiscriminator !== 0) session = lookup.byDiscriminator(packet.yourDiscriminator);
  else if (from) {
    const candidate = lookup.byAddress(from);
    const known =
      candidate && (candidate.remoteDiscr === 0 || candidate.remoteDiscr === packet.myDiscriminator);
    if (candidate && (known || !candidate.up)) {
      session = candidate;
    }
  }
  if (!session) return { ok: false, reason: 'unknown-session' };
  if (session.multiHop !== (a.listenPort === BFD_MULTI_HOP_PORT)) {
    return { ok: false, reason: 'wrong-port', session };
  }
  if (from !== session.key) return { ok: false, reason: 'address-mismatch', session };
  const to = a.localAddress !== undefined ? canonicalAddress(a.localAddress) : undefined;
  if (session.localAddress && to && to !== session.localAddress) {
    return { ok: false, reason: 'address-mismatch', session };
  }
  if (!ttlAcceptable(a.ttl, session.multiHop, session.minimumTtl))
    return { ok: false, reason: 'ttl', session };
  return { ok: true, session, packet };
}

/**
 * A random non-zero 32-bit discriminator not in use. `draw` returns candidates (uniform over
 * 32 bits); random rather than sequential so a blind spoofer cannot guess ours (RFC 5880 §6.3).
 */
export function allocateDiscriminator(inUse: (d: number) => boolean, draw: () => number): number {
  for (let i = 0; i < 1000; i++) {
    const d = draw() >>> 0;
    if (d !== 0 && !inUse(d)) return d;
  }
  throw new Error('no free BFD discriminator found');
}
