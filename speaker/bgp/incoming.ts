// What to do with a connection the peer opened to us, given where our session is (RFC 4271 §6.8):
// refuse it, let it replace our own attempt, or, in OpenConfirm, keep whichever connection the
// BGP identifiers say wins.
import { CeaseSubcode } from './constants';
import type { FsmState } from './fsm';
import { collisionWinner } from './negotiation';

export type Initiator = 'locallyInitiated' | 'peerInitiated';

export type IncomingVerdict =
  /** Send Cease with this subcode and close. */
  | { action: 'refuse'; subcode: number }
  /** Connect or Active: drop any attempt of ours and take this one. */
  | { action: 'replace' }
  /**
   * Idle between our attempts (backing off after a failure): start now on this connection, so a
   * router that can reach us establishes even while our own dials fail.
   */
  | { action: 'start' }
  /** OpenConfirm and the new connection wins: dump the current one and restart on this one. */
  | { action: 'takeOver' };

/** `current` is who opened the connection the session has now, if any. */
export function incomingVerdict(
  running: boolean,
  fsm: FsmState,
  current: Initiator | undefined,
): IncomingVerdict {
  const name = fsm.name;
  // Stopped: the peer will try again.
  if (!running) return { action: 'refuse', subcode: CeaseSubcode.ConnectionRejected };
  if (name === 'Idle') return { action: 'start' };
  if (name === 'Established' || name === 'OpenSent') {
    return { action: 'refuse', subcode: CeaseSubcode.ConnectionCollisionResolution };
  }
  if (name !== 'OpenConfirm') return { action: 'replace' };
  const peerId = fsm.negotiated?.peerRouterId;
  const winner = peerId ? collisionWinner(fsm.config.routerId, peerId) : 'locallyInitiated';
  if (!current || current === winner) {
    return { action: 'refuse', subcode: CeaseSubcode.ConnectionCollisionResolution };
  }
  return { action: 'takeOver' };
}
