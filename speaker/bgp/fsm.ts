// The RFC 4271 §8 session state machine as a pure reducer: step(state, event) -> {state, actions}.
// The shell owns the socket and the timers: it performs the actions in order and feeds back events.
// Options left out: DelayOpen, SendNOTIFICATIONwithoutOPEN, peer oscillation damping (the shell's
// back-off between Idle and AutomaticStart covers it), collision detection inside Established.
import { CeaseSubcode, ErrorCode, FsmSubcode } from './constants';
import { buildOpen, negotiate, OPEN_HOLD_TIME, type Negotiated, type SessionConfig } from './negotiation';
import { notification } from './notification';
import type {
  BgpMessage,
  DecodeError,
  DecodeResult,
  NotificationData,
  NotificationMessage,
  OpenMessage,
  RouteRefreshMessage,
  UpdateMessage,
} from './types';

export type StateName = 'Idle' | 'Connect' | 'Active' | 'OpenSent' | 'OpenConfirm' | 'Established';
export type TimerName = 'ConnectRetry' | 'Hold' | 'Keepalive';

export interface FsmState {
  readonly name: StateName;
  readonly config: SessionConfig;
  readonly connectRetryCounter: number;
  /** Set from the peer's OPEN until the session goes back to Idle. */
  readonly negotiated?: Negotiated;
}

export type FsmEvent =
  | { type: 'ManualStart' }
  | { type: 'AutomaticStart' }
  /** `notification`: what to send instead of Cease/Administrative Shutdown; null: none (graceful restart). */
  | { type: 'ManualStop'; notification?: NotificationData | null }
  /** Stop for a local reason (config change, peer removed); `subcode` is the Cease subcode to send. */
  | { type: 'AutomaticStop'; subcode?: number }
  | { type: 'ConnectRetryTimerExpires' }
  | { type: 'HoldTimerExpires' }
  | { type: 'KeepaliveTimerExpires' }
  /** The TCP connection is up (ours was accepted, or we accepted the peer's). */
  | { type: 'TcpConnectionConfirmed' }
  | { type: 'TcpConnectionFails' }
  | { type: 'BGPOpen'; message: OpenMessage }
  | { type: 'KeepAliveMsg' }
  | { type: 'UpdateMsg'; message: UpdateMessage }
  | { type: 'NotifMsg'; message: NotificationMessage }
  | { type: 'RouteRefreshMsg'; message: RouteRefreshMessage }
  /** A received message failed to decode (BGPHeaderErr, BGPOpenMsgErr, UpdateMsgErr). */
  | { type: 'DecodeError'; error: DecodeError }
  /** The shell resolved a connection collision against this connection (RFC 4271 §6.8). */
  | { type: 'OpenCollisionDump' }
  /** Send these UPDATEs (from the rib-out diff); ignored unless Established. */
  | { type: 'SendUpdates'; messages: UpdateMessage[] };

export type FsmAction =
  | { type: 'connect' }
  | { type: 'disconnect'; reason: string }
  | { type: 'send'; message: BgpMessage }
  | { type: 'startTimer'; timer: TimerName; seconds: number }
  | { type: 'stopTimer'; timer: TimerName }
  | { type: 'established'; negotiated: Negotiated }
  | { type: 'sessionDown'; reason: string; sent?: NotificationData; received?: NotificationData }
  | { type: 'updateReceived'; message: UpdateMessage }
  | { type: 'routeRefreshRequested'; afi: number; safi: number };

export interface Step {
  state: FsmState;
  actions: FsmAction[];
}

export function initialState(config: SessionConfig): FsmState {
  return { name: 'Idle', config, connectRetryCounter: 0 };
}

/** Map a decoded (or failed) message to its FSM event. */
export function messageEvent(r: DecodeResult): FsmEvent {
  if (!r.ok) return { type: 'DecodeError', error: r.error };
  const m = r.message;
  switch (m.type) {
    case 'open':
      return { type: 'BGPOpen', message: m };
    case 'update':
      return { type: 'UpdateMsg', message: m };
    case 'notification':
      return { type: 'NotifMsg', message: m };
    case 'keepalive':
      return { type: 'KeepAliveMsg' };
    case 'routeRefresh':
      return { type: 'RouteRefreshMsg', message: m };
  }
}

const ALL_TIMERS: TimerName[] = ['ConnectRetry', 'Hold', 'Keepalive'];
const stay = (state: FsmState): Step => ({ state, actions: [] });
const send = (message: BgpMessage): FsmAction => ({ type: 'send', message });
const sendNotification = (n: NotificationData): FsmAction =>
  send({ type: 'notification', code: n.code, subcode: n.subcode, data: n.data });

interface IdleOptions {
  reason: string;
  counter: 'increment' | 'reset' | 'keep';
  sent?: NotificationData;
  received?: NotificationData;
}

