import { describe, expect, it } from 'vitest';
import type { BGPPeerV1beta1, MetalLB } from '../types';
import {
  validateAdmission,
  type AdmissionObject,
  type AdmissionOperation,
  type AdmissionOptions,
} from './admission';
import type { ConfigInput } from './config-input';
import { bfd, bgpAd, community, l2, NS, node, peer, pool } from './testing/builders';
import { expectIssues, type Expected } from './testing/cases';

interface AdmissionCase {
  name: string;
  op?: AdmissionOperation;
  obj: AdmissionObject;
  existing?: ConfigInput;
  opts?: Partial<AdmissionOptions>;
  /** Exactly these refusal reasons (allowed when omitted). */
  errors?: Expected[];
  warnings?: Expected[];
}

function metallb(name: string, spec: MetalLB['spec'] = {}): MetalLB {
  return { apiVersion: 'metallb.io/v1beta1', kind: 'MetalLB', metadata: { name, namespace: NS }, spec };
}

function elsewhere<T extends { metadata: { namespace?: string } }>(obj: T): T {
  return { ...obj, metadata: { ...obj.metadata, namespace: 'default' } };
}

const cases: AdmissionCase[] = [
  {
    name: 'allows a valid pool next to existing ones',
    obj: pool('b', ['10.0.1.0/24']),
    existing: { ipAddressPools: [pool('a', ['10.0.0.0/24'])] },
  },
  {
    name: 'refuses a pool overlapping an existing pool, reported on the incoming pool',
    obj: pool('a', ['10.0.0.0/26']),
    existing: { ipAddressPools: [pool('b', ['10.0.0.0/24'])] },
    errors: [
      { field: 'spec.addresses[0]', on: 'a', conflicts: 'b', msg: 'overlaps with already defined CIDR' },
    ],
  },
  {
    name: 'allows an update that replaces the stored version of the same pool',
    op: 'UPDATE',
    obj: pool('a', ['10.0.0.0/25']),
    existing: { ipAddressPools: [pool('a', ['10.0.0.0/24'])] },
  },
  {
    name: 'refuses a pool change that breaks the aggregation length of an existing BGPAdvertisement',
    op: 'UPDATE',
    obj: pool('a', ['10.0.0.0/28']),
    existing: {
      ipAddressPools: [pool('a', ['10.0.0.0/24'])],
      bgpAdvertisements: [bgpAd('ad', { aggregationLength: 24 })],
    },
    errors: [
      { field: 'spec.aggregationLength', on: 'ad', conflicts: 'a', msg: 'invalid aggregation length 24' },
    ],
  },
  {
    name: 'refuses creating an object outside the MetalLB namespace',
    obj: elsewhere(pool('a', ['10.0.0.0/24'])),
    errors: [{ field: 'metadata.namespace', msg: 'resource must be created in metallb-system namespace' }],
  },
  {
    name: 'refuses creating a BGPPeer outside the MetalLB namespace',
    obj: elsewhere(peer('p')),
    errors: [{ field: 'metadata.namespace', msg: 'resource must be created in metallb-system namespace' }],
  },
  {
    name: 'allows updating a stray object outside the namespace, with a warning',
    op: 'UPDATE',
    obj: elsewhere(pool('a', ['bogus'])),
    warnings: [{ field: 'metadata.namespace', msg: 'ignores objects outside' }],
  },
  {
    name: 'refuses an L2Advertisement with duplicate pools',
    obj: l2('l', { ipAddressPools: ['a', 'a'] }),
    existing: { ipAddressPools: [pool('a', ['10.0.0.0/24'])] },
    errors: [{ field: 'spec.ipAddressPools[1]', msg: 'duplicate definition of ipAddressPools' }],
  },
  {
    name: 'refuses a BGPAdvertisement whose localPref conflicts with an existing one',
    obj: bgpAd('new', { localPref: 200 }),
    existing: {
      ipAddressPools: [pool('a', ['10.0.0.0/24'])],
      bgpAdvertisements: [bgpAd('old', { localPref: 100 })],
    },
    errors: [{ field: 'spec.localPref', on: 'new', conflicts: 'old', msg: 'invalid local preference 200' }],
  },
  {
    name: 'allows a BGPAdvertisement using a community alias that does not exist yet',
    obj: bgpAd('ad', { communities: ['gold'] }),
  },
  {
    name: 'refuses a BGPAdvertisement with an invalid community literal',
    obj: bgpAd('ad', { communities: ['99999999:1'] }),
    errors: [{ field: 'spec.communities[0]', msg: 'invalid community value' }],
  },
  {
    name: 'refuses a duplicate Community alias across objects',
    obj: community('c2', [['gold', '65000:2']]),
    existing: { communities: [community('c1', [['gold', '65000:1']])] },
    errors: [
      {
        field: 'spec.communities[0].name',
        on: 'c2',
        conflicts: 'c1',
        msg: 'duplicate definition of community "gold"',
      },
    ],
  },
  {
    name: 'allows a BGPPeer whose BFD profile and secret do not exist yet (transient fields reset)',
    obj: peer('p', { bfdProfile: 'later', passwordSecret: { name: 'later' } }),
    existing: { bfdProfiles: [], secrets: [] },
  },
  {
    name: 'still refuses a BGPPeer with both password and passwordSecret',
    obj: peer('p', { password: 'x', passwordSecret: { name: 's' } }),
    errors: [{ field: 'spec.passwordSecret', msg: 'can not have both password and passwordSecret' }],
  },
  {
    name: 'refuses a BGPPeer with a different myASN, naming the existing peer (X1)',
    obj: peer('new', { myASN: 65000, peerAddress: '10.0.0.9' }),
    existing: { bgpPeers: [peer('old')] },
    errors: [
      { field: 'spec.myASN', on: 'new', conflicts: 'old', msg: 'differs from myASN 64512 of BGPPeer "old"' },
    ],
  },
  {
    name: 'refuses a BGPPeer with a different routerID, naming the existing peer (X2)',
    obj: peer('new', { peerAddress: '10.0.0.9', routerID: '2.2.2.2' }),
    existing: { bgpPeers: [peer('old', { routerID: '1.1.1.1' })] },
    opts: { bgpType: 'native' },
    errors: [{ field: 'spec.routerID', on: 'new', conflicts: 'old', msg: 'differs from routerID "1.1.1.1"' }],
  },
  {
    name: 'allows a BFDProfile and a peer referencing it in native mode',
    obj: peer('p', { bfdProfile: 'fast', keepaliveTime: '10s', holdTime: '30s' }),
    existing: { bgpPeers: [], bfdProfiles: [bfd('fast')] },
    opts: { bgpType: 'native' },
  },
  {
    name: 'refuses a BGPPeer in a VRF in native mode, saying the backend cannot',
    obj: peer('p', { vrf: 'red' }),
    opts: { bgpType: 'native' },
    errors: [{ field: 'spec.vrf', on: 'p', msg: 'is not supported by the native BGP backend' }],
  },
  {
    name: 'allows fixing one peer while another existing peer is still wrong (warning only)',
    op: 'UPDATE',
    obj: peer('b', { peerAddress: '10.0.0.2' }),
    existing: {
      bgpPeers: [
        peer('a'),
        peer('b', { myASN: 1, peerAddress: '10.0.0.2' }),
        peer('c', { myASN: 2, peerAddress: '10.0.0.3' }),
      ],
    },
    warnings: [{ field: 'spec.myASN', on: 'c', msg: 'existing configuration is invalid' }],
  },
  {
    name: 'refuses a BGPPeer at the same address on the same nodes as an existing one',
    obj: peer('new'),
    existing: { bgpPeers: [peer('old')], nodes: [node('n1')] },
    errors: [
      { field: 'spec.peerAddress', on: 'new', conflicts: 'old', msg: 'already exists as BGPPeer "old"' },
    ],
  },
  {
    name: 'converts a v1beta1 BGPPeer and validates its legacy node selectors',
    obj: {
      apiVersion: 'metallb.io/v1beta1',
      kind: 'BGPPeer',
      metadata: { name: 'p', namespace: NS },
      spec: {
        myASN: 64512,
        peerASN: 64513,
        peerAddress: '10.0.0.1',
        nodeSelectors: [{ matchExpressions: [{ key: 'a', operator: 'Equals', values: ['b'] }] }],
      },
    } satisfies BGPPeerV1beta1,
    errors: [
      { field: 'spec.nodeSelectors[0].matchExpressions[0].operator', msg: 'invalid operator "Equals"' },
    ],
  },
  {
    name: 'refuses changing enableGracefulRestart on update',
    op: 'UPDATE',
    obj: peer('p', { enableGracefulRestart: true }),
    existing: { bgpPeers: [peer('p')] },
    opts: { oldObject: peer('p') },
    errors: [{ field: 'spec.enableGracefulRestart', msg: 'cannot be changed after creation' }],
  },
  {
    name: 'refuses a BFDProfile out of range',
    obj: bfd('b', { detectMultiplier: 1 }),
    errors: [{ field: 'spec.detectMultiplier', msg: 'invalid detect multiplier value' }],
  },
  {
    name: 'refuses deleting a BFDProfile used by a BGPPeer',
    op: 'DELETE',
    obj: bfd('fast'),
    existing: { bgpPeers: [peer('p', { bfdProfile: 'fast' })], bfdProfiles: [bfd('fast')] },
    errors: [
      {
        field: 'metadata.name',
        conflicts: 'p',
        msg: 'failed to delete BFDProfile "fast", used by BGPPeer "p"',
      },
    ],
  },
  {
    name: 'allows deleting an unused BFDProfile',
    op: 'DELETE',
    obj: bfd('fast'),
    existing: { bgpPeers: [peer('p', { bfdProfile: 'slow' })] },
  },
  {
    name: 'allows deleting a pool even if it is in use (no delete rule)',
    op: 'DELETE',
    obj: pool('a', ['10.0.0.0/24']),
    existing: { l2Advertisements: [l2('l', { ipAddressPools: ['a'] })] },
  },
  {
    name: 'allows the MetalLB instance named metallb',
    obj: metallb('metallb', { logLevel: 'debug', bgpBackend: 'frr-k8s' }),
  },
  {
    name: 'refuses a second MetalLB instance under another name',
    obj: metallb('other'),
    errors: [{ field: 'metadata.name', msg: 'only a single MetalLB instance named "metallb"' }],
  },
  {
    name: 'refuses a MetalLB instance outside the namespace',
    obj: elsewhere(metallb('metallb')),
    errors: [{ field: 'metadata.namespace', msg: 'must be created in metallb-system' }],
  },
  {
    name: 'refuses a MetalLB instance with an unknown bgpBackend',
    obj: metallb('metallb', { bgpBackend: 'bird' as 'frr' }),
    errors: [{ field: 'spec.bgpBackend', msg: 'Invalid BGP Backend "bird"' }],
  },
  {
    name: 'allows status kinds without checks',
    obj: {
      apiVersion: 'metallb.io/v1beta1',
      kind: 'ServiceL2Status',
      metadata: { name: 'l2-x', namespace: NS },
      spec: {},
    },
  },
];

describe('validateAdmission', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const r = validateAdmission(c.op ?? 'CREATE', c.obj, c.existing ?? {}, {
      namespace: NS,
      bgpType: 'frr',
      ...c.opts,
    });
    expectIssues(r.errors, c.errors, 'error');
    expect(r.allowed).toBe(!c.errors || c.errors.length === 0);
    if (c.warnings) expectIssues(r.warnings, c.warnings, 'warning', false);
  });
});
