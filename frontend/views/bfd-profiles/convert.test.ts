import { describe, expect, it } from 'vitest';
import { bfdFromObject, bfdToObject, emptyBFD } from './convert';

describe('BFDProfile form conversion', () => {
  it('writes only the intervals that were typed', () => {
    expect(
      bfdToObject({ ...emptyBFD(), name: 'fast', receiveInterval: '50', transmitInterval: '50' }, 'ns').spec,
    ).toEqual({
      receiveInterval: 50,
      transmitInterval: 50,
    });
  });
  it('round-trips', () => {
    const existing = {
      apiVersion: 'metallb.io/v1beta1' as const,
      kind: 'BFDProfile' as const,
      metadata: { name: 'b', namespace: 'ns' },
      spec: {
        receiveInterval: 300,
        transmitInterval: 300,
        detectMultiplier: 3,
        echoInterval: 50,
        echoMode: false,
        passiveMode: true,
        minimumTtl: 254,
      },
    };
    expect(bfdToObject(bfdFromObject(existing), 'ns', existing)).toEqual(existing);
  });
});
