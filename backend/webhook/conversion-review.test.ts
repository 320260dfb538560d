import { describe, expect, it } from 'vitest';
import { reviewConversion } from './conversion-review';

const v1beta1Peer = {
  apiVersion: 'metallb.io/v1beta1',
  kind: 'BGPPeer',
  metadata: { name: 'r1', namespace: 'metallb-system' },
  spec: {
    myASN: 64500,
    peerASN: 64501,
    peerAddress: '198.51.100.1',
    nodeSelectors: [
      { matchLabels: { a: 'b' }, matchExpressions: [{ key: 'k', operator: 'In', values: ['v'] }] },
    ],
  },
};
const conversion = (desiredAPIVersion: string, objects: unknown[]) => ({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'ConversionReview',
  request: { uid: 'c-1', desiredAPIVersion, objects },
});
type Res = {
  response: {
    uid: string;
    convertedObjects: { apiVersion: string; spec: unknown }[];
    result: { status: string; message?: string };
  };
};

describe('reviewConversion', () => {
  it('converts v1beta1 to v1beta2 and back without loss', () => {
    const up = (reviewConversion(conversion('metallb.io/v1beta2', [v1beta1Peer])).body as Res).response;
    expect(up.result.status).toBe('Success');
    expect(up.uid).toBe('c-1');
    expect(up.convertedObjects[0]!.apiVersion).toBe('metallb.io/v1beta2');
    const down = (reviewConversion(conversion('metallb.io/v1beta1', up.convertedObjects)).body as Res)
      .response;
    expect(down.convertedObjects[0]).toEqual(v1beta1Peer);
  });

  it('fails the review, not the server, for an unknown target version or kind', () => {
    const r1 = (reviewConversion(conversion('metallb.io/v9', [v1beta1Peer])).body as Res).response;
    expect(r1.result).toMatchObject({ status: 'Failure' });
    const r2 = (
      reviewConversion(conversion('metallb.io/v1beta2', [{ apiVersion: 'v1', kind: 'Pod' }])).body as Res
    ).response;
    expect(r2.result.status).toBe('Failure');
  });

  it('answers 400 for a body that is not a ConversionReview', () => {
    expect(reviewConversion({ kind: 'AdmissionReview' }).status).toBe(400);
    expect(
      reviewConversion({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'ConversionReview', request: {} })
        .status,
    ).toBe(400);
  });
});
