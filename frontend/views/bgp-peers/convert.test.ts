import { describe, expect, it } from 'vitest';
import { emptyPeer, peerFromObject, peerToObject } from './convert';

describe('BGPPeer form conversion', () => {
  it('writes the session fields as typed', () => {
    const obj = peerToObject(
      {
        ...emptyPeer(),
        name: 'router',
        myASN: '64500',
        peerASN: '64501',
        peerAddress: '10.0.0.1',
        bfdProfile: 'fast',
        holdTime: '90s',
      },
      'metallb-system',
    );
    expect(obj).toEqual({
      apiVersion: 'metallb.io/v1beta2',
      kind: 'BGPPeer',
      metadata: { name: 'router', namespace: 'metallb-system' },
      spec: { myASN: 64500, peerASN: 64501, peerAddress: '10.0.0.1', bfdProfile: 'fast', holdTime: '90s' },
    });
  });

  it('a missing or malformed ASN stays visible to validation', () => {
    expect(peerToObject({ ...emptyPeer(), name: 'p' }, 'ns').spec.myASN).toBeNaN();
    expect(peerToObject({ ...emptyPeer(), name: 'p', myASN: '12a' }, 'ns').spec.myASN).toBeNaN();
  });

  it('dynamic ASN, password secret and flags', () => {
    const spec = peerToObject(
      {
        ...emptyPeer(),
        name: 'p',
        myASN: '1',
        dynamicASN: 'external',
        ebgpMultiHop: true,
        passwordSecret: 's',
      },
      'ns',
    ).spec;
    expect(spec).toEqual({
      myASN: 1,
      dynamicASN: 'external',
      ebgpMultiHop: true,
      passwordSecret: { name: 's', namespace: 'ns' },
    });
  });

  it('round-trips and keeps explicit false flags', () => {
    const existing = {
      apiVersion: 'metallb.io/v1beta2' as const,
      kind: 'BGPPeer' as const,
      metadata: { name: 'p', namespace: 'ns' },
      spec: {
        myASN: 64500,
        peerASN: 64500,
        peerAddress: '10.0.0.1',
        peerPort: 179,
        ebgpMultiHop: false,
        disableMP: false,
      },
    };
    expect(peerToObject(peerFromObject(existing), 'ns', existing)).toEqual(existing);
  });
});
