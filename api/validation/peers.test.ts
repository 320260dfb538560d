import type { BGPPeerSpecV1beta2 } from '../types';
import { bfd, node, peer, secret } from './testing/builders';
import { runCases, type Case } from './testing/cases';

const one = (spec: Partial<BGPPeerSpecV1beta2>) => ({ bgpPeers: [peer('p', spec)] });

const asn: Case[] = [
  { name: 'accepts an eBGP peer', cfg: one({}) },
  {
    name: 'accepts a peer using every v1beta2 field (FRR mode)',
    cfg: {
      bgpPeers: [
        peer('p', {
          myASN: 64512,
          peerASN: 4200000000,
          localASN: 64600,
          peerAddress: 'fc00::1',
          sourceAddress: 'fc00::2',
          peerPort: 180,
          holdTime: '90s',
          keepaliveTime: '30s',
          connectTime: '10s',
          routerID: '10.0.0.100',
          nodeSelectors: [{ matchLabels: { bgp: 'yes' } }],
          passwordSecret: { name: 's', namespace: 'metallb-system' },
          bfdProfile: 'fast',
          enableGracefulRestart: true,
          ebgpMultiHop: true,
          vrf: 'red',
          disableMP: false,
          dualStackAddressFamily: true,
        }),
      ],
      bfdProfiles: [bfd('fast')],
      secrets: [secret('s', 'kubernetes.io/basic-auth')],
    },
  },
  {
    name: 'refuses a missing myASN (0)',
    cfg: one({ myASN: 0 }),
    errors: [{ field: 'spec.myASN', msg: 'missing local ASN' }],
  },
  {
    name: 'refuses a myASN above 2^32-1',
    cfg: one({ myASN: 4294967296 }),
    errors: [{ field: 'spec.myASN', msg: 'invalid myASN 4294967296' }],
  },
  {
    name: 'refuses a peer without peerASN and dynamicASN',
    cfg: one({ peerASN: undefined }),
    errors: [{ field: 'spec.peerASN', msg: 'missing peer ASN and dynamicASN' }],
  },
  {
    name: 'refuses a peer with both peerASN and dynamicASN',
    cfg: one({ dynamicASN: 'external' }),
    errors: [{ field: 'spec.dynamicASN', msg: 'both peerASN and dynamicASN specified' }],
  },
  {
    name: 'accepts dynamicASN external without peerASN',
    cfg: one({ peerASN: undefined, dynamicASN: 'external' }),
  },
  {
    name: 'refuses an unknown dynamicASN mode',
    cfg: one({ peerASN: undefined, dynamicASN: 'sometimes' as 'internal' }),
    errors: [{ field: 'spec.dynamicASN', msg: 'invalid dynamicASN "sometimes"' }],
  },
  {
    name: 'refuses localASN 0',
    cfg: one({ localASN: 0 }),
    errors: [{ field: 'spec.localASN', msg: 'invalid localASN' }],
  },
  {
    name: 'refuses ebgpMultiHop on an iBGP peer',
    cfg: one({ peerASN: 64512, ebgpMultiHop: true }),
    errors: [{ field: 'spec.ebgpMultiHop', msg: 'invalid ebgp-multihop parameter set for an ibgp peer' }],
  },
  {
    name: 'refuses ebgpMultiHop with dynamicASN internal',
    cfg: one({ peerASN: undefined, dynamicASN: 'internal', ebgpMultiHop: true }),
    errors: [{ field: 'spec.ebgpMultiHop', msg: 'ibgp peer' }],
  },
  { name: 'accepts ebgpMultiHop on an eBGP peer', cfg: one({ ebgpMultiHop: true }) },
  { name: 'accepts an iBGP peer (same ASN) without multihop', cfg: one({ peerASN: 64512 }) },
];

