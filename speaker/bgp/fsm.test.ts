import { describe, expect, it } from 'vitest';
import {
  initialState,
  messageEvent,
  run,
  step,
  type FsmAction,
  type FsmEvent,
  type FsmState,
  type StateName,
} from './fsm';
import { negotiate, type SessionConfig } from './negotiation';
import { decodeMessage, encodeMessage } from './codec';
import type { OpenMessage, UpdateMessage } from './types';

const CONFIG: SessionConfig = {
  localAsn: 64512,
  routerId: '10.0.0.1',
  peerAsn: 64513,
  holdTime: 90,
  connectRetryTime: 120,
  families: [4, 6],
};
const PEER_OPEN: OpenMessage = {
  type: 'open',
  version: 4,
  myAsn: 64513,
  holdTime: 90,
  bgpId: '10.0.0.2',
  capabilities: [
    { kind: 'multiprotocol', afi: 1, safi: 1 },
    { kind: 'routeRefresh' },
    { kind: 'fourOctetAs', asn: 64513 },
  ],
};
const NEGOTIATED = (() => {
  const r = negotiate(CONFIG, PEER_OPEN);
  if (!r.ok) throw new Error('fixture');
  return r.negotiated;
})();
const UPDATE: UpdateMessage = { type: 'update', withdrawn: ['10.0.0.0/24'], attributes: {}, nlri: [] };

function stateIn(name: StateName, counter = 3, config: SessionConfig = CONFIG): FsmState {
  const needsNegotiated = name === 'OpenConfirm' || name === 'Established';
  return {
    name,
    config,
    connectRetryCounter: counter,
    ...(needsNegotiated ? { negotiated: NEGOTIATED } : {}),
  };
}

const EVENTS: Record<string, FsmEvent> = {
  ManualStart: { type: 'ManualStart' },
  AutomaticStart: { type: 'AutomaticStart' },
  ManualStop: { type: 'ManualStop' },
  AutomaticStop: { type: 'AutomaticStop', subcode: 3 },
  ConnectRetryTimerExpires: { type: 'ConnectRetryTimerExpires' },
  HoldTimerExpires: { type: 'HoldTimerExpires' },
  KeepaliveTimerExpires: { type: 'KeepaliveTimerExpires' },
  TcpConnectionConfirmed: { type: 'TcpConnectionConfirmed' },
  TcpConnectionFails: { type: 'TcpConnectionFails' },
  BGPOpen: { type: 'BGPOpen', message: PEER_OPEN },
  BGPOpenBadAs: {
    type: 'BGPOpen',
    message: { ...PEER_OPEN, capabilities: [{ kind: 'fourOctetAs', asn: 1 }] },
  },
  KeepAliveMsg: { type: 'KeepAliveMsg' },
  UpdateMsg: { type: 'UpdateMsg', message: UPDATE },
  NotifMsg: {
    type: 'NotifMsg',
    message: { type: 'notification', code: 6, subcode: 2, data: new Uint8Array(0) },
  },
  NotifMsgVerErr: {
    type: 'NotifMsg',
    message: { type: 'notification', code: 2, subcode: 1, data: Uint8Array.of(0, 4) },
  },
  RouteRefreshMsg: {
    type: 'RouteRefreshMsg',
    message: { type: 'routeRefresh', afi: 1, safi: 1, subtype: 0 },
  },
  DecodeError: {
    type: 'DecodeError',
    error: { notification: { code: 1, subcode: 1, data: new Uint8Array(0) }, reason: 'bad marker' },
  },
  OpenCollisionDump: { type: 'OpenCollisionDump' },
  SendUpdates: { type: 'SendUpdates', messages: [UPDATE] },
};

/** Expected [next state, NOTIFICATION sent ("code/subcode" or "-"), counter: "+1", "0" (reset), "=" (kept)]. */
type Row = [StateName, string, '+1' | '0' | '='];
const stay = (s: StateName): Row => [s, '-', '='];
const idle = (notif: string, counter: Row[2]): Row => ['Idle', notif, counter];

