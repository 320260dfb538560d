import { bfd, bgpAd, community, peer, pool } from './testing/builders';
import { runCases, type Case } from './testing/cases';

const bfdCases: Case[] = [
  { name: 'accepts a BFD profile without settings (backend defaults)', cfg: { bfdProfiles: [bfd('a')] } },
  {
    name: 'accepts a BFD profile at every range boundary',
    cfg: {
      bfdProfiles: [
        bfd('low', {
          receiveInterval: 10,
          transmitInterval: 10,
          detectMultiplier: 2,
          echoInterval: 10,
          minimumTtl: 1,
        }),
        bfd('high', {
          receiveInterval: 60000,
          transmitInterval: 60000,
          detectMultiplier: 255,
          echoInterval: 60000,
          minimumTtl: 254,
          echoMode: true,
          passiveMode: true,
        }),
      ],
    },
  },
  {
    name: 'refuses receiveInterval 9',
    cfg: { bfdProfiles: [bfd('a', { receiveInterval: 9 })] },
    errors: [
      { field: 'spec.receiveInterval', msg: 'invalid receive interval value 9: must be in 10-60000 range' },
    ],
  },
  {
    name: 'refuses transmitInterval 60001',
    cfg: { bfdProfiles: [bfd('a', { transmitInterval: 60001 })] },
    errors: [{ field: 'spec.transmitInterval', msg: 'invalid transmit interval value' }],
  },
  {
    name: 'refuses detectMultiplier 1',
    cfg: { bfdProfiles: [bfd('a', { detectMultiplier: 1 })] },
    errors: [{ field: 'spec.detectMultiplier', msg: 'must be in 2-255 range' }],
  },
  {
    name: 'refuses detectMultiplier 256',
    cfg: { bfdProfiles: [bfd('a', { detectMultiplier: 256 })] },
    errors: [{ field: 'spec.detectMultiplier', msg: 'invalid detect multiplier value 256' }],
  },
  {
    name: 'refuses echoInterval 5',
    cfg: { bfdProfiles: [bfd('a', { echoInterval: 5 })] },
    errors: [{ field: 'spec.echoInterval', msg: 'invalid echo interval value' }],
  },
  {
    name: 'refuses minimumTtl 0',
    cfg: { bfdProfiles: [bfd('a', { minimumTtl: 0 })] },
    errors: [{ field: 'spec.minimumTtl', msg: 'must be in 1-254 range' }],
  },
  {
    name: 'refuses minimumTtl 255',
    cfg: { bfdProfiles: [bfd('a', { minimumTtl: 255 })] },
    errors: [{ field: 'spec.minimumTtl', msg: 'invalid minimum ttl value 255' }],
  },
  {
    name: 'refuses a fractional interval',
    cfg: { bfdProfiles: [bfd('a', { receiveInterval: 300.5 })] },
    errors: [{ field: 'spec.receiveInterval', msg: 'invalid receive interval value 300.5' }],
  },
  {
    name: 'refuses two BFD profiles with the same name',
    cfg: { bfdProfiles: [bfd('a'), bfd('a')] },
    errors: [{ field: 'metadata.name', msg: 'duplicate definition of BFDProfile "a"' }],
  },
];

