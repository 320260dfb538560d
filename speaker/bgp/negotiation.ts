// What two OPENs agree on (RFC 4271 §4.2/§6.2, RFC 5492, RFC 6793, RFC 4760 §8, RFC 6286, RFC 4724
// with RFC 8538), the OPEN we send, and connection collision resolution (RFC 4271 §6.8). Pure
// functions of config and OPEN.
import { Afi, AS_TRANS, BGP_VERSION, ErrorCode, OpenSubcode, Safi } from './constants';
import { readU32 } from './bytes';
import { notification } from './notification';
import { encodeCapability } from './open';
import { addressBytes, type Family } from './prefix';
import type { Capability, NotificationData, OpenMessage } from './types';

export interface SessionConfig {
  localAsn: number;
  /** Our BGP identifier (an IPv4 address). */
  routerId: string;
  /** The peer's ASN, or FRR-style "internal"/"external" for dynamic ASN peers. */
  peerAsn: number | 'internal' | 'external';
  /** Proposed hold time in seconds: 0, or at least 3. */
  holdTime: number;
  /** Upper bound for the keepalive interval; hold/3 when unset. */
  keepaliveTime?: number;
  /** ConnectRetryTimer value in seconds (RFC 4271 suggests 120). */
  connectRetryTime: number;
  /** Wait for the peer to connect instead of connecting (RFC 4271 PassiveTcpEstablishment). */
  passive?: boolean;
  /** Address families to offer as multiprotocol capabilities (unicast). */
  families: Family[];
  /** Offer graceful restart (RFC 4724) with notification support (RFC 8538). */
  gracefulRestart?: GracefulRestartConfig;
}

export interface GracefulRestartConfig {
  /** How long the peer should keep our routes after the session drops (0..4095 s). */
  restartTimeSeconds: number;
  /**
   * The R bit: this process started less than the restart time ago, so the peer may still hold
   * our routes from before the restart and must not wait for our End-of-RIB (RFC 4724 §3).
   */
  restarting: boolean;
}

export const DEFAULT_HOLD_TIME = 90;
export const DEFAULT_CONNECT_RETRY_TIME = 120;
/** The "large value" the HoldTimer gets while waiting for the peer's OPEN (RFC 4271 §8.2.2). */
export const OPEN_HOLD_TIME = 240;
/** Upstream's FRR mode leaves FRR's default restart time, 120 s. */
export const DEFAULT_GRACEFUL_RESTART_TIME = 120;
/** The Restart Time field has 12 bits (RFC 4724 §3). */
const MAX_RESTART_TIME = 0x0fff;

/** Graceful restart as both sides offered it. */
export interface NegotiatedGracefulRestart {
  /** How long the peer asks us to keep its routes (we accept none, so informational). */
  peerRestartTime: number;
  /**
   * The peer's N bit. We always set ours when offering, so this says RFC 8538 applies: any
   * NOTIFICATION but Cease/Hard Reset leaves the peer in helper mode.
   */
  peerNotification: boolean;
  /** The peer's R bit: it restarted and will not wait for our End-of-RIB. */
  peerRestarting: boolean;
  /** The negotiated families the peer listed, with its Forwarding State bit. */
  families: { family: Family; forwardingPreserved: boolean }[];
}

export interface Negotiated {
  peerAsn: number;
  peerRouterId: string;
  ibgp: boolean;
  /** 0 means no hold timer and no keepalives. */
  holdTime: number;
  keepaliveTime: number;
  fourOctetAs: boolean;
  /** Unicast families both sides can carry. */
  families: Family[];
  routeRefresh: boolean;
  /** The peer's graceful restart capability as received, whether or not we offered ours. */
  peerGracefulRestart?: Extract<Capability, { kind: 'gracefulRestart' }>;
  /** Set when both sides offered graceful restart. */
  gracefulRestart?: NegotiatedGracefulRestart;
  peerCapabilities: Capability[];
}

export type NegotiationResult =
  { ok: true; negotiated: Negotiated } | { ok: false; notification: NotificationData; reason: string };

const afiOf = (f: Family) => (f === 4 ? Afi.IPv4 : Afi.IPv6);

/**
 * Our graceful restart capability: every offered family with F=1, since the node keeps forwarding
 * to its Services while the speaker restarts (without F the helper drops our routes once the new
 * session is up, RFC 4724 §4.2), and the N bit (RFC 8538 §2).
 */
function gracefulRestartCapability(config: SessionConfig, gr: GracefulRestartConfig): Capability {
  return {
    kind: 'gracefulRestart',
    restarting: gr.restarting,
    notification: true,
    restartTime: Math.max(0, Math.min(MAX_RESTART_TIME, Math.floor(gr.restartTimeSeconds))),
    families: config.families.map((f) => ({ afi: afiOf(f), safi: Safi.Unicast, forwardingPreserved: true })),
  };
}

export function localCapabilities(config: SessionConfig): Capability[] {
  return [
    ...config.families.map((f): Capability => ({ kind: 'multiprotocol', afi: afiOf(f), safi: Safi.Unicast })),
    { kind: 'routeRefresh' },
    { kind: 'fourOctetAs', asn: config.localAsn },
    ...(config.gracefulRestart ? [gracefulRestartCapability(config, config.gracefulRestart)] : []),
  ];
}