const CONNECTING = (self: 'Connect' | 'Active'): Record<string, Row> => ({
  ManualStart: stay(self),
  AutomaticStart: stay(self),
  ManualStop: idle('-', '0'),
  AutomaticStop: idle('-', '+1'),
  ConnectRetryTimerExpires: stay('Connect'),
  HoldTimerExpires: idle('-', '+1'),
  KeepaliveTimerExpires: idle('-', '+1'),
  TcpConnectionConfirmed: stay('OpenSent'),
  TcpConnectionFails: idle('-', self === 'Connect' ? '=' : '+1'),
  BGPOpen: idle('-', '+1'),
  BGPOpenBadAs: idle('-', '+1'),
  KeepAliveMsg: idle('-', '+1'),
  UpdateMsg: idle('-', '+1'),
  NotifMsg: idle('-', '+1'),
  NotifMsgVerErr: idle('-', '+1'),
  RouteRefreshMsg: idle('-', '+1'),
  DecodeError: idle('-', '+1'),
  OpenCollisionDump: idle('-', '+1'),
  SendUpdates: stay(self),
});

const CONNECTED = (
  self: 'OpenSent' | 'OpenConfirm' | 'Established',
  fsmSub: number,
): Record<string, Row> => ({
  ManualStart: stay(self),
  AutomaticStart: stay(self),
  ManualStop: idle('6/2', '0'),
  AutomaticStop: idle('6/3', '+1'),
  ConnectRetryTimerExpires: idle(`5/${fsmSub}`, '+1'),
  HoldTimerExpires: idle('4/0', '+1'),
  KeepaliveTimerExpires: self === 'OpenSent' ? idle('5/1', '+1') : stay(self),
  TcpConnectionConfirmed: idle(`5/${fsmSub}`, '+1'),
  TcpConnectionFails: self === 'OpenSent' ? stay('Active') : idle('-', '+1'),
  BGPOpen: self === 'OpenSent' ? stay('OpenConfirm') : idle(`5/${fsmSub}`, '+1'),
  BGPOpenBadAs: self === 'OpenSent' ? idle('2/2', '+1') : idle(`5/${fsmSub}`, '+1'),
  KeepAliveMsg: self === 'OpenSent' ? idle('5/1', '+1') : stay('Established'),
  UpdateMsg: self === 'Established' ? stay(self) : idle(`5/${fsmSub}`, '+1'),
  NotifMsg: idle('-', '+1'),
  NotifMsgVerErr: idle('-', self === 'Established' ? '+1' : '='),
  RouteRefreshMsg: self === 'Established' ? stay(self) : idle(`5/${fsmSub}`, '+1'),
  DecodeError: idle('1/1', '+1'),
  OpenCollisionDump: idle('6/7', '+1'),
  SendUpdates: stay(self),
});

const TABLE: Record<StateName, Record<string, Row>> = {
  Idle: Object.fromEntries(
    Object.keys(EVENTS).map((e): [string, Row] => [
      e,
      e === 'ManualStart' || e === 'AutomaticStart'
        ? ['Connect', '-', e === 'ManualStart' ? '0' : '=']
        : stay('Idle'),
    ]),
  ),
  Connect: CONNECTING('Connect'),
  Active: CONNECTING('Active'),
  OpenSent: CONNECTED('OpenSent', 1),
  OpenConfirm: CONNECTED('OpenConfirm', 2),
  Established: CONNECTED('Established', 3),
};

function sentNotification(actions: FsmAction[]): string {
  const n = actions.find((a) => a.type === 'send' && a.message.type === 'notification');
  return n && n.type === 'send' && n.message.type === 'notification'
    ? `${n.message.code}/${n.message.subcode}`
    : '-';
}

