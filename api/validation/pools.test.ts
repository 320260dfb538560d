import { namespace, pool } from './testing/builders';
import { runCases, type Case } from './testing/cases';

const syntax: Case[] = [
  { name: 'accepts an IPv4 CIDR', cfg: { ipAddressPools: [pool('a', ['192.168.1.0/24'])] } },
  { name: 'accepts an IPv6 CIDR', cfg: { ipAddressPools: [pool('a', ['fc00::/64'])] } },
  {
    name: 'accepts an IPv4 start-end range',
    cfg: { ipAddressPools: [pool('a', ['192.168.1.10-192.168.1.20'])] },
  },
  { name: 'accepts an IPv6 start-end range', cfg: { ipAddressPools: [pool('a', ['fc00::10-fc00::20'])] } },
  { name: 'accepts a single IP written as a-a', cfg: { ipAddressPools: [pool('a', ['1.1.1.1-1.1.1.1'])] } },
  {
    name: 'accepts a single IPv6 written as a-a',
    cfg: { ipAddressPools: [pool('a', ['2001:db8::1-2001:db8::1'])] },
  },
  { name: 'accepts a single IP written as /32', cfg: { ipAddressPools: [pool('a', ['1.1.1.1/32'])] } },
  {
    name: 'accepts whitespace around the range dash',
    cfg: { ipAddressPools: [pool('a', ['10.0.0.1 - 10.0.0.5'])] },
  },
  {
    name: 'accepts a mix of CIDR, range and single IP, IPv4 and IPv6, in one pool',
    cfg: {
      ipAddressPools: [pool('a', ['10.0.0.0/28', '10.0.1.1-10.0.1.9', '10.0.2.7-10.0.2.7', 'fc00::/120'])],
    },
  },
  {
    name: 'accepts a CIDR with host bits set (masked like Go)',
    cfg: { ipAddressPools: [pool('a', ['10.0.0.5/24'])] },
  },
  {
    name: 'refuses a pool without addresses',
    cfg: { ipAddressPools: [pool('a', [])] },
    errors: [{ field: 'spec.addresses', msg: 'no addresses' }],
  },
  {
    name: 'refuses an IPv4 CIDR with octets over 255',
    cfg: { ipAddressPools: [pool('a', ['100.200.300.400/24'])] },
    errors: [{ field: 'spec.addresses[0]', msg: 'invalid CIDR "100.200.300.400/24"' }],
  },
  {
    name: 'refuses an IPv4 mask over 32',
    cfg: { ipAddressPools: [pool('a', ['1.2.3.0/33'])] },
    errors: [{ field: 'spec.addresses[0]', msg: 'invalid CIDR' }],
  },
  {
    name: 'refuses an IPv6 mask over 128',
    cfg: { ipAddressPools: [pool('a', ['fc00::/129'])] },
    errors: [{ field: 'spec.addresses[0]', msg: 'invalid CIDR' }],
  },
  {
    name: 'refuses a bare IP and says how to write it',
    cfg: { ipAddressPools: [pool('a', ['10.0.0.1'])] },
    errors: [{ field: 'spec.addresses[0]', msg: '"10.0.0.1-10.0.0.1"' }],
  },
  {
    name: 'refuses a range whose start is after its end',
    cfg: { ipAddressPools: [pool('a', ['10.0.0.9-10.0.0.1'])] },
    errors: [{ field: 'spec.addresses[0]', msg: 'is after the end IP' }],
  },
  {
    name: 'refuses a range mixing IPv4 and IPv6',
    cfg: { ipAddressPools: [pool('a', ['10.0.0.1-fc00::1'])] },
    errors: [{ field: 'spec.addresses[0]', msg: 'different families' }],
  },
  {
    name: 'refuses a range with an invalid start',
    cfg: { ipAddressPools: [pool('a', ['10.0.0-10.0.0.5'])] },
    errors: [{ field: 'spec.addresses[0]', msg: 'invalid start IP' }],
  },
  {
    name: 'refuses garbage and reports the index of the bad entry',
    cfg: { ipAddressPools: [pool('a', ['10.0.0.0/24', 'not-an-ip'])] },
    errors: [{ field: 'spec.addresses[1]', msg: 'invalid' }],
  },
  {
    name: 'refuses a pool without name',
    cfg: { ipAddressPools: [pool('', ['10.0.0.0/24'])] },
    errors: [{ field: 'metadata.name', msg: 'missing name' }],
  },
  {
    name: 'refuses two pools with the same name',
    cfg: { ipAddressPools: [pool('a', ['10.0.0.0/24']), pool('a', ['10.0.1.0/24'])] },
    errors: [{ field: 'metadata.name', msg: 'duplicate definition of IPAddressPool "a"' }],
  },
];