/** Tear the connection down and go to Idle: optional NOTIFICATION, stop timers, drop TCP. */
function toIdle(s: FsmState, o: IdleOptions): Step {
  const actions: FsmAction[] = [];
  if (o.sent) actions.push(sendNotification(o.sent));
  for (const timer of ALL_TIMERS) actions.push({ type: 'stopTimer', timer });
  actions.push({ type: 'disconnect', reason: o.reason });
  if (s.name === 'Established') {
    actions.push({
      type: 'sessionDown',
      reason: o.reason,
      ...(o.sent ? { sent: o.sent } : {}),
      ...(o.received ? { received: o.received } : {}),
    });
  }
  const connectRetryCounter =
    o.counter === 'increment' ? s.connectRetryCounter + 1 : o.counter === 'reset' ? 0 : s.connectRetryCounter;
  return { state: { name: 'Idle', config: s.config, connectRetryCounter }, actions };
}

function move(s: FsmState, name: StateName, extra: Partial<FsmState> = {}): FsmState {
  return { ...s, ...extra, name };
}

function openSentStep(s: FsmState): Step {
  return {
    state: move(s, 'OpenSent'),
    actions: [
      { type: 'stopTimer', timer: 'ConnectRetry' },
      send(buildOpen(s.config)),
      { type: 'startTimer', timer: 'Hold', seconds: OPEN_HOLD_TIME },
    ],
  };
}

const cease = (subcode: number) => notification(ErrorCode.Cease, subcode);
const fsmError = (subcode: number) => notification(ErrorCode.Fsm, subcode);
const isVersionError = (n: NotificationData) => n.code === ErrorCode.OpenMessage && n.subcode === 1;

/** Events handled the same way in OpenSent, OpenConfirm and Established. */
function connectedCommon(s: FsmState, e: FsmEvent, unexpected: number): Step | undefined {
  switch (e.type) {
    case 'ManualStart':
    case 'AutomaticStart':
      return stay(s);
    case 'ManualStop': {
      const sent = e.notification === undefined ? cease(CeaseSubcode.AdministrativeShutdown) : e.notification;
      return toIdle(s, { reason: 'stopped', counter: 'reset', ...(sent ? { sent } : {}) });
    }
    case 'AutomaticStop':
      return toIdle(s, { reason: 'stopped', counter: 'increment', sent: cease(e.subcode ?? 0) });
    case 'HoldTimerExpires':
      return toIdle(s, {
        reason: 'hold timer expired',
        counter: 'increment',
        sent: notification(ErrorCode.HoldTimerExpired, 0),
      });
    case 'DecodeError':
      return toIdle(s, { reason: e.error.reason, counter: 'increment', sent: e.error.notification });
    case 'OpenCollisionDump':
      return toIdle(s, {
        reason: 'connection collision',
        counter: 'increment',
        sent: cease(CeaseSubcode.ConnectionCollisionResolution),
      });
    case 'NotifMsg': {
      const received = notificationData(e.message);
      // NotifMsgVerErr (event 24) leaves the counter alone; no NOTIFICATION answers a NOTIFICATION.
      return toIdle(s, {
        reason: 'notification received',
        counter: isVersionError(received) && s.name !== 'Established' ? 'keep' : 'increment',
        received,
      });
    }
    case 'SendUpdates':
      return stay(s);
    case 'ConnectRetryTimerExpires':
    case 'BGPOpen':
    case 'UpdateMsg':
    case 'RouteRefreshMsg':
    case 'KeepAliveMsg':
    case 'KeepaliveTimerExpires':
    case 'TcpConnectionConfirmed':
      return toIdle(s, {
        reason: `unexpected ${e.type} in ${s.name}`,
        counter: 'increment',
        sent: fsmError(unexpected),
      });
    case 'TcpConnectionFails':
      return undefined;
  }
}

function notificationData(m: NotificationMessage): NotificationData {
  return { code: m.code, subcode: m.subcode, data: m.data };
}

function keepaliveActions(n: Negotiated): FsmAction[] {
  return n.holdTime === 0 ? [] : [{ type: 'startTimer', timer: 'Keepalive', seconds: n.keepaliveTime }];
}

function holdActions(n: Negotiated): FsmAction[] {
  return n.holdTime === 0
    ? [{ type: 'stopTimer', timer: 'Hold' }]
    : [{ type: 'startTimer', timer: 'Hold', seconds: n.holdTime }];
}

