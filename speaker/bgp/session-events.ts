// What a BgpSession reports: the events it emits and the status it answers with, and how FSM
// results become them.
import type { StateName } from './fsm';
import type { Negotiated } from './negotiation';
import { describeNotification } from './notification';
import type { SkippedRoute } from './route-sync';
import type { BgpMessage, NotificationData, UpdateMessage } from './types';

export interface NotificationInfo {
  code: number;
  subcode: number;
  /** Hex of the data field. */
  data: string;
  description: string;
}

export type SessionEvent =
  | { type: 'state'; from: StateName; to: StateName }
  | { type: 'established'; negotiated: Negotiated; localAddress?: string }
  | { type: 'down'; reason: string; sent?: NotificationInfo; received?: NotificationInfo }
  | { type: 'notification'; direction: 'sent' | 'received'; notification: NotificationInfo }
  | { type: 'connectionError'; message: string }
  | { type: 'routesSent'; announced: string[]; withdrawn: string[]; messages: number }
  | { type: 'routesSkipped'; skipped: SkippedRoute[] }
  | { type: 'updateReceived'; nlri: string[]; withdrawn: string[]; nextHop?: string; communities?: number[] }
  | { type: 'restartScheduled'; delayMs: number }
  /** One message written to, or decoded from, the connection (for per-type counters). */
  | { type: 'message'; direction: 'sent' | 'received'; kind: BgpMessage['type'] };

export interface SessionStatus {
  peerAddress: string;
  peerPort: number;
  state: StateName;
  /** Milliseconds since the session became Established (undefined when not Established). */
  uptimeMs?: number;
  establishedAt?: number;
  /** Prefixes currently advertised to the peer. */
  prefixesSent: number;
  /** Distinct prefixes the peer should have, advertised or not (RouteSync.desiredPrefixes). */
  prefixesWanted?: number;
  /** Routes that cannot go to this peer (family not negotiated, no next hop). */
  skipped: SkippedRoute[];
  lastError?: string;
  lastNotificationSent?: NotificationInfo;
  lastNotificationReceived?: NotificationInfo;
  localAddress?: string;
  negotiated?: Negotiated;
  connectRetryCounter: number;
  messagesSent: number;
  messagesReceived: number;
}

export function notificationInfo(n: NotificationData): NotificationInfo {
  return {
    code: n.code,
    subcode: n.subcode,
    data: Buffer.from(n.data).toString('hex'),
    description: describeNotification(n),
  };
}

/** What the peer announced and withdrew, over both the classic fields and MP_(UN)REACH. */
export function updateReceivedEvent(m: UpdateMessage): SessionEvent {
  const attrs = m.attributes;
  const nextHop = attrs.nextHop ?? attrs.mpReach?.nextHops[0];
  return {
    type: 'updateReceived',
    nlri: [...m.nlri, ...(attrs.mpReach?.nlri ?? [])],
    withdrawn: [...m.withdrawn, ...(attrs.mpUnreach?.withdrawn ?? [])],
    ...(nextHop !== undefined ? { nextHop } : {}),
    ...(attrs.communities ? { communities: attrs.communities } : {}),
  };
}
