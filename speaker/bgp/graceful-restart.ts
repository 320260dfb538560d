// How the speaker ends a session so that the peer keeps or drops our routes, under graceful
// restart (RFC 4724) with notification support (RFC 8538). Pure: the shell sends what this says.
//
// The peer is the helper ("Receiving Speaker"); it keeps our routes, marked stale, until the
// session is back and our End-of-RIB arrives or the restart time runs out (RFC 4724 §4.2):
// - GR without the N bit: only a TCP close without NOTIFICATION keeps them; a NOTIFICATION ends
//   graceful restart (the limitation RFC 8538 §1 lifts).
// - GR with the N bit on both sides: every NOTIFICATION keeps them except Cease/Hard Reset
//   (RFC 8538 §4), which carries the real reason in its data (§3.1); §5 says which Cease
//   subcodes go inside a Hard Reset.
import { CeaseSubcode, ErrorCode } from './constants';
import { DEFAULT_GRACEFUL_RESTART_TIME, type GracefulRestartConfig, type Negotiated } from './negotiation';
import { notification } from './notification';
import type { NotificationData } from './types';

/**
 * Why the session ends: `restart` the speaker stops and comes back (rollout, crash loop,
 * upgrade); `peerRemoved` the BGPPeer is gone or no longer selects this node; `shutdown` BGP is
 * turned off on this node for good; `reconfigured` a session with new parameters replaces it.
 */
export type SessionEndReason = 'restart' | 'peerRemoved' | 'shutdown' | 'reconfigured';

export interface ShutdownPlan {
  /** The NOTIFICATION to send before closing; null: close the TCP connection without one. */
  notification: NotificationData | null;
  /** Whether the peer keeps forwarding to our routes (helper mode) after this. */
  peerKeepsRoutes: boolean;
}

/** The SessionConfig.gracefulRestart of a process that started at `startedAtMs`. */
export function gracefulRestartConfig(
  startedAtMs: number,
  nowMs: number,
  restartTimeSeconds = DEFAULT_GRACEFUL_RESTART_TIME,
): GracefulRestartConfig {
  // Past the restart time the peer has dropped whatever it kept from our previous life.
  return { restartTimeSeconds, restarting: nowMs - startedAtMs < restartTimeSeconds * 1000 };
}

/** Both sides set the N bit (ours is always set when we offer graceful restart). */
export function notificationSupport(negotiated: Negotiated | undefined): boolean {
  return negotiated?.gracefulRestart?.peerNotification ?? false;
}

/** Cease/Hard Reset carrying `inner` (its code, subcode and data: RFC 8538 §3.1). */
export function hardReset(inner: NotificationData): NotificationData {
  return notification(
    ErrorCode.Cease,
    CeaseSubcode.HardReset,
    Uint8Array.from([inner.code, inner.subcode, ...inner.data]),
  );
}

/** Cease subcodes whose routes must go at once: RFC 8538 §5 puts them in a Hard Reset. */
const HARD_CEASE = new Set<number>([
  CeaseSubcode.MaxPrefixes,
  CeaseSubcode.AdministrativeShutdown,
  CeaseSubcode.PeerDeconfigured,
]);

/**
 * A Cease for `subcode`, wrapped in a Hard Reset when the N bit is negotiated and the subcode means
 * the routes must go; a bare Cease would leave the peer holding them (RFC 8538 §4, §5).
 */
export function cease(negotiated: Negotiated | undefined, subcode: number): NotificationData {
  const plain = notification(ErrorCode.Cease, subcode);
  return notificationSupport(negotiated) && HARD_CEASE.has(subcode) ? hardReset(plain) : plain;
}

/** Whether the peer stays in helper mode (keeps our routes) after we send `n`. */
export function keepsRoutesAfter(negotiated: Negotiated | undefined, n: NotificationData | null): boolean {
  if (!negotiated?.gracefulRestart) return false;
  if (n === null) return true;
  if (!notificationSupport(negotiated)) return false;
  return !(n.code === ErrorCode.Cease && n.subcode === CeaseSubcode.HardReset);
}

/** How to end the session with `negotiated` (undefined: not past OpenSent) for `reason`. */
export function gracefulShutdownPlan(
  negotiated: Negotiated | undefined,
  reason: SessionEndReason,
): ShutdownPlan {
  let n: NotificationData | null;
  switch (reason) {
    case 'peerRemoved':
      // RFC 4486 §4: de-configuring a peer is Peer De-configured.
      n = cease(negotiated, CeaseSubcode.PeerDeconfigured);
      break;
    case 'shutdown':
      n = cease(negotiated, CeaseSubcode.AdministrativeShutdown);
      break;
    case 'reconfigured':
      // A new session with changed parameters follows at once: Other Configuration Change, which
      // (unlike a de-configuration) the helper may ride through, keeping our routes until then.
      n =
        negotiated?.gracefulRestart && !notificationSupport(negotiated)
          ? null
          : notification(ErrorCode.Cease, CeaseSubcode.OtherConfigurationChange);
      break;
    case 'restart':
      // Administrative Reset is the one §5 leaves to the operator: sent bare, the helper keeps our
      // routes. Without the N bit, any NOTIFICATION would end graceful restart: close silently.
      // Without graceful restart the routes go anyway; say why.
      n =
        negotiated?.gracefulRestart && !notificationSupport(negotiated)
          ? null
          : notification(ErrorCode.Cease, CeaseSubcode.AdministrativeReset);
      break;
  }
  return { notification: n, peerKeepsRoutes: keepsRoutesAfter(negotiated, n) };
}
