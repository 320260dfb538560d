import { bgpAd, community, l2, node, peer, pool } from './testing/builders';
import { runCases, type Case } from './testing/cases';

const v4 = pool('v4', ['10.0.0.0/24'], {}, { zone: 'a' });
const dual = pool('dual', ['10.1.0.0/24', 'fc00::/64']);

const l2Cases: Case[] = [
  {
    name: 'accepts an L2Advertisement for all pools',
    cfg: { ipAddressPools: [v4], l2Advertisements: [l2('a')] },
  },
  {
    name: 'accepts an L2Advertisement using every field',
    cfg: {
      ipAddressPools: [v4],
      l2Advertisements: [
        l2('a', {
          ipAddressPools: ['v4'],
          ipAddressPoolSelectors: [{ matchLabels: { zone: 'a' } }],
          nodeSelectors: [{ matchLabels: { 'kubernetes.io/hostname': 'n1' } }],
          interfaces: ['eth0', 'bond0.100'],
          serviceSelectors: [{ matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['db'] }] }],
          preferredNodeSelectors: [{ weight: 100, preference: { matchLabels: { rack: 'r1' } } }],
        }),
      ],
    },
  },
  {
    name: 'refuses duplicate ipAddressPools in an L2Advertisement',
    cfg: { ipAddressPools: [v4], l2Advertisements: [l2('a', { ipAddressPools: ['v4', 'v4'] })] },
    errors: [{ field: 'spec.ipAddressPools[1]', msg: 'duplicate definition of ipAddressPools "v4"' }],
  },
  {
    name: 'refuses duplicate interfaces',
    cfg: { l2Advertisements: [l2('a', { interfaces: ['eth0', 'eth0'] })] },
    errors: [{ field: 'spec.interfaces[1]', msg: 'duplicate definition of interfaces' }],
  },
  {
    name: 'refuses an interface name with whitespace',
    cfg: { l2Advertisements: [l2('a', { interfaces: ['eth 0'] })] },
    errors: [{ field: 'spec.interfaces[0]', msg: 'invalid interface name' }],
  },
  {
    name: 'refuses duplicate node selectors in an L2Advertisement',
    cfg: {
      l2Advertisements: [
        l2('a', { nodeSelectors: [{ matchLabels: { a: '1' } }, { matchLabels: { a: '1' } }] }),
      ],
    },
    errors: [{ field: 'spec.nodeSelectors[1]', msg: 'duplicate definition of nodeSelectors' }],
  },
  {
    name: 'refuses duplicate ipAddressPoolSelectors in an L2Advertisement',
    cfg: {
      l2Advertisements: [
        l2('a', { ipAddressPoolSelectors: [{ matchLabels: { a: '1' } }, { matchLabels: { a: '1' } }] }),
      ],
    },
    errors: [
      { field: 'spec.ipAddressPoolSelectors[1]', msg: 'duplicate definition of ipAddressPoolSelectors' },
    ],
  },
  {
    name: 'refuses duplicate serviceSelectors in an L2Advertisement',
    cfg: { l2Advertisements: [l2('a', { serviceSelectors: [{}, {}] })] },
    errors: [{ field: 'spec.serviceSelectors[1]', msg: 'duplicate definition of serviceSelectors' }],
  },
  {
    name: 'refuses an invalid label value in a node selector',
    cfg: { l2Advertisements: [l2('a', { nodeSelectors: [{ matchLabels: { a: 'not valid!' } }] })] },
    errors: [{ field: 'spec.nodeSelectors[0].matchLabels["a"]', msg: 'invalid label value' }],
  },
  {
    name: 'refuses a preferred node weight of 0',
    cfg: { l2Advertisements: [l2('a', { preferredNodeSelectors: [{ weight: 0, preference: {} }] })] },
    errors: [{ field: 'spec.preferredNodeSelectors[0].weight', msg: '1-100' }],
  },
  {
    name: 'refuses a preferred node weight of 101',
    cfg: { l2Advertisements: [l2('a', { preferredNodeSelectors: [{ weight: 101, preference: {} }] })] },
    errors: [{ field: 'spec.preferredNodeSelectors[0].weight', msg: '1-100' }],
  },
  {
    name: 'refuses an invalid preferred node preference',
    cfg: {
      l2Advertisements: [
        l2('a', {
          preferredNodeSelectors: [
            { weight: 5, preference: { matchExpressions: [{ key: 'x', operator: 'In' }] } },
          ],
        }),
      ],
    },
    errors: [
      { field: 'spec.preferredNodeSelectors[0].preference.matchExpressions[0].values', msg: 'non-empty' },
    ],
  },
  {
    name: 'warns that an L2Advertisement names a pool that does not exist',
    cfg: { ipAddressPools: [v4], l2Advertisements: [l2('a', { ipAddressPools: ['nope'] })] },
    warnings: [{ field: 'spec.ipAddressPools[0]', msg: 'IPAddressPool "nope" does not exist' }],
  },
];