const addresses: Case[] = [
  {
    name: 'refuses a peer with neither peerAddress nor interface',
    cfg: one({ peerAddress: undefined }),
    errors: [{ field: 'spec.peerAddress', msg: 'no peerAddress or interface' }],
  },
  {
    name: 'refuses a peer with both peerAddress and interface',
    cfg: one({ interface: 'eth1' }),
    errors: [{ field: 'spec.interface', msg: 'both peerAddress and interface' }],
  },
  {
    name: 'accepts an unnumbered peer (interface only)',
    cfg: one({ peerAddress: undefined, interface: 'eth1' }),
  },
  {
    name: 'refuses an invalid peerAddress',
    cfg: one({ peerAddress: '10.0.0.256' }),
    errors: [{ field: 'spec.peerAddress', msg: 'invalid BGPPeer address "10.0.0.256"' }],
  },
  { name: 'accepts an IPv6 peerAddress', cfg: one({ peerAddress: '2001:db8::1' }) },
  {
    name: 'refuses an invalid sourceAddress',
    cfg: one({ sourceAddress: 'eth0' }),
    errors: [{ field: 'spec.sourceAddress', msg: 'invalid source IP "eth0"' }],
  },
  {
    name: 'refuses an invalid routerID',
    cfg: one({ routerID: '1.2.3' }),
    errors: [{ field: 'spec.routerID', msg: 'invalid router ID "1.2.3"' }],
  },
  {
    name: 'refuses an IPv6 routerID (router IDs are 32-bit)',
    cfg: one({ routerID: 'fc00::1' }),
    errors: [{ field: 'spec.routerID', msg: '32-bit' }],
  },
  {
    name: 'refuses an interface name with a line break',
    cfg: one({ peerAddress: undefined, interface: 'eth0\nrouter bgp 1' }),
    errors: [{ field: 'spec.interface', msg: 'invalid characters' }],
  },
  {
    name: 'refuses a password with a line break',
    cfg: one({ password: 'a\r\nb' }),
    errors: [{ field: 'spec.password', msg: 'invalid characters' }],
  },
  {
    name: 'refuses peerPort 0',
    cfg: one({ peerPort: 0 }),
    errors: [{ field: 'spec.peerPort', msg: '1-16384' }],
  },
  {
    name: 'refuses peerPort 20000',
    cfg: one({ peerPort: 20000 }),
    errors: [{ field: 'spec.peerPort', msg: '1-16384' }],
  },
  { name: 'accepts peerPort 180', cfg: one({ peerPort: 180 }) },
];

const timers: Case[] = [
  { name: 'accepts holdTime 90s', cfg: one({ holdTime: '90s' }) },
  { name: 'accepts holdTime 0 (keepalives disabled)', cfg: one({ holdTime: '0s' }) },
  { name: 'accepts holdTime in Go syntax 1m30s', cfg: one({ holdTime: '1m30s' }) },
  { name: 'accepts holdTime 3s, the minimum', cfg: one({ holdTime: '3s' }) },
  {
    name: 'refuses holdTime 2s',
    cfg: one({ holdTime: '2s' }),
    errors: [{ field: 'spec.holdTime', msg: 'invalid hold time "2s": must be 0 or >=3s' }],
  },
  {
    name: 'refuses holdTime 2.9s (truncated to 2s)',
    cfg: one({ holdTime: '2.9s' }),
    errors: [{ field: 'spec.holdTime', msg: 'must be 0 or >=3s' }],
  },
  { name: 'accepts holdTime 3500ms (truncated to 3s)', cfg: one({ holdTime: '3500ms' }) },
  {
    name: 'accepts keepaliveTime 30s with holdTime 90s',
    cfg: one({ holdTime: '90s', keepaliveTime: '30s' }),
  },
  {
    name: 'refuses keepaliveTime greater than holdTime',
    cfg: one({ holdTime: '90s', keepaliveTime: '100s' }),
    errors: [
      { field: 'spec.keepaliveTime', msg: 'invalid keepaliveTime "100s", must be lower than holdTime "90s"' },
    ],
  },
  { name: 'accepts keepaliveTime equal to holdTime', cfg: one({ holdTime: '30s', keepaliveTime: '30s' }) },
  {
    name: 'refuses a keepaliveTime alone whose derived hold time (3x) is under 3s',
    cfg: one({ keepaliveTime: '500ms' }),
    errors: [{ field: 'spec.keepaliveTime', msg: 'must be 0 or >=3s' }],
  },
  { name: 'accepts keepaliveTime 1s alone (derived hold time 3s)', cfg: one({ keepaliveTime: '1s' }) },
  {
    name: 'refuses a holdTime without unit',
    cfg: one({ holdTime: '90' }),
    errors: [{ field: 'spec.holdTime', msg: 'invalid duration "90"' }],
  },
  {
    name: 'refuses a negative holdTime',
    cfg: one({ holdTime: '-3s' }),
    errors: [{ field: 'spec.holdTime', msg: 'must not be negative' }],
  },
  {
    name: 'refuses a garbage keepaliveTime',
    cfg: one({ keepaliveTime: 'soon' }),
    errors: [{ field: 'spec.keepaliveTime', msg: 'invalid duration' }],
  },
  { name: 'accepts connectTime 10s', cfg: one({ connectTime: '10s' }) },
  { name: 'accepts connectTime 1h', cfg: one({ connectTime: '1h' }) },
  {
    name: 'refuses connectTime 0s',
    cfg: one({ connectTime: '0s' }),
    errors: [{ field: 'spec.connectTime', msg: 'between 1 and 65535 seconds' }],
  },
  {
    name: 'refuses connectTime 65536s',
    cfg: one({ connectTime: '65536s' }),
    errors: [{ field: 'spec.connectTime', msg: 'between 1 and 65535 seconds' }],
  },
  {
    name: 'refuses connectTime with a fraction of a second',
    cfg: one({ connectTime: '1500ms' }),
    errors: [{ field: 'spec.connectTime', msg: 'whole number of seconds' }],
  },
];

