import { describe, expect, it } from 'vitest';
import { poolAllowsService, poolPinnedFor } from './pool';
import { poolsFromConfig } from './pools-from-config';
import { pool } from './scenario-runner';

describe('poolsFromConfig', () => {
  it('parses, sorts by name and applies defaults', () => {
    const { pools, errors } = poolsFromConfig(
      [pool('b', ['10.0.0.0/24']), pool('a', ['10.1.0.1-10.1.0.9', 'fd00::/120'], { autoAssign: false })],
      [],
    );
    expect(errors).toEqual([]);
    expect(pools.map((p) => [p.name, p.autoAssign, p.avoidBuggyIPs, p.ranges.length])).toEqual([
      ['a', false, false, 2],
      ['b', true, false, 1],
    ]);
    expect(pools[0]!.serviceAllocation).toBeUndefined();
  });

  it.each([
    [[pool('a', ['1.2.3.0/33'])], 'invalid CIDR "1.2.3.0/33" in pool "a"'],
    [[pool('a', ['1.2.3.4'])], 'invalid CIDR "1.2.3.4" in pool "a"'],
    [[pool('a', ['1.2.3.9-1.2.3.1'])], 'start IP "1.2.3.9" is after the end IP "1.2.3.1"'],
    [[pool('a', [])], 'pool "a" has no addresses defined'],
    [[pool('a', ['1.2.3.0/24']), pool('a', ['1.2.4.0/24'])], 'duplicate definition of pool "a"'],
    [
      [pool('a', ['1.2.3.0/24']), pool('b', ['1.2.3.128/25'])],
      'CIDR "1.2.3.128/25" in pool "b" overlaps with already defined CIDR "1.2.3.0/24"',
    ],
    [
      [pool('a', ['1.2.3.0/24', '1.2.3.250-1.2.4.3'])],
      'CIDR "1.2.3.250/31" in pool "a" overlaps with already defined CIDR "1.2.3.0/24"',
    ],
    [[pool('a', ['fd00::/64']), pool('z', ['fd00::1:0:0/96'])], 'in pool "z" overlaps'],
    [
      [pool('a', ['1.2.3.0/24'], { serviceAllocation: { namespaces: ['x', 'x'] } })],
      'duplicate definition in namespaces "x"',
    ],
    [
      [
        pool('a', ['1.2.3.0/24'], {
          serviceAllocation: { serviceSelectors: [{ matchExpressions: [{ key: 'k', operator: 'In' }] }] },
        }),
      ],
      'values must be non-empty for operator In',
    ],
  ])('reports %#', (crs, message) => {
    expect(poolsFromConfig(crs, []).errors.join('\n')).toContain(message);
  });

  it('does not flag adjacent ranges or different families', () => {
    const crs = [pool('a', ['1.2.3.0/25', '1.2.3.128-1.2.3.255']), pool('b', ['::1.2.3.0/120'])];
    expect(poolsFromConfig(crs, []).errors).toEqual([]);
  });

  it('resolves namespaceSelectors and handles the serviceAllocation shapes', () => {
    const ns = [
      { metadata: { name: 'prod-1', labels: { env: 'prod' } } },
      { metadata: { name: 'dev-1', labels: { env: 'dev' } } },
    ];
    const { pools } = poolsFromConfig(
      [
        pool('byselector', ['10.0.0.0/24'], {
          serviceAllocation: {
            namespaces: ['extra'],
            namespaceSelectors: [{ matchLabels: { env: 'prod' } }],
          },
        }),
        pool('prio', ['10.0.1.0/24'], { serviceAllocation: { priority: 3 } }),
        pool('nomatch', ['10.0.2.0/24'], {
          serviceAllocation: { namespaceSelectors: [{ matchLabels: { env: 'none' } }] },
        }),
        pool('both', ['10.0.3.0/24'], {
          serviceAllocation: { namespaces: ['dev-1'], serviceSelectors: [{ matchLabels: { app: 'web' } }] },
        }),
      ],
      ns,
    );
    const [both, byselector, nomatch, prio] = pools;
    expect([...byselector!.serviceAllocation!.namespaces].sort()).toEqual(['extra', 'prod-1']);
    expect(poolPinnedFor(byselector!, 'prod-1')).toBe(true);
    expect(poolPinnedFor(byselector!, 'dev-1')).toBe(false);
    // priority only: everything matches and it is pinned for everyone
    expect(poolPinnedFor(prio!, 'anything')).toBe(true);
    expect(poolAllowsService(prio!, 'anything', {})).toBe(true);
    // a selector matching no namespace: allowed for all, pinned for none
    expect(poolAllowsService(nomatch!, 'anything', {})).toBe(true);
    expect(poolPinnedFor(nomatch!, 'anything')).toBe(false);
    // namespace AND service selector
    expect(poolAllowsService(both!, 'dev-1', { app: 'web' })).toBe(true);
    expect(poolAllowsService(both!, 'dev-1', { app: 'db' })).toBe(false);
    expect(poolAllowsService(both!, 'prod-1', { app: 'web' })).toBe(false);
  });
});