export function step(s: FsmState, e: FsmEvent): Step {
  switch (s.name) {
    case 'Idle':
      if (e.type === 'ManualStart' || e.type === 'AutomaticStart') {
        const base: FsmState = {
          name: 'Idle',
          config: s.config,
          connectRetryCounter: e.type === 'ManualStart' ? 0 : s.connectRetryCounter,
        };
        const timer: FsmAction = {
          type: 'startTimer',
          timer: 'ConnectRetry',
          seconds: s.config.connectRetryTime,
        };
        if (s.config.passive) return { state: move(base, 'Active'), actions: [timer] };
        return { state: move(base, 'Connect'), actions: [timer, { type: 'connect' }] };
      }
      return stay(s);

    case 'Connect':
    case 'Active':
      switch (e.type) {
        case 'ManualStart':
        case 'AutomaticStart':
        case 'SendUpdates':
          return stay(s);
        case 'ManualStop':
          return toIdle(s, { reason: 'stopped', counter: 'reset' });
        case 'ConnectRetryTimerExpires':
          // Connect: drop the attempt and retry; Active: start connecting.
          return {
            state: move(s, 'Connect'),
            actions: [
              ...(s.name === 'Connect' ? [{ type: 'disconnect', reason: 'connect retry' } as FsmAction] : []),
              { type: 'startTimer', timer: 'ConnectRetry', seconds: s.config.connectRetryTime },
              { type: 'connect' },
            ],
          };
        case 'TcpConnectionConfirmed':
          return openSentStep(s);
        case 'TcpConnectionFails':
          return toIdle(s, {
            reason: 'TCP connection failed',
            counter: s.name === 'Connect' ? 'keep' : 'increment',
          });
        default:
          return toIdle(s, { reason: `unexpected ${e.type} in ${s.name}`, counter: 'increment' });
      }

    case 'OpenSent':
      switch (e.type) {
        case 'TcpConnectionFails':
          return {
            state: move(s, 'Active'),
            actions: [
              { type: 'stopTimer', timer: 'Hold' },
              { type: 'disconnect', reason: 'TCP connection failed' },
              { type: 'startTimer', timer: 'ConnectRetry', seconds: s.config.connectRetryTime },
            ],
          };
        case 'BGPOpen': {
          const r = negotiate(s.config, e.message);
          if (!r.ok) return toIdle(s, { reason: r.reason, counter: 'increment', sent: r.notification });
          const n = r.negotiated;
          return {
            state: move(s, 'OpenConfirm', { negotiated: n }),
            actions: [
              { type: 'stopTimer', timer: 'ConnectRetry' },
              send({ type: 'keepalive' }),
              ...keepaliveActions(n),
              ...holdActions(n),
            ],
          };
        }
        default:
          return connectedCommon(s, e, FsmSubcode.UnexpectedInOpenSent) ?? stay(s);
      }

    case 'OpenConfirm': {
      const n = s.negotiated;
      switch (e.type) {
        case 'TcpConnectionFails':
          return toIdle(s, { reason: 'TCP connection failed', counter: 'increment' });
        case 'KeepaliveTimerExpires':
          return { state: s, actions: n ? [send({ type: 'keepalive' }), ...keepaliveActions(n)] : [] };
        case 'KeepAliveMsg':
          if (!n) return toIdle(s, { reason: 'no negotiated parameters', counter: 'increment' });
          return {
            state: move(s, 'Established'),
            actions: [...holdActions(n), { type: 'established', negotiated: n }],
          };
        default:
          return connectedCommon(s, e, FsmSubcode.UnexpectedInOpenConfirm) ?? stay(s);
      }
    }

    case 'Established': {
      const n = s.negotiated;
      if (!n) return toIdle(s, { reason: 'no negotiated parameters', counter: 'increment' });
      switch (e.type) {
        case 'TcpConnectionFails':
          return toIdle(s, { reason: 'TCP connection failed', counter: 'increment' });
        case 'KeepaliveTimerExpires':
          return { state: s, actions: [send({ type: 'keepalive' }), ...keepaliveActions(n)] };
        case 'KeepAliveMsg':
          return { state: s, actions: holdActions(n) };
        case 'UpdateMsg':
          return { state: s, actions: [...holdActions(n), { type: 'updateReceived', message: e.message }] };
        case 'RouteRefreshMsg': {
          // RFC 2918 §4: a request for a family not negotiated is ignored.
          const family = e.message.afi === 1 ? 4 : e.message.afi === 2 ? 6 : undefined;
          const ok =
            n.routeRefresh && e.message.safi === 1 && family !== undefined && n.families.includes(family);
          return {
            state: s,
            actions: ok ? [{ type: 'routeRefreshRequested', afi: e.message.afi, safi: e.message.safi }] : [],
          };
        }
        case 'SendUpdates':
          // Sending an UPDATE restarts the KeepaliveTimer (RFC 4271 §8.2.2, Established).
          return {
            state: s,
            actions: e.messages.length === 0 ? [] : [...e.messages.map(send), ...keepaliveActions(n)],
          };
        default:
          return connectedCommon(s, e, FsmSubcode.UnexpectedInEstablished) ?? stay(s);
      }
    }
  }
}

/** Run several events in order, concatenating the actions (handy for the shell and for tests). */
export function run(s: FsmState, events: readonly FsmEvent[]): Step {
  const actions: FsmAction[] = [];
  let state = s;
  for (const e of events) {
    const r = step(state, e);
    state = r.state;
    actions.push(...r.actions);
  }
  return { state, actions };
}
