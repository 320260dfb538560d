import { describe, expect, it } from 'vitest';
import { CeaseSubcode } from './constants';
import type { FsmState, StateName } from './fsm';
import { incomingVerdict } from './incoming';
import type { Negotiated, SessionConfig } from './negotiation';

const config = { routerId: '10.0.0.5' } as SessionConfig;
const state = (name: StateName, peerRouterId?: string): FsmState => ({
  name,
  config,
  connectRetryCounter: 0,
  ...(peerRouterId ? { negotiated: { peerRouterId } as Negotiated } : {}),
});
const REJECTED = { action: 'refuse', subcode: CeaseSubcode.ConnectionRejected };
const COLLISION = { action: 'refuse', subcode: CeaseSubcode.ConnectionCollisionResolution };

describe('incomingVerdict', () => {
  it('rejects while stopped', () => {
    expect(incomingVerdict(false, state('Connect'), undefined)).toEqual(REJECTED);
    expect(incomingVerdict(false, state('Idle'), undefined)).toEqual(REJECTED);
  });

  it("starts on the peer's connection while backing off in Idle (our dials failing, the peer reaching us)", () => {
    expect(incomingVerdict(true, state('Idle'), undefined)).toEqual({ action: 'start' });
  });

  it('refuses a second connection once an OPEN is out', () => {
    expect(incomingVerdict(true, state('OpenSent'), 'locallyInitiated')).toEqual(COLLISION);
    expect(incomingVerdict(true, state('Established', '10.0.0.1'), 'peerInitiated')).toEqual(COLLISION);
  });

  it('takes the connection in place of our own attempt in Connect and Active', () => {
    expect(incomingVerdict(true, state('Connect'), 'locallyInitiated')).toEqual({ action: 'replace' });
    expect(incomingVerdict(true, state('Active'), undefined)).toEqual({ action: 'replace' });
  });

  it('in OpenConfirm keeps the connection opened by the higher BGP identifier (RFC 4271 §6.8)', () => {
    // Our identifier is higher: our connection wins over the peer's.
    expect(incomingVerdict(true, state('OpenConfirm', '10.0.0.1'), 'locallyInitiated')).toEqual(COLLISION);
    expect(incomingVerdict(true, state('OpenConfirm', '10.0.0.1'), 'peerInitiated')).toEqual({
      action: 'takeOver',
    });
    // The peer's is higher: its new connection replaces ours.
    expect(incomingVerdict(true, state('OpenConfirm', '10.0.0.9'), 'locallyInitiated')).toEqual({
      action: 'takeOver',
    });
    expect(incomingVerdict(true, state('OpenConfirm', '10.0.0.9'), undefined)).toEqual(COLLISION);
  });
});