function negotiatedGracefulRestart(
  peer: Extract<Capability, { kind: 'gracefulRestart' }>,
  families: readonly Family[],
): NegotiatedGracefulRestart {
  return {
    peerRestartTime: peer.restartTime,
    peerNotification: peer.notification,
    peerRestarting: peer.restarting,
    families: families.flatMap((family) => {
      const entry = peer.families.find((e) => e.afi === afiOf(family) && e.safi === Safi.Unicast);
      return entry ? [{ family, forwardingPreserved: entry.forwardingPreserved }] : [];
    }),
  };
}

/** The OPEN we send: AS_TRANS in the 2-octet field when our ASN needs 4 octets (RFC 6793). */
export function buildOpen(config: SessionConfig): OpenMessage {
  return {
    type: 'open',
    version: BGP_VERSION,
    myAsn: config.localAsn > 0xffff ? AS_TRANS : config.localAsn,
    holdTime: config.holdTime,
    bgpId: config.routerId,
    capabilities: localCapabilities(config),
  };
}

function openError(subcode: number, reason: string, data: Uint8Array = new Uint8Array(0)): NegotiationResult {
  return { ok: false, notification: notification(ErrorCode.OpenMessage, subcode, data), reason };
}

function idValue(s: string): number {
  const b = addressBytes(4, s);
  return b ? readU32(b, 0) : 0;
}

/** Check the peer's OPEN against our config and derive the session parameters. */
export function negotiate(config: SessionConfig, open: OpenMessage): NegotiationResult {
  if (open.version !== BGP_VERSION) {
    return openError(
      OpenSubcode.UnsupportedVersion,
      `version ${open.version}`,
      Uint8Array.of(0, BGP_VERSION),
    );
  }
  const as4 = open.capabilities.find((c) => c.kind === 'fourOctetAs');
  const peerAsn = as4 ? as4.asn : open.myAsn;
  if (peerAsn === 0) return openError(OpenSubcode.BadPeerAs, 'peer AS 0'); // RFC 7607
  const expected = config.peerAsn;
  const asOk =
    expected === 'internal'
      ? peerAsn === config.localAsn
      : expected === 'external'
        ? peerAsn !== config.localAsn
        : peerAsn === expected;
  if (!asOk) return openError(OpenSubcode.BadPeerAs, `peer AS ${peerAsn}, expected ${expected}`);
  if (open.holdTime === 1 || open.holdTime === 2) {
    return openError(OpenSubcode.UnacceptableHoldTime, `hold time ${open.holdTime}`);
  }
  const ibgp = peerAsn === config.localAsn;
  const peerId = idValue(open.bgpId);
  if (peerId === 0) return openError(OpenSubcode.BadBgpIdentifier, 'BGP identifier 0');
  // RFC 6286 §2.2: identical identifiers are an error within one AS only.
  if (ibgp && peerId === idValue(config.routerId)) {
    return openError(OpenSubcode.BadBgpIdentifier, `peer uses our BGP identifier ${open.bgpId}`);
  }
  if (!as4 && config.localAsn > 0xffff) {
    const cap = encodeCapability({ kind: 'fourOctetAs', asn: config.localAsn });
    return openError(
      OpenSubcode.UnsupportedCapability,
      'peer lacks 4-octet AS support and our ASN needs it',
      cap,
    );
  }
  const holdTime = Math.min(config.holdTime, open.holdTime);
  const keepaliveTime =
    holdTime === 0 ? 0 : Math.max(1, Math.min(config.keepaliveTime ?? Infinity, Math.floor(holdTime / 3)));
  const mp = open.capabilities.filter((c) => c.kind === 'multiprotocol');
  // RFC 4760 §8: a peer that advertises no multiprotocol capability carries IPv4 unicast only.
  const peerFamilies = new Set<Family>(
    mp.length === 0
      ? [4]
      : mp.flatMap((c) =>
          c.safi !== Safi.Unicast
            ? []
            : c.afi === Afi.IPv4
              ? [4 as const]
              : c.afi === Afi.IPv6
                ? [6 as const]
                : [],
        ),
  );
  const gr = open.capabilities.find((c) => c.kind === 'gracefulRestart');
  const families = config.families.filter((f) => peerFamilies.has(f));
  return {
    ok: true,
    negotiated: {
      peerAsn,
      peerRouterId: open.bgpId,
      ibgp,
      holdTime,
      keepaliveTime,
      fourOctetAs: as4 !== undefined,
      families,
      routeRefresh: open.capabilities.some((c) => c.kind === 'routeRefresh'),
      ...(gr ? { peerGracefulRestart: gr } : {}),
      ...(gr && config.gracefulRestart ? { gracefulRestart: negotiatedGracefulRestart(gr, families) } : {}),
      peerCapabilities: open.capabilities,
    },
  };
}

/**
 * RFC 4271 §6.8: when two connections to one peer both reach OpenConfirm (or one is Established
 * and collision detection is wanted), keep the one opened by the speaker with the higher identifier.
 */
export function collisionWinner(
  localRouterId: string,
  peerRouterId: string,
): 'locallyInitiated' | 'peerInitiated' {
  return idValue(localRouterId) > idValue(peerRouterId) ? 'locallyInitiated' : 'peerInitiated';
}