const overlaps: Case[] = [
  {
    name: 'accepts adjacent CIDRs in different pools',
    cfg: { ipAddressPools: [pool('a', ['10.0.0.0/25']), pool('b', ['10.0.0.128/25'])] },
  },
  {
    name: 'accepts the same numbers as IPv4 and IPv6 (different families never overlap)',
    cfg: { ipAddressPools: [pool('a', ['0.0.0.0/8']), pool('b', ['::/104'])] },
  },
  {
    name: 'refuses overlapping CIDRs across pools, naming both pools and CIDRs',
    cfg: { ipAddressPools: [pool('a', ['10.0.0.0/24']), pool('b', ['10.0.0.128/25'])] },
    errors: [
      {
        field: 'spec.addresses[0]',
        on: 'b',
        conflicts: 'a',
        msg: 'CIDR "10.0.0.128/25" in pool "b" overlaps with already defined CIDR "10.0.0.0/24"',
      },
    ],
  },
  {
    name: 'refuses overlapping entries within one pool',
    cfg: { ipAddressPools: [pool('a', ['10.0.0.0/24', '10.0.0.5-10.0.0.6'])] },
    errors: [{ field: 'spec.addresses[1]', on: 'a', msg: 'overlaps with already defined CIDR' }],
  },
  {
    name: 'refuses the same CIDR twice in one pool (duplicate)',
    cfg: { ipAddressPools: [pool('a', ['10.0.0.0/24', '10.0.0.0/24'])] },
    errors: [{ field: 'spec.addresses[1]', msg: 'overlaps' }],
  },
  {
    name: 'refuses the same CIDR in two pools (duplicate)',
    cfg: { ipAddressPools: [pool('a', ['10.0.0.0/24']), pool('b', ['10.0.0.0/24'])] },
    errors: [{ field: 'spec.addresses[0]', on: 'b', conflicts: 'a', msg: 'overlaps' }],
  },
  {
    name: 'refuses a range that overlaps a CIDR of another pool',
    cfg: { ipAddressPools: [pool('a', ['10.0.0.0/28']), pool('b', ['10.0.0.10-10.0.0.20'])] },
    errors: [
      {
        field: 'spec.addresses[0]',
        on: 'b',
        conflicts: 'a',
        msg: 'overlaps with already defined CIDR "10.0.0.0/28"',
      },
    ],
  },
  {
    name: 'refuses a single IP inside another pool range',
    cfg: { ipAddressPools: [pool('a', ['10.0.0.1-10.0.0.9']), pool('b', ['10.0.0.5-10.0.0.5'])] },
    errors: [{ field: 'spec.addresses[0]', on: 'b', msg: 'CIDR "10.0.0.5/32"' }],
  },
  {
    name: 'refuses overlapping IPv6 ranges',
    cfg: { ipAddressPools: [pool('a', ['fc00::/64']), pool('b', ['fc00::1:0-fc00::2:0'])] },
    errors: [{ field: 'spec.addresses[0]', on: 'b', conflicts: 'a', msg: 'overlaps' }],
  },
  {
    name: 'reports an overlap on the later pool by name, whatever the list order',
    cfg: { ipAddressPools: [pool('z', ['10.0.0.0/24']), pool('m', ['10.0.0.0/26'])] },
    errors: [{ field: 'spec.addresses[0]', on: 'z', conflicts: 'm', msg: 'overlaps' }],
  },
  {
    name: 'reports an overlap on the focused object when it is part of the pair',
    cfg: { ipAddressPools: [pool('a', ['10.0.0.0/24']), pool('b', ['10.0.0.0/26'])] },
    opts: { focus: { kind: 'IPAddressPool', name: 'a' } },
    errors: [{ field: 'spec.addresses[0]', on: 'a', conflicts: 'b', msg: 'overlaps' }],
  },
  {
    name: 'reports each overlapping entry once even when it overlaps several',
    cfg: { ipAddressPools: [pool('a', ['10.0.0.0/26', '10.0.0.64/26']), pool('b', ['10.0.0.0/24'])] },
    errors: [{ field: 'spec.addresses[0]', on: 'b', msg: 'overlaps' }],
  },
];