const references: Case[] = [
  { name: 'accepts a plain password', cfg: one({ password: 'secret' }) },
  {
    name: 'refuses both password and passwordSecret',
    cfg: one({ password: 'x', passwordSecret: { name: 's' } }),
    errors: [{ field: 'spec.passwordSecret', msg: 'can not have both password and passwordSecret' }],
  },
  {
    name: 'accepts a basic-auth secret holding a password key',
    cfg: { ...one({ passwordSecret: { name: 's' } }), secrets: [secret('s', 'kubernetes.io/basic-auth')] },
  },
  {
    name: 'accepts a password given in stringData',
    cfg: {
      ...one({ passwordSecret: { name: 's' } }),
      secrets: [{ metadata: { name: 's' }, type: 'kubernetes.io/basic-auth', stringData: { password: 'x' } }],
    },
  },
  {
    name: 'reports a missing password secret as transient',
    cfg: { ...one({ passwordSecret: { name: 's' } }), secrets: [] },
    transient: [{ field: 'spec.passwordSecret.name', conflicts: 's', msg: 'secret ref not found' }],
  },
  {
    name: 'does not judge the secret when the secrets are not known',
    cfg: one({ passwordSecret: { name: 's' } }),
  },
  {
    name: 'refuses a password secret of the wrong type',
    cfg: { ...one({ passwordSecret: { name: 's' } }), secrets: [secret('s', 'Opaque')] },
    errors: [{ field: 'spec.passwordSecret.name', conflicts: 's', msg: 'secret type mismatch' }],
  },
  {
    name: 'refuses a password secret without the password key',
    cfg: {
      ...one({ passwordSecret: { name: 's' } }),
      secrets: [secret('s', 'kubernetes.io/basic-auth', { username: 'eA==' })],
    },
    errors: [{ field: 'spec.passwordSecret.name', msg: 'password not specified' }],
  },
  {
    name: 'refuses a password secret outside the MetalLB namespace',
    cfg: one({ passwordSecret: { name: 's', namespace: 'default' } }),
    errors: [{ field: 'spec.passwordSecret.namespace', msg: 'MetalLB namespace "metallb-system"' }],
  },
  {
    name: 'reports a missing BFD profile as transient',
    cfg: { ...one({ bfdProfile: 'fast' }), bfdProfiles: [] },
    transient: [{ field: 'spec.bfdProfile', conflicts: 'fast', msg: 'non existing BFDProfile "fast"' }],
  },
  {
    name: 'accepts an existing BFD profile',
    cfg: { ...one({ bfdProfile: 'fast' }), bfdProfiles: [bfd('fast')] },
  },
  { name: 'does not judge the BFD profile when profiles are not known', cfg: one({ bfdProfile: 'fast' }) },
  {
    name: 'warns that disableMP is deprecated',
    cfg: one({ disableMP: true }),
    warnings: [{ field: 'spec.disableMP', msg: 'deprecated' }],
  },
  {
    name: 'refuses duplicate node selectors on a peer',
    cfg: one({ nodeSelectors: [{ matchLabels: { a: 'b' } }, { matchLabels: { a: 'b' } }] }),
    errors: [{ field: 'spec.nodeSelectors[1]', msg: 'duplicate definition of nodeSelectors' }],
  },
  {
    name: 'refuses an invalid node selector expression on a peer',
    cfg: one({ nodeSelectors: [{ matchExpressions: [{ key: '', operator: 'Exists' }] }] }),
    errors: [{ field: 'spec.nodeSelectors[0].matchExpressions[0].key', msg: 'invalid label key' }],
  },
];