describe('transition table (every state x event)', () => {
  const rows = Object.entries(TABLE).flatMap(([state, byEvent]) =>
    Object.entries(byEvent).map(([event, row]) => [state as StateName, event, ...row] as const),
  );
  it.each(rows)('%s + %s -> %s (notification %s, counter %s)', (state, event, next, notif, counter) => {
    const e = EVENTS[event];
    if (!e) throw new Error(event);
    const before = stateIn(state);
    const r = step(before, e);
    expect(r.state.name).toBe(next);
    expect(sentNotification(r.actions)).toBe(notif);
    const expected =
      counter === '+1' ? before.connectRetryCounter + 1 : counter === '0' ? 0 : before.connectRetryCounter;
    expect(r.state.connectRetryCounter).toBe(expected);
    if (next === 'Idle' && state !== 'Idle') {
      expect(r.actions).toContainEqual(expect.objectContaining({ type: 'disconnect' }));
      for (const timer of ['ConnectRetry', 'Hold', 'Keepalive'])
        expect(r.actions).toContainEqual({ type: 'stopTimer', timer });
      expect(r.state.negotiated).toBeUndefined();
    }
    // A NOTIFICATION always goes out before the connection is dropped.
    const sendAt = r.actions.findIndex((a) => a.type === 'send' && a.message.type === 'notification');
    const dropAt = r.actions.findIndex((a) => a.type === 'disconnect');
    if (sendAt >= 0) expect(sendAt).toBeLessThan(dropAt);
    // Leaving Established always reports the session down.
    expect(r.actions.some((a) => a.type === 'sessionDown')).toBe(state === 'Established' && next === 'Idle');
  });
});