const serviceAllocation: Case[] = [
  {
    name: 'accepts a priority-only serviceAllocation',
    cfg: { ipAddressPools: [pool('a', ['10.0.0.0/24'], { serviceAllocation: { priority: 10 } })] },
  },
  {
    name: 'accepts namespaces, namespaceSelectors and serviceSelectors together',
    cfg: {
      ipAddressPools: [
        pool('a', ['10.0.0.0/24'], {
          serviceAllocation: {
            namespaces: ['team-a', 'team-b'],
            namespaceSelectors: [{ matchLabels: { team: 'a' } }],
            serviceSelectors: [{ matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }] }],
          },
        }),
      ],
    },
  },
  {
    name: 'refuses duplicate namespaces',
    cfg: {
      ipAddressPools: [pool('a', ['10.0.0.0/24'], { serviceAllocation: { namespaces: ['x', 'y', 'x'] } })],
    },
    errors: [
      { field: 'spec.serviceAllocation.namespaces[2]', msg: 'duplicate definition in namespaces field' },
    ],
  },
  {
    name: 'refuses duplicate namespace selectors',
    cfg: {
      ipAddressPools: [
        pool('a', ['10.0.0.0/24'], {
          serviceAllocation: {
            namespaceSelectors: [{ matchLabels: { a: 'b' } }, { matchLabels: { a: 'b' } }],
          },
        }),
      ],
    },
    errors: [
      {
        field: 'spec.serviceAllocation.namespaceSelectors[1]',
        msg: 'duplicate definition of namespaceSelectors',
      },
    ],
  },
  {
    name: 'refuses duplicate service selectors differing only in value order',
    cfg: {
      ipAddressPools: [
        pool('a', ['10.0.0.0/24'], {
          serviceAllocation: {
            serviceSelectors: [
              { matchExpressions: [{ key: 'app', operator: 'In', values: ['a', 'b'] }] },
              { matchExpressions: [{ key: 'app', operator: 'In', values: ['b', 'a'] }] },
            ],
          },
        }),
      ],
    },
    errors: [
      {
        field: 'spec.serviceAllocation.serviceSelectors[1]',
        msg: 'duplicate definition of serviceSelectors',
      },
    ],
  },
  {
    name: 'refuses an invalid label key in a service selector',
    cfg: {
      ipAddressPools: [
        pool('a', ['10.0.0.0/24'], {
          serviceAllocation: { serviceSelectors: [{ matchLabels: { 'bad key!': 'x' } }] },
        }),
      ],
    },
    errors: [{ field: 'spec.serviceAllocation.serviceSelectors[0].matchLabels', msg: 'invalid label key' }],
  },
  {
    name: 'refuses an In expression without values',
    cfg: {
      ipAddressPools: [
        pool('a', ['10.0.0.0/24'], {
          serviceAllocation: {
            namespaceSelectors: [{ matchExpressions: [{ key: 'team', operator: 'In', values: [] }] }],
          },
        }),
      ],
    },
    errors: [
      {
        field: 'spec.serviceAllocation.namespaceSelectors[0].matchExpressions[0].values',
        msg: 'must be non-empty',
      },
    ],
  },
  {
    name: 'refuses an Exists expression with values',
    cfg: {
      ipAddressPools: [
        pool('a', ['10.0.0.0/24'], {
          serviceAllocation: {
            serviceSelectors: [{ matchExpressions: [{ key: 'team', operator: 'Exists', values: ['x'] }] }],
          },
        }),
      ],
    },
    errors: [
      {
        field: 'spec.serviceAllocation.serviceSelectors[0].matchExpressions[0].values',
        msg: 'must be empty',
      },
    ],
  },
  {
    name: 'refuses an unknown selector operator',
    cfg: {
      ipAddressPools: [
        pool('a', ['10.0.0.0/24'], {
          serviceAllocation: {
            serviceSelectors: [
              { matchExpressions: [{ key: 'team', operator: 'Equals' as 'In', values: ['x'] }] },
            ],
          },
        }),
      ],
    },
    errors: [
      {
        field: 'spec.serviceAllocation.serviceSelectors[0].matchExpressions[0].operator',
        msg: 'invalid operator',
      },
    ],
  },
  {
    name: 'refuses duplicate values inside one match expression',
    cfg: {
      ipAddressPools: [
        pool('a', ['10.0.0.0/24'], {
          serviceAllocation: {
            serviceSelectors: [{ matchExpressions: [{ key: 'k', operator: 'In', values: ['x', 'x'] }] }],
          },
        }),
      ],
    },
    errors: [
      {
        field: 'spec.serviceAllocation.serviceSelectors[0].matchExpressions[0].values[1]',
        msg: 'duplicate definition of match expression value',
      },
    ],
  },
  {
    name: 'refuses duplicate match expressions in one selector',
    cfg: {
      ipAddressPools: [
        pool('a', ['10.0.0.0/24'], {
          serviceAllocation: {
            serviceSelectors: [
              {
                matchExpressions: [
                  { key: 'k', operator: 'Exists' },
                  { key: 'k', operator: 'Exists' },
                ],
              },
            ],
          },
        }),
      ],
    },
    errors: [
      {
        field: 'spec.serviceAllocation.serviceSelectors[0].matchExpressions[1]',
        msg: 'duplicate definition of match expressions',
      },
    ],
  },
  {
    name: 'refuses a negative priority',
    cfg: { ipAddressPools: [pool('a', ['10.0.0.0/24'], { serviceAllocation: { priority: -1 } })] },
    errors: [{ field: 'spec.serviceAllocation.priority', msg: 'non-negative' }],
  },
  {
    name: 'warns when namespace selectors match no namespace (pool only usable by explicit request)',
    cfg: {
      ipAddressPools: [
        pool('a', ['10.0.0.0/24'], {
          serviceAllocation: { namespaceSelectors: [{ matchLabels: { team: 'x' } }] },
        }),
      ],
      namespaces: [namespace('default', { team: 'y' })],
    },
    warnings: [{ field: 'spec.serviceAllocation.namespaceSelectors', msg: 'never assigned automatically' }],
  },
  {
    name: 'warns about a namespace name that can never match',
    cfg: { ipAddressPools: [pool('a', ['10.0.0.0/24'], { serviceAllocation: { namespaces: ['Team_A'] } })] },
    warnings: [{ field: 'spec.serviceAllocation.namespaces[0]', msg: 'not a valid namespace name' }],
  },
];

runCases('IPAddressPool address syntax', syntax);
runCases('IPAddressPool overlaps and duplicates', overlaps);
runCases('IPAddressPool serviceAllocation', serviceAllocation);