const bgpCases: Case[] = [
  {
    name: 'accepts a BGPAdvertisement with defaults',
    cfg: { ipAddressPools: [v4], bgpAdvertisements: [bgpAd('a')] },
  },
  {
    name: 'accepts a BGPAdvertisement using every field',
    cfg: {
      ipAddressPools: [v4, dual],
      bgpPeers: [peer('p1')],
      communities: [community('c', [['no-export', '65535:65281']])],
      bgpAdvertisements: [
        bgpAd('a', {
          aggregationLength: 24,
          aggregationLengthV6: 64,
          localPref: 100,
          communities: ['65000:1', 'large:1:2:3', 'no-export'],
          ipAddressPools: ['v4'],
          ipAddressPoolSelectors: [{ matchLabels: { zone: 'a' } }],
          nodeSelectors: [{ matchLabels: { bgp: 'yes' } }],
          peers: ['p1'],
        }),
      ],
    },
  },
  {
    name: 'refuses aggregationLength 33',
    cfg: { bgpAdvertisements: [bgpAd('a', { aggregationLength: 33 })] },
    errors: [{ field: 'spec.aggregationLength', msg: 'invalid aggregation length 33 for IPv4' }],
  },
  {
    name: 'refuses aggregationLength 0',
    cfg: { bgpAdvertisements: [bgpAd('a', { aggregationLength: 0 })] },
    errors: [{ field: 'spec.aggregationLength', msg: 'invalid aggregation length 0' }],
  },
  {
    name: 'refuses aggregationLengthV6 129',
    cfg: { bgpAdvertisements: [bgpAd('a', { aggregationLengthV6: 129 })] },
    errors: [{ field: 'spec.aggregationLengthV6', msg: 'invalid aggregation length 129 for IPv6' }],
  },
  {
    name: 'refuses an aggregation wider than the widest CIDR of a range (range summarizes to /26, /24 asked)',
    cfg: {
      ipAddressPools: [pool('r', ['3.3.3.2-3.3.3.254'])],
      bgpAdvertisements: [bgpAd('a', { aggregationLength: 24 })],
    },
    errors: [
      {
        field: 'spec.aggregationLength',
        conflicts: 'r',
        msg: 'invalid aggregation length 24: prefix 3.3.3.64/26',
      },
    ],
  },
  {
    name: 'accepts an aggregation equal to the widest CIDR of a range (/26)',
    cfg: {
      ipAddressPools: [pool('r', ['3.3.3.2-3.3.3.254'])],
      bgpAdvertisements: [bgpAd('a', { aggregationLength: 26 })],
    },
  },
  {
    name: 'refuses aggregation 26 for a pool holding 1.2.3.0/28',
    cfg: {
      ipAddressPools: [pool('p', ['1.2.3.0/28'])],
      bgpAdvertisements: [bgpAd('a', { aggregationLength: 26 })],
    },
    errors: [
      {
        field: 'spec.aggregationLength',
        conflicts: 'p',
        msg: 'is more specific than the aggregation length',
      },
    ],
  },
  {
    name: 'accepts aggregation 24 for a /24 pool',
    cfg: { ipAddressPools: [v4], bgpAdvertisements: [bgpAd('a', { aggregationLength: 24 })] },
  },
  {
    name: 'checks aggregation only against the pools the advertisement selects',
    cfg: {
      ipAddressPools: [v4, pool('small', ['10.9.0.0/28'])],
      bgpAdvertisements: [bgpAd('a', { aggregationLength: 24, ipAddressPools: ['v4'] })],
    },
  },
  {
    name: 'checks aggregation against pools selected by label',
    cfg: {
      ipAddressPools: [pool('small', ['10.9.0.0/28'], {}, { zone: 'b' })],
      bgpAdvertisements: [
        bgpAd('a', { aggregationLength: 24, ipAddressPoolSelectors: [{ matchLabels: { zone: 'b' } }] }),
      ],
    },
    errors: [{ field: 'spec.aggregationLength', conflicts: 'small', msg: 'invalid aggregation length 24' }],
  },
  {
    name: 'refuses an IPv6 aggregation wider than the IPv6 pool CIDR',
    cfg: {
      ipAddressPools: [pool('v6', ['fc00::/120'])],
      bgpAdvertisements: [bgpAd('a', { aggregationLengthV6: 64 })],
    },
    errors: [{ field: 'spec.aggregationLengthV6', conflicts: 'v6', msg: 'invalid aggregation length 64' }],
  },
  {
    name: 'accepts an IPv6 aggregation equal to the IPv6 pool CIDR',
    cfg: {
      ipAddressPools: [pool('v6', ['fc00::/120'])],
      bgpAdvertisements: [bgpAd('a', { aggregationLengthV6: 120 })],
    },
  },
  {
    name: 'refuses serviceSelectors with a non-default aggregationLength',
    cfg: {
      bgpAdvertisements: [
        bgpAd('a', { aggregationLength: 24, serviceSelectors: [{ matchLabels: { a: 'b' } }] }),
      ],
    },
    errors: [
      {
        field: 'spec.aggregationLength',
        msg: 'serviceSelectors and aggregationLength are mutually exclusive',
      },
    ],
  },
  {
    name: 'refuses serviceSelectors with a non-default aggregationLengthV6',
    cfg: {
      bgpAdvertisements: [
        bgpAd('a', { aggregationLengthV6: 64, serviceSelectors: [{ matchLabels: { a: 'b' } }] }),
      ],
    },
    errors: [
      {
        field: 'spec.aggregationLengthV6',
        msg: 'serviceSelectors and aggregationLengthV6 are mutually exclusive',
      },
    ],
  },
  {
    name: 'accepts serviceSelectors with explicitly default aggregation lengths',
    cfg: {
      bgpAdvertisements: [
        bgpAd('a', {
          aggregationLength: 32,
          aggregationLengthV6: 128,
          serviceSelectors: [{ matchLabels: { a: 'b' } }],
        }),
      ],
    },
  },
  {
    name: 'refuses a negative localPref',
    cfg: { bgpAdvertisements: [bgpAd('a', { localPref: -1 })] },
    errors: [{ field: 'spec.localPref', msg: '0-4294967295' }],
  },
  {
    name: 'refuses duplicate communities',
    cfg: { bgpAdvertisements: [bgpAd('a', { communities: ['65000:1', '65000:1'] })] },
    errors: [{ field: 'spec.communities[1]', msg: 'duplicate definition of communities "65000:1"' }],
  },
  {
    name: 'refuses duplicate peers',
    cfg: { bgpAdvertisements: [bgpAd('a', { peers: ['p', 'p'] })] },
    errors: [{ field: 'spec.peers[1]', msg: 'duplicate definition of peers "p"' }],
  },
  {
    name: 'refuses duplicate ipAddressPools in a BGPAdvertisement',
    cfg: { bgpAdvertisements: [bgpAd('a', { ipAddressPools: ['x', 'x'] })] },
    errors: [{ field: 'spec.ipAddressPools[1]', msg: 'duplicate definition of ipAddressPools' }],
  },
  {
    name: 'refuses duplicate node selectors in a BGPAdvertisement',
    cfg: {
      bgpAdvertisements: [
        bgpAd('a', { nodeSelectors: [{ matchLabels: { a: '1' } }, { matchLabels: { a: '1' } }] }),
      ],
    },
    errors: [{ field: 'spec.nodeSelectors[1]', msg: 'duplicate definition of nodeSelectors' }],
  },
  {
    name: 'refuses a legacy community with a part over 65535',
    cfg: { bgpAdvertisements: [bgpAd('a', { communities: ['99999999:1'] })] },
    errors: [{ field: 'spec.communities[0]', msg: 'invalid community value: invalid section' }],
  },
  {
    name: 'refuses a large community with a bad marker',
    cfg: { bgpAdvertisements: [bgpAd('a', { communities: ['lar:123:9999:123'] })] },
    errors: [{ field: 'spec.communities[0]', msg: 'expected community to be of format large' }],
  },
  {
    name: 'refuses a large community with a part over 2^32-1',
    cfg: { bgpAdvertisements: [bgpAd('a', { communities: ['large:4294967296:1:1'] })] },
    errors: [{ field: 'spec.communities[0]', msg: 'invalid community value' }],
  },
  {
    name: 'accepts a community alias defined by a Community object',
    cfg: {
      communities: [community('c', [['gold', '65000:100']])],
      bgpAdvertisements: [bgpAd('a', { communities: ['gold'] })],
    },
  },
  {
    name: 'reports an unknown community alias as transient, not as an error',
    cfg: { communities: [], bgpAdvertisements: [bgpAd('a', { communities: ['gold'] })] },
    transient: [{ field: 'spec.communities[0]', msg: 'neither a valid community nor the name of an alias' }],
  },
  {
    name: 'reports a three-part community as transient (it could be an alias name)',
    cfg: { communities: [], bgpAdvertisements: [bgpAd('a', { communities: ['1:2:3'] })] },
    transient: [{ field: 'spec.communities[0]', msg: 'neither a valid community' }],
  },
  {
    name: 'does not judge aliases when the Community objects are not known',
    cfg: { bgpAdvertisements: [bgpAd('a', { communities: ['gold'] })] },
  },
  {
    name: 'accepts a large community literal in native mode',
    cfg: { bgpAdvertisements: [bgpAd('a', { communities: ['large:1:2:3', '65000:1'] })] },
    opts: { bgpType: 'native' },
  },
  {
    name: 'accepts an alias resolving to a large community in native mode',
    cfg: {
      communities: [community('c', [['big', 'large:1:2:3']])],
      bgpAdvertisements: [bgpAd('a', { communities: ['big'] })],
    },
    opts: { bgpType: 'native' },
  },
  {
    name: 'still refuses an out-of-range large community in native mode',
    cfg: { bgpAdvertisements: [bgpAd('a', { communities: ['large:1:2:4294967296'] })] },
    opts: { bgpType: 'native' },
    errors: [{ field: 'spec.communities[0]', msg: 'invalid community value' }],
  },
  {
    name: 'accepts advertising an IPv6 pool in native mode',
    cfg: { ipAddressPools: [dual], bgpAdvertisements: [bgpAd('a', { ipAddressPools: ['dual'] })] },
    opts: { bgpType: 'native' },
  },
  {
    name: 'accepts an IPv6 pool in native mode when no BGPAdvertisement selects it',
    cfg: { ipAddressPools: [v4, dual], bgpAdvertisements: [bgpAd('a', { ipAddressPools: ['v4'] })] },
    opts: { bgpType: 'native' },
  },
  {
    name: 'accepts an IPv6 pool selected by labels in native mode, with aggregationLengthV6',
    cfg: {
      ipAddressPools: [pool('v6', ['fc00::/64'], {}, { zone: 'b' })],
      bgpAdvertisements: [
        bgpAd('a', { aggregationLengthV6: 64, ipAddressPoolSelectors: [{ matchLabels: { zone: 'b' } }] }),
      ],
    },
    opts: { bgpType: 'native' },
  },
  {
    name: 'still checks aggregationLengthV6 against IPv6 pools in native mode',
    cfg: {
      ipAddressPools: [dual],
      bgpAdvertisements: [bgpAd('a', { aggregationLengthV6: 48, ipAddressPools: ['dual'] })],
    },
    opts: { bgpType: 'native' },
    errors: [{ field: 'spec.aggregationLengthV6', conflicts: 'dual', msg: 'invalid aggregation length 48' }],
  },
  {
    name: 'warns that a BGPAdvertisement names a peer that does not exist',
    cfg: { bgpPeers: [peer('p1')], bgpAdvertisements: [bgpAd('a', { peers: ['p2'] })] },
    warnings: [{ field: 'spec.peers[0]', msg: 'BGPPeer "p2" does not exist' }],
  },
];

