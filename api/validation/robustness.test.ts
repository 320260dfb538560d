import { describe, expect, it } from 'vitest';
import type { ConfigInput } from './config-input';
import { validateConfig } from './validate-config';

// Forms and hand-written configs can be half-filled; the core reports, it never throws.
const malformed = [
  { ipAddressPools: [{ apiVersion: 'metallb.io/v1beta1', kind: 'IPAddressPool', metadata: {} }] },
  {
    ipAddressPools: [
      {
        apiVersion: 'metallb.io/v1beta1',
        kind: 'IPAddressPool',
        metadata: { name: 'a' },
        spec: { addresses: [42, null] },
      },
    ],
  },
  { bgpPeers: [{ apiVersion: 'metallb.io/v1beta2', kind: 'BGPPeer', metadata: { name: 'p' } }] },
  {
    bgpPeers: [
      {
        apiVersion: 'metallb.io/v1beta2',
        kind: 'BGPPeer',
        metadata: { name: 'p' },
        spec: { nodeSelectors: [{ matchExpressions: [{}] }] },
      },
    ],
  },
  {
    l2Advertisements: [
      {
        apiVersion: 'metallb.io/v1beta1',
        kind: 'L2Advertisement',
        metadata: { name: 'l' },
        spec: { ipAddressPools: 'a', nodeSelectors: [null] },
      },
    ],
  },
  {
    bgpAdvertisements: [
      { apiVersion: 'metallb.io/v1beta1', kind: 'BGPAdvertisement', metadata: { name: 'b' } },
    ],
    ipAddressPools: [],
  },
  {
    communities: [
      {
        apiVersion: 'metallb.io/v1beta1',
        kind: 'Community',
        metadata: { name: 'c' },
        spec: { communities: [{}] },
      },
    ],
  },
  {
    bfdProfiles: [
      {
        apiVersion: 'metallb.io/v1beta1',
        kind: 'BFDProfile',
        metadata: { name: 'f' },
        spec: { receiveInterval: 'fast' },
      },
    ],
  },
] as unknown as ConfigInput[];

describe('validateConfig on malformed input', () => {
  it.each(malformed.map((m, i) => [i, m] as const))(
    'case %i returns a result instead of throwing',
    (_i, cfg) => {
      for (const bgpType of ['native', 'frr'] as const) {
        const r = validateConfig(cfg, { namespace: 'metallb-system', bgpType });
        expect(Array.isArray(r.errors) && Array.isArray(r.transient) && Array.isArray(r.warnings)).toBe(true);
      }
    },
  );

  it('reports what it can see: a missing name, non-string addresses, a missing peer spec', () => {
    const fields = [0, 1, 2].map((i) =>
      validateConfig(malformed[i]!, { namespace: 'metallb-system', bgpType: 'frr' }).errors.map(
        (e) => e.field,
      ),
    );
    expect(fields).toEqual([
      ['metadata.name', 'spec.addresses'],
      ['spec.addresses[0]', 'spec.addresses[1]'],
      ['spec'],
    ]);
  });
});
