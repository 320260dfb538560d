import { describe, expect, it } from 'vitest';
import { withBGPPeerDefaults, withDefaults } from './defaults';
import type { BFDProfile, BGPAdvertisement, BGPPeerV1beta1, IPAddressPool, L2Advertisement } from './types';

const meta = { name: 'x', namespace: 'metallb-system' };

describe('withDefaults applies the CRD defaults', () => {
  it('fills autoAssign and avoidBuggyIPs of a pool', () => {
    const pool: IPAddressPool = {
      apiVersion: 'metallb.io/v1beta1',
      kind: 'IPAddressPool',
      metadata: meta,
      spec: { addresses: ['10.0.0.0/24'] },
    };
    expect(withDefaults(pool).spec).toEqual({
      addresses: ['10.0.0.0/24'],
      autoAssign: true,
      avoidBuggyIPs: false,
    });
  });

  it('keeps values already set, including false and 0-like ones', () => {
    const ad: BGPAdvertisement = {
      apiVersion: 'metallb.io/v1beta1',
      kind: 'BGPAdvertisement',
      metadata: meta,
      spec: { aggregationLength: 24 },
    };
    expect(withDefaults(ad).spec).toEqual({ aggregationLength: 24, aggregationLengthV6: 128 });
  });

  it('fills the BFD defaults and leaves minimumTtl unset', () => {
    const bfd: BFDProfile = {
      apiVersion: 'metallb.io/v1beta1',
      kind: 'BFDProfile',
      metadata: meta,
      spec: { echoMode: true },
    };
    expect(withDefaults(bfd).spec).toEqual({
      receiveInterval: 300,
      transmitInterval: 300,
      detectMultiplier: 3,
      echoInterval: 50,
      echoMode: true,
      passiveMode: false,
    });
  });

  it('defaults the peer port of both BGPPeer versions', () => {
    const v1: BGPPeerV1beta1 = {
      apiVersion: 'metallb.io/v1beta1',
      kind: 'BGPPeer',
      metadata: meta,
      spec: { myASN: 1, peerASN: 2 },
    };
    expect(withBGPPeerDefaults(v1).spec.peerPort).toBe(179);
  });

  it('returns kinds without defaults unchanged and never mutates its input', () => {
    const l2: L2Advertisement = {
      apiVersion: 'metallb.io/v1beta1',
      kind: 'L2Advertisement',
      metadata: meta,
      spec: {},
    };
    expect(withDefaults(l2)).toBe(l2);
    const pool: IPAddressPool = {
      apiVersion: 'metallb.io/v1beta1',
      kind: 'IPAddressPool',
      metadata: meta,
      spec: { addresses: [] },
    };
    withDefaults(pool);
    expect(pool.spec).toEqual({ addresses: [] });
  });
});