const twoNodes = [node('n1', { rack: 'r1' }), node('n2', { rack: 'r2' })];
const localPref: Case[] = [
  {
    name: 'refuses two advertisements of one pool with different localPref',
    cfg: {
      ipAddressPools: [v4],
      bgpAdvertisements: [bgpAd('a', { localPref: 100 }), bgpAd('b', { localPref: 200 })],
    },
    errors: [{ field: 'spec.localPref', on: 'b', conflicts: 'a', msg: 'invalid local preference 200' }],
  },
  {
    name: 'accepts two advertisements of one pool with the same localPref',
    cfg: {
      ipAddressPools: [v4],
      bgpAdvertisements: [bgpAd('a', { localPref: 100 }), bgpAd('b', { localPref: 100 })],
    },
  },
  {
    name: 'accepts different localPref when the advertisements cover different pools',
    cfg: {
      ipAddressPools: [v4, dual],
      bgpAdvertisements: [
        bgpAd('a', { localPref: 100, ipAddressPools: ['v4'] }),
        bgpAd('b', { localPref: 200, ipAddressPools: ['dual'] }),
      ],
    },
  },
  {
    name: 'accepts different localPref with different IPv4 aggregation on an IPv4 pool',
    cfg: {
      ipAddressPools: [v4],
      bgpAdvertisements: [
        bgpAd('a', { localPref: 100 }),
        bgpAd('b', { localPref: 200, aggregationLength: 24 }),
      ],
    },
  },
  {
    name: 'refuses different localPref when only the IPv6 aggregation differs on an IPv4 pool',
    cfg: {
      ipAddressPools: [v4],
      bgpAdvertisements: [
        bgpAd('a', { localPref: 100 }),
        bgpAd('b', { localPref: 200, aggregationLengthV6: 64 }),
      ],
    },
    errors: [{ field: 'spec.localPref', on: 'b', conflicts: 'a', msg: 'IPAddressPool "v4"' }],
  },
  {
    name: 'refuses different localPref on a dual-stack pool when only one family aggregation differs',
    cfg: {
      ipAddressPools: [dual],
      bgpAdvertisements: [
        bgpAd('a', { localPref: 100 }),
        bgpAd('b', { localPref: 200, aggregationLength: 24 }),
      ],
    },
    errors: [{ field: 'spec.localPref', on: 'b', conflicts: 'a', msg: 'invalid local preference' }],
  },
  {
    name: 'accepts different localPref on a dual-stack pool when both aggregations differ',
    cfg: {
      ipAddressPools: [dual],
      bgpAdvertisements: [
        bgpAd('a', { localPref: 100 }),
        bgpAd('b', { localPref: 200, aggregationLength: 24, aggregationLengthV6: 64 }),
      ],
    },
  },
  {
    name: 'accepts different localPref for disjoint peer lists',
    cfg: {
      ipAddressPools: [v4],
      bgpAdvertisements: [
        bgpAd('a', { localPref: 100, peers: ['p1'] }),
        bgpAd('b', { localPref: 200, peers: ['p2'] }),
      ],
    },
  },
  {
    name: 'refuses different localPref for overlapping peer lists',
    cfg: {
      ipAddressPools: [v4],
      bgpAdvertisements: [
        bgpAd('a', { localPref: 100, peers: ['p1', 'p2'] }),
        bgpAd('b', { localPref: 200, peers: ['p2'] }),
      ],
    },
    errors: [{ field: 'spec.localPref', on: 'b', conflicts: 'a', msg: 'invalid local preference' }],
  },
  {
    name: 'refuses different localPref when one advertisement targets all peers',
    cfg: {
      ipAddressPools: [v4],
      bgpAdvertisements: [bgpAd('a', { localPref: 100 }), bgpAd('b', { localPref: 200, peers: ['p2'] })],
    },
    errors: [{ field: 'spec.localPref', on: 'b', conflicts: 'a', msg: 'invalid local preference' }],
  },
  {
    name: 'accepts different localPref for disjoint node sets',
    cfg: {
      ipAddressPools: [v4],
      nodes: twoNodes,
      bgpAdvertisements: [
        bgpAd('a', { localPref: 100, nodeSelectors: [{ matchLabels: { rack: 'r1' } }] }),
        bgpAd('b', { localPref: 200, nodeSelectors: [{ matchLabels: { rack: 'r2' } }] }),
      ],
    },
  },
  {
    name: 'refuses different localPref for overlapping node sets',
    cfg: {
      ipAddressPools: [v4],
      nodes: twoNodes,
      bgpAdvertisements: [
        bgpAd('a', { localPref: 100 }),
        bgpAd('b', { localPref: 200, nodeSelectors: [{ matchLabels: { rack: 'r2' } }] }),
      ],
    },
    errors: [{ field: 'spec.localPref', on: 'b', conflicts: 'a', msg: 'invalid local preference' }],
  },
  {
    name: 'assumes node sets overlap when the nodes are not known',
    cfg: {
      ipAddressPools: [v4],
      bgpAdvertisements: [
        bgpAd('a', { localPref: 100, nodeSelectors: [{ matchLabels: { rack: 'r1' } }] }),
        bgpAd('b', { localPref: 200, nodeSelectors: [{ matchLabels: { rack: 'r2' } }] }),
      ],
    },
    errors: [{ field: 'spec.localPref', on: 'b', msg: 'invalid local preference' }],
  },
  {
    name: 'exempts advertisements with serviceSelectors from the localPref rule',
    cfg: {
      ipAddressPools: [v4],
      bgpAdvertisements: [
        bgpAd('a', { localPref: 100 }),
        bgpAd('b', { localPref: 200, serviceSelectors: [{ matchLabels: { app: 'x' } }] }),
      ],
    },
  },
  {
    name: 'reports a localPref conflict on the focused advertisement',
    cfg: {
      ipAddressPools: [v4],
      bgpAdvertisements: [bgpAd('a', { localPref: 100 }), bgpAd('b', { localPref: 200 })],
    },
    opts: { focus: { kind: 'BGPAdvertisement', name: 'a' } },
    errors: [{ field: 'spec.localPref', on: 'a', conflicts: 'b', msg: 'invalid local preference 100' }],
  },
];

runCases('L2Advertisement', l2Cases);
runCases('BGPAdvertisement', bgpCases);
runCases('BGPAdvertisement LOCAL_PREF consistency', localPref);