const echo: Case[] = [
  {
    name: 'refuses advertising an IPv6 pool to a peer whose BFD profile uses echo mode',
    cfg: {
      ipAddressPools: [pool('v6', ['fc00::/64'])],
      bgpAdvertisements: [bgpAd('ad')],
      bgpPeers: [peer('p', { bfdProfile: 'echo' })],
      bfdProfiles: [bfd('echo', { echoMode: true })],
    },
    errors: [
      {
        field: 'spec.bfdProfile',
        on: 'p',
        conflicts: 'ad',
        msg: 'enables echo mode, which is not possible with IPv6',
      },
    ],
  },
  {
    name: 'accepts echo mode when the advertised pool is IPv4 only',
    cfg: {
      ipAddressPools: [pool('v4', ['10.0.0.0/24'])],
      bgpAdvertisements: [bgpAd('ad')],
      bgpPeers: [peer('p', { bfdProfile: 'echo' })],
      bfdProfiles: [bfd('echo', { echoMode: true })],
    },
  },
  {
    name: 'accepts an IPv6 pool when the advertisement targets only peers without echo mode',
    cfg: {
      ipAddressPools: [pool('v6', ['fc00::/64'])],
      bgpAdvertisements: [bgpAd('ad', { peers: ['plain'] })],
      bgpPeers: [
        peer('p', { bfdProfile: 'echo' }),
        peer('plain', { peerAddress: '10.0.0.2', bfdProfile: 'slow' }),
      ],
      bfdProfiles: [bfd('echo', { echoMode: true }), bfd('slow')],
    },
  },
  {
    name: 'reports the echo-mode conflict on the focused advertisement',
    cfg: {
      ipAddressPools: [pool('dual', ['10.0.0.0/24', 'fc00::/64'])],
      bgpAdvertisements: [bgpAd('ad', { peers: ['p'] })],
      bgpPeers: [peer('p', { bfdProfile: 'echo' })],
      bfdProfiles: [bfd('echo', { echoMode: true })],
    },
    opts: { focus: { kind: 'BGPAdvertisement', name: 'ad' } },
    errors: [
      { field: 'spec.peers', on: 'ad', conflicts: 'p', msg: 'IPAddressPool "dual" has IPv6 addresses' },
    ],
  },
  {
    name: 'refuses echo mode with an advertised IPv6 pool in native mode too',
    cfg: {
      ipAddressPools: [pool('v6', ['fc00::/64'])],
      bgpAdvertisements: [bgpAd('ad')],
      bgpPeers: [peer('p', { bfdProfile: 'echo' })],
      bfdProfiles: [bfd('echo', { echoMode: true })],
    },
    opts: { bgpType: 'native' },
    errors: [
      { field: 'spec.bfdProfile', on: 'p', conflicts: 'ad', msg: 'which is not possible with IPv6' },
      { field: 'spec.echoMode', on: 'echo', msg: 'echoMode is not supported by the native BGP backend' },
    ],
  },
  {
    name: 'accepts BFD without echo mode on a peer advertising IPv6 in native mode',
    cfg: {
      ipAddressPools: [pool('dual', ['10.0.0.0/24', 'fc00::/64'])],
      bgpAdvertisements: [bgpAd('ad')],
      bgpPeers: [peer('p', { peerAddress: 'fc00::1', bfdProfile: 'fast', dualStackAddressFamily: true })],
      bfdProfiles: [bfd('fast', { receiveInterval: 100, transmitInterval: 100, detectMultiplier: 3 })],
    },
    opts: { bgpType: 'native' },
  },
];

const communities: Case[] = [
  {
    name: 'accepts Community aliases for legacy and large communities',
    cfg: {
      communities: [
        community('c', [
          ['a', '65000:1'],
          ['b', 'large:1:2:3'],
        ]),
      ],
    },
  },
  {
    name: 'refuses a Community alias with an invalid legacy value',
    cfg: { communities: [community('c', [['a', '99999999:1']])] },
    errors: [{ field: 'spec.communities[0].value', msg: 'invalid community value: invalid section' }],
  },
  {
    name: 'refuses a Community alias with an invalid large value',
    cfg: { communities: [community('c', [['a', 'lar:123:9999:123']])] },
    errors: [{ field: 'spec.communities[0].value', msg: 'expected community to be of format large' }],
  },
  {
    name: 'refuses a Community alias whose value is not a community at all',
    cfg: { communities: [community('c', [['a', 'gold']])] },
    errors: [{ field: 'spec.communities[0].value', msg: 'invalid community format' }],
  },
  {
    name: 'refuses a Community alias without a name',
    cfg: { communities: [community('c', [['', '65000:1']])] },
    errors: [{ field: 'spec.communities[0].name', msg: 'missing community alias name' }],
  },
  {
    name: 'refuses the same alias twice in one Community',
    cfg: {
      communities: [
        community('c', [
          ['a', '65000:1'],
          ['a', '65000:2'],
        ]),
      ],
    },
    errors: [{ field: 'spec.communities[1].name', msg: 'duplicate definition of community "a"' }],
  },
  {
    name: 'refuses the same alias in two Community objects, naming the other',
    cfg: { communities: [community('c1', [['a', '65000:1']]), community('c2', [['a', '65000:2']])] },
    errors: [
      {
        field: 'spec.communities[0].name',
        on: 'c2',
        conflicts: 'c1',
        msg: 'duplicate definition of community "a"',
      },
    ],
  },
  {
    name: 'accepts a large community alias in native mode',
    cfg: { communities: [community('c', [['a', 'large:1:2:3']])] },
    opts: { bgpType: 'native' },
  },
  {
    name: 'still refuses a malformed large community alias in native mode',
    cfg: { communities: [community('c', [['a', 'large:1:2']])] },
    opts: { bgpType: 'native' },
    errors: [{ field: 'spec.communities[0].value', msg: 'parsing community "a"' }],
  },
  {
    name: 'accepts a legacy community alias in native mode',
    cfg: { communities: [community('c', [['a', '65535:65281']])] },
    opts: { bgpType: 'native' },
  },
];

runCases('BFDProfile ranges', bfdCases);
runCases('BFD echo mode with IPv6 pools', echo);
runCases('Community aliases', communities);