const nodes = [node('n1', { rack: 'r1' }), node('n2', { rack: 'r2' })];
const r1 = [{ matchLabels: { rack: 'r1' } }];
const r2 = [{ matchLabels: { rack: 'r2' } }];

const peerSet: Case[] = [
  {
    name: 'accepts two peers with the same myASN (X1)',
    cfg: { bgpPeers: [peer('a'), peer('b', { peerAddress: '10.0.0.2' })] },
  },
  {
    name: 'refuses a second myASN, naming the other peer (X1)',
    cfg: { bgpPeers: [peer('a'), peer('b', { myASN: 64600, peerAddress: '10.0.0.2' })] },
    errors: [
      {
        field: 'spec.myASN',
        on: 'b',
        conflicts: 'a',
        msg: 'myASN 64600 differs from myASN 64512 of BGPPeer "a"',
      },
    ],
  },
  {
    name: 'refuses a second myASN even in another VRF (X1 is stricter than FRR)',
    cfg: { bgpPeers: [peer('a'), peer('b', { myASN: 64600, vrf: 'red' })] },
    errors: [{ field: 'spec.myASN', on: 'b', conflicts: 'a', msg: 'same myASN' }],
  },
  {
    name: 'reports a myASN conflict on the focused peer (X1)',
    cfg: {
      bgpPeers: [
        peer('a', { myASN: 64600 }),
        peer('b', { peerAddress: '10.0.0.2' }),
        peer('c', { peerAddress: '10.0.0.3' }),
      ],
    },
    opts: { focus: { kind: 'BGPPeer', name: 'a' } },
    errors: [{ field: 'spec.myASN', on: 'a', conflicts: 'b', msg: 'differs from myASN 64512' }],
  },
  {
    name: 'accepts peers that all leave routerID unset (X2)',
    cfg: { bgpPeers: [peer('a'), peer('b', { peerAddress: '10.0.0.2' })] },
  },
  {
    name: 'accepts peers with the same routerID (X2)',
    cfg: {
      bgpPeers: [
        peer('a', { routerID: '1.1.1.1' }),
        peer('b', { peerAddress: '10.0.0.2', routerID: '1.1.1.1' }),
      ],
    },
  },
  {
    name: 'refuses a different routerID, naming the other peer (X2)',
    cfg: {
      bgpPeers: [
        peer('a', { routerID: '1.1.1.1' }),
        peer('b', { peerAddress: '10.0.0.2', routerID: '2.2.2.2' }),
      ],
    },
    errors: [
      {
        field: 'spec.routerID',
        on: 'b',
        conflicts: 'a',
        msg: 'routerID "2.2.2.2" differs from routerID "1.1.1.1"',
      },
    ],
  },
  {
    name: 'refuses a different routerID even on disjoint nodes (X2)',
    cfg: {
      nodes,
      bgpPeers: [
        peer('a', { routerID: '1.1.1.1', nodeSelectors: r1 }),
        peer('b', { peerAddress: '10.0.0.2', routerID: '2.2.2.2', nodeSelectors: r2 }),
      ],
    },
    errors: [{ field: 'spec.routerID', on: 'b', conflicts: 'a', msg: 'single router ID' }],
  },
  // One BGP instance per node, one router ID: in every mode, since our native speaker works so too.
  ...(['frr', 'native'] as const).flatMap((bgpType): Case[] => [
    {
      name: `refuses routerID set on one of two peers sharing a node (${bgpType} mode)`,
      cfg: { bgpPeers: [peer('a', { routerID: '1.1.1.1' }), peer('b', { peerAddress: '10.0.0.2' })] },
      opts: { bgpType },
      errors: [
        {
          field: 'spec.routerID',
          on: 'b',
          conflicts: 'a',
          msg: 'routerID is not set here but BGPPeer "a"',
        },
      ],
    },
    {
      name: `reports the routerID disagreement on the focused peer that sets it (${bgpType} mode)`,
      cfg: { bgpPeers: [peer('a'), peer('b', { peerAddress: '10.0.0.2', routerID: '1.1.1.1' })] },
      opts: { bgpType, focus: { kind: 'BGPPeer', name: 'b' } },
      errors: [
        {
          field: 'spec.routerID',
          on: 'b',
          conflicts: 'a',
          msg: 'all peers of a node must use the same router ID',
        },
      ],
    },
    {
      name: `accepts routerID set on one of two peers on disjoint nodes (${bgpType} mode)`,
      cfg: {
        nodes,
        bgpPeers: [
          peer('a', { routerID: '1.1.1.1', nodeSelectors: r1 }),
          peer('b', { peerAddress: '10.0.0.2', nodeSelectors: r2 }),
        ],
      },
      opts: { bgpType },
    },
  ]),
  {
    name: 'refuses two peers with the same address on the same nodes',
    cfg: { bgpPeers: [peer('a'), peer('b')] },
    errors: [{ field: 'spec.peerAddress', on: 'b', conflicts: 'a', msg: 'already exists as BGPPeer "a"' }],
  },
  {
    name: 'refuses two peers with the same address on the same nodes in native mode too',
    cfg: { bgpPeers: [peer('a'), peer('b')] },
    opts: { bgpType: 'native' },
    errors: [{ field: 'spec.peerAddress', on: 'b', conflicts: 'a', msg: 'already exists as BGPPeer "a"' }],
  },
  {
    name: 'accepts two peers with the same address on disjoint nodes',
    cfg: { nodes, bgpPeers: [peer('a', { nodeSelectors: r1 }), peer('b', { nodeSelectors: r2 })] },
  },
  {
    name: 'refuses two peers with the same address when nodes are unknown',
    cfg: { bgpPeers: [peer('a', { nodeSelectors: r1 }), peer('b', { nodeSelectors: r2 })] },
    errors: [{ field: 'spec.peerAddress', on: 'b', conflicts: 'a', msg: 'already exists' }],
  },
  {
    name: 'accepts the same address in two VRFs',
    cfg: { bgpPeers: [peer('a'), peer('b', { vrf: 'red' })] },
  },
  {
    name: 'refuses the same IPv6 address written two ways',
    cfg: { bgpPeers: [peer('a', { peerAddress: 'fc00::1' }), peer('b', { peerAddress: 'fc00:0:0::0001' })] },
    errors: [{ field: 'spec.peerAddress', on: 'b', conflicts: 'a', msg: 'already exists' }],
  },
  {
    name: 'refuses two unnumbered peers on the same interface',
    cfg: {
      bgpPeers: [
        peer('a', { peerAddress: undefined, interface: 'eth1' }),
        peer('b', { peerAddress: undefined, interface: 'eth1' }),
      ],
    },
    errors: [{ field: 'spec.interface', on: 'b', conflicts: 'a', msg: 'already exists' }],
  },
  {
    name: 'refuses two peers with the same name',
    cfg: { bgpPeers: [peer('a'), peer('a', { peerAddress: '10.0.0.2' })] },
    errors: [{ field: 'metadata.name', msg: 'duplicate definition of BGPPeer "a"' }],
  },
];

