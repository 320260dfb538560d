import { describe, expect, it } from 'vitest';
import { bgpAdFromObject, bgpAdToObject, emptyBGPAd } from './convert';

describe('BGPAdvertisement form conversion', () => {
  it('writes numbers, peers and communities', () => {
    const obj = bgpAdToObject(
      {
        ...emptyBGPAd(),
        name: 'ad',
        ipAddressPools: ['a'],
        peers: ['p1'],
        communities: ['65535:65282'],
        aggregationLength: '24',
        localPref: '100',
      },
      'ns',
    );
    expect(obj.spec).toEqual({
      ipAddressPools: ['a'],
      peers: ['p1'],
      communities: ['65535:65282'],
      aggregationLength: 24,
      localPref: 100,
    });
  });

  it('round-trips', () => {
    const existing = {
      apiVersion: 'metallb.io/v1beta1' as const,
      kind: 'BGPAdvertisement' as const,
      metadata: { name: 'ad', namespace: 'ns' },
      spec: {
        aggregationLength: 32,
        aggregationLengthV6: 128,
        ipAddressPoolSelectors: [{ matchLabels: { a: 'b' } }],
      },
    };
    expect(bgpAdToObject(bgpAdFromObject(existing), 'ns', existing)).toEqual(existing);
  });
});