describe('actions of the main path', () => {
  it('Idle -> Connect starts the ConnectRetryTimer and connects', () => {
    expect(step(initialState(CONFIG), { type: 'ManualStart' }).actions).toEqual([
      { type: 'startTimer', timer: 'ConnectRetry', seconds: 120 },
      { type: 'connect' },
    ]);
  });

  it('passive peers wait in Active', () => {
    const r = step(initialState({ ...CONFIG, passive: true }), { type: 'ManualStart' });
    expect(r.state.name).toBe('Active');
    expect(r.actions).toEqual([{ type: 'startTimer', timer: 'ConnectRetry', seconds: 120 }]);
  });

  it('Connect + TcpConnectionConfirmed sends OPEN and arms the 4-minute hold timer', () => {
    const r = step(stateIn('Connect'), { type: 'TcpConnectionConfirmed' });
    expect(r.actions).toEqual([
      { type: 'stopTimer', timer: 'ConnectRetry' },
      {
        type: 'send',
        message: {
          type: 'open',
          version: 4,
          myAsn: 64512,
          holdTime: 90,
          bgpId: '10.0.0.1',
          capabilities: [
            { kind: 'multiprotocol', afi: 1, safi: 1 },
            { kind: 'multiprotocol', afi: 2, safi: 1 },
            { kind: 'routeRefresh' },
            { kind: 'fourOctetAs', asn: 64512 },
          ],
        },
      },
      { type: 'startTimer', timer: 'Hold', seconds: 240 },
    ]);
  });

  it('Connect + ConnectRetryTimerExpires drops the attempt and retries', () => {
    expect(step(stateIn('Connect'), { type: 'ConnectRetryTimerExpires' }).actions).toEqual([
      { type: 'disconnect', reason: 'connect retry' },
      { type: 'startTimer', timer: 'ConnectRetry', seconds: 120 },
      { type: 'connect' },
    ]);
  });

  it('OpenSent + BGPOpen sends KEEPALIVE and sets negotiated timers', () => {
    const r = step(stateIn('OpenSent'), { type: 'BGPOpen', message: { ...PEER_OPEN, holdTime: 30 } });
    expect(r.state.name).toBe('OpenConfirm');
    expect(r.state.negotiated?.holdTime).toBe(30);
    expect(r.actions).toEqual([
      { type: 'stopTimer', timer: 'ConnectRetry' },
      { type: 'send', message: { type: 'keepalive' } },
      { type: 'startTimer', timer: 'Keepalive', seconds: 10 },
      { type: 'startTimer', timer: 'Hold', seconds: 30 },
    ]);
  });

  it('hold time 0 runs neither keepalive nor hold timer', () => {
    const r = run(stateIn('OpenSent'), [
      { type: 'BGPOpen', message: { ...PEER_OPEN, holdTime: 0 } },
      { type: 'KeepAliveMsg' },
    ]);
    expect(r.state.name).toBe('Established');
    expect(r.actions.filter((a) => a.type === 'startTimer')).toEqual([]);
    expect(step(r.state, { type: 'SendUpdates', messages: [UPDATE] }).actions).toEqual([
      { type: 'send', message: UPDATE },
    ]);
  });

  it('OpenConfirm + KeepAliveMsg establishes', () => {
    const r = step(stateIn('OpenConfirm'), { type: 'KeepAliveMsg' });
    expect(r.actions).toEqual([
      { type: 'startTimer', timer: 'Hold', seconds: 90 },
      { type: 'established', negotiated: NEGOTIATED },
    ]);
  });

  it('Established: keepalive timer sends KEEPALIVE; UPDATE restarts hold timer and is reported', () => {
    const s = stateIn('Established');
    expect(step(s, { type: 'KeepaliveTimerExpires' }).actions).toEqual([
      { type: 'send', message: { type: 'keepalive' } },
      { type: 'startTimer', timer: 'Keepalive', seconds: 30 },
    ]);
    expect(step(s, { type: 'UpdateMsg', message: UPDATE }).actions).toEqual([
      { type: 'startTimer', timer: 'Hold', seconds: 90 },
      { type: 'updateReceived', message: UPDATE },
    ]);
    expect(step(s, { type: 'KeepAliveMsg' }).actions).toEqual([
      { type: 'startTimer', timer: 'Hold', seconds: 90 },
    ]);
  });

  it('Established: sending UPDATEs restarts the keepalive timer; none sends nothing', () => {
    expect(step(stateIn('Established'), { type: 'SendUpdates', messages: [UPDATE, UPDATE] }).actions).toEqual(
      [
        { type: 'send', message: UPDATE },
        { type: 'send', message: UPDATE },
        { type: 'startTimer', timer: 'Keepalive', seconds: 30 },
      ],
    );
    expect(step(stateIn('Established'), { type: 'SendUpdates', messages: [] }).actions).toEqual([]);
  });

  it.each([
    [1, 1, true],
    [2, 1, false], // IPv6 not negotiated with this peer
    [1, 128, false],
  ])('Established: ROUTE-REFRESH afi %i safi %i honoured=%s', (afi, safi, honoured) => {
    const r = step(stateIn('Established'), {
      type: 'RouteRefreshMsg',
      message: { type: 'routeRefresh', afi, safi, subtype: 0 },
    });
    expect(r.actions).toEqual(honoured ? [{ type: 'routeRefreshRequested', afi, safi }] : []);
  });

  it('sessionDown carries the NOTIFICATION sent or received', () => {
    const sent = step(stateIn('Established'), { type: 'HoldTimerExpires' }).actions.find(
      (a) => a.type === 'sessionDown',
    );
    expect(sent).toMatchObject({ type: 'sessionDown', sent: { code: 4, subcode: 0 } });
    const got = step(stateIn('Established'), EVENTS.NotifMsg as FsmEvent).actions.find(
      (a) => a.type === 'sessionDown',
    );
    expect(got).toMatchObject({ type: 'sessionDown', received: { code: 6, subcode: 2 } });
  });

  it('a full session over the codec: Idle to Established and back', () => {
    const wire = (m: Parameters<typeof encodeMessage>[0]) => messageEvent(decodeMessage(encodeMessage(m)));
    const r = run(initialState(CONFIG), [
      { type: 'ManualStart' },
      { type: 'TcpConnectionConfirmed' },
      wire(PEER_OPEN),
      wire({ type: 'keepalive' }),
      wire({ type: 'update', withdrawn: [], attributes: {}, nlri: [] }),
      { type: 'ManualStop' },
    ]);
    expect(r.state).toEqual({ name: 'Idle', config: CONFIG, connectRetryCounter: 0 });
    expect(r.actions.map((a) => a.type)).toEqual([
      'startTimer',
      'connect',
      'stopTimer',
      'send', // OPEN
      'startTimer',
      'stopTimer',
      'send', // KEEPALIVE
      'startTimer',
      'startTimer',
      'startTimer',
      'established',
      'startTimer',
      'updateReceived',
      'send', // Cease
      'stopTimer',
      'stopTimer',
      'stopTimer',
      'disconnect',
      'sessionDown',
    ]);
  });

  it('maps decode results to events', () => {
    expect(messageEvent({ ok: true, message: { type: 'keepalive' } })).toEqual({ type: 'KeepAliveMsg' });
    const bad = decodeMessage(Uint8Array.of(1, 2, 3));
    expect(messageEvent(bad).type).toBe('DecodeError');
  });
});