// Our native speaker implements these (upstream's Go native backend refused them all).
const nativeSupported: [keyof BGPPeerSpecV1beta2, Partial<BGPPeerSpecV1beta2>][] = [
  ['bfdProfile', { bfdProfile: 'fast' }],
  ['keepaliveTime', { keepaliveTime: '30s', holdTime: '90s' }],
  ['connectTime', { connectTime: '10s' }],
  ['dualStackAddressFamily', { dualStackAddressFamily: true }],
  ['dynamicASN', { peerASN: undefined, dynamicASN: 'external' }],
  ['localASN', { localASN: 65000 }],
  ['enableGracefulRestart', { enableGracefulRestart: true }],
  ['ebgpMultiHop', { ebgpMultiHop: true }],
  ['password', { password: 'secret' }],
];

// What it does not implement.
const nativeNotYet: [keyof BGPPeerSpecV1beta2, Partial<BGPPeerSpecV1beta2>][] = [
  ['vrf', { vrf: 'red' }],
  ['interface', { peerAddress: undefined, interface: 'eth1' }],
];

const native: Case[] = [
  ...nativeSupported.map(([field, spec]): Case => ({
    name: `accepts ${field} in native mode`,
    cfg: { ...one(spec), bfdProfiles: [bfd('fast')] },
    opts: { bgpType: 'native' },
  })),
  ...nativeNotYet.map(([field, spec]): Case => ({
    name: `refuses ${field} in native mode, saying it is not supported`,
    cfg: one(spec),
    opts: { bgpType: 'native' },
    errors: [{ field: `spec.${field}`, msg: 'is not supported by the native BGP backend (use an FRR mode' }],
  })),
  ...nativeNotYet.map(([field, spec]): Case => ({
    name: `accepts ${field} in FRR mode`,
    cfg: one(spec),
    opts: { bgpType: 'frr' },
  })),
  {
    name: 'reports each unsupported native field of one peer separately',
    cfg: one({ peerAddress: undefined, interface: 'eth1', vrf: 'red', enableGracefulRestart: true }),
    opts: { bgpType: 'native' },
    errors: [
      {
        field: 'spec.vrf',
        msg: 'vrf (sessions bound to a VRF device) is not supported by the native BGP backend',
      },
      {
        field: 'spec.interface',
        msg: 'interface (unnumbered BGP over an interface) is not supported by the native BGP backend',
      },
    ],
  },
  {
    name: 'accepts enableGracefulRestart false and an empty vrf in native mode',
    cfg: one({ enableGracefulRestart: false, vrf: '' }),
    opts: { bgpType: 'native' },
  },
  {
    name: 'only warns that disableMP is deprecated in native mode',
    cfg: one({ disableMP: true }),
    opts: { bgpType: 'native' },
    warnings: [{ field: 'spec.disableMP', msg: 'deprecated' }],
  },
  {
    name: 'accepts a peer using every field the native speaker implements',
    cfg: {
      bgpPeers: [
        peer('p', {
          myASN: 64512,
          peerASN: 4200000000,
          localASN: 64600,
          peerAddress: 'fc00::1',
          sourceAddress: 'fc00::2',
          peerPort: 180,
          holdTime: '90s',
          keepaliveTime: '30s',
          connectTime: '10s',
          routerID: '10.0.0.100',
          nodeSelectors: [{ matchLabels: { bgp: 'yes' } }],
          passwordSecret: { name: 's', namespace: 'metallb-system' },
          bfdProfile: 'fast',
          ebgpMultiHop: true,
          disableMP: false,
          dualStackAddressFamily: true,
        }),
      ],
      bfdProfiles: [bfd('fast', { receiveInterval: 300, transmitInterval: 300, passiveMode: true })],
      secrets: [secret('s', 'kubernetes.io/basic-auth')],
    },
    opts: { bgpType: 'native' },
  },
  {
    name: 'refuses a password longer than a TCP-MD5 key can be (80 bytes)',
    cfg: one({ password: 'x'.repeat(81) }),
    errors: [
      { field: 'spec.password', msg: 'the password is 81 bytes long: TCP-MD5 keys are at most 80 bytes' },
    ],
  },
  {
    name: 'accepts an 80-byte password',
    cfg: one({ password: 'x'.repeat(80) }),
  },
  {
    name: 'refuses BFD echo mode in native mode, which runs asynchronous mode only',
    cfg: { bfdProfiles: [bfd('echo', { echoMode: true, echoInterval: 50 })] },
    opts: { bgpType: 'native' },
    errors: [
      { field: 'spec.echoMode', on: 'echo', msg: 'echoMode is not supported by the native BGP backend' },
    ],
  },
  {
    name: 'accepts BFD echo mode in FRR mode',
    cfg: { bfdProfiles: [bfd('echo', { echoMode: true })] },
    opts: { bgpType: 'frr' },
  },
  {
    name: 'accepts keepaliveTime 0s in native mode',
    cfg: one({ keepaliveTime: '0s', holdTime: '0s' }),
    opts: { bgpType: 'native' },
  },
  {
    name: 'accepts a plain eBGP peer in native mode',
    cfg: one({ holdTime: '90s' }),
    opts: { bgpType: 'native' },
  },
  {
    name: 'accepts a BFDProfile in native mode',
    cfg: { bfdProfiles: [bfd('fast')] },
    opts: { bgpType: 'native' },
  },
  {
    name: 'reports a missing BFDProfile as transient in native mode, as in FRR mode',
    cfg: { ...one({ bfdProfile: 'fast' }), bfdProfiles: [] },
    opts: { bgpType: 'native' },
    transient: [{ field: 'spec.bfdProfile', conflicts: 'fast', msg: 'non existing BFDProfile "fast"' }],
  },
  {
    name: 'still checks BFDProfile ranges in native mode',
    cfg: { bfdProfiles: [bfd('fast', { detectMultiplier: 1 })] },
    opts: { bgpType: 'native' },
    errors: [{ field: 'spec.detectMultiplier', on: 'fast', msg: 'invalid detect multiplier value 1' }],
  },
];

runCases('BGPPeer ASNs', asn);
runCases('BGPPeer addresses and port', addresses);
runCases('BGPPeer timers', timers);
runCases('BGPPeer password, secret and BFD references', references);
runCases('BGPPeer set rules (X1, X2, duplicates, router ID per node)', peerSet);
runCases('BGPPeer in native mode', native);
