import { describe, expect, it } from 'vitest';
import { routesFor } from './advertisement';
import { formatCommunity, formatLargeCommunity, parseCommunity, parseLargeCommunity } from './communities';

describe('routesFor', () => {
  it.each([
    ['IPv4 default /32', { ip: '192.0.2.10' }, '192.0.2.10/32'],
    ['IPv4 aggregated /24', { ip: '192.0.2.10', aggregationLength: 24 }, '192.0.2.0/24'],
    ['IPv4 aggregated /1', { ip: '192.0.2.10', aggregationLength: 1 }, '128.0.0.0/1'],
    ['IPv6 default /128', { ip: '2001:DB8::10' }, '2001:db8::10/128'],
    ['IPv6 aggregated /64', { ip: '2001:db8::10', aggregationLengthV6: 64 }, '2001:db8::/64'],
    ['IPv6 ignores the IPv4 length', { ip: '2001:db8::10', aggregationLength: 24 }, '2001:db8::10/128'],
  ])('%s', (_n, spec, prefix) => {
    expect(routesFor([spec]).routes.map((r) => r.prefix)).toEqual([prefix]);
  });

  it('merges duplicate prefixes with the union of their communities', () => {
    const r = routesFor([
      { ip: '192.0.2.10', aggregationLength: 24, communities: ['65000:2', 'large:1:2:3'] },
      {
        ip: '192.0.2.11',
        aggregationLength: 24,
        communities: ['65000:1', '65000:2', '1:2:3', '4294967295:0:1'],
        localPref: 50,
      },
    ]);
    expect(r.errors).toEqual([]);
    expect(r.routes).toEqual([
      {
        prefix: '192.0.2.0/24',
        localPref: 50,
        communities: [parseCommunity('65000:1'), parseCommunity('65000:2')],
        largeCommunities: [
          { global: 1, local1: 2, local2: 3 },
          { global: 4294967295, local1: 0, local2: 1 },
        ],
      },
    ]);
  });

  it('sorts IPv4 before IPv6 and reports problems without failing the rest', () => {
    const r = routesFor([
      { ip: '2001:db8::1' },
      { ip: '10.0.0.1', localPref: 100 },
      { ip: '10.0.0.1', localPref: 200 },
      { ip: 'nope' },
      { ip: '10.0.0.2', aggregationLength: 33 },
      { ip: '10.0.0.3', communities: ['65536:1', 'x'] },
    ]);
    expect(r.routes.map((x) => x.prefix)).toEqual(['10.0.0.1/32', '10.0.0.3/32', '2001:db8::1/128']);
    expect(r.routes[0]?.localPref).toBe(100);
    expect(r.errors).toEqual([
      'conflicting LOCAL_PREF for 10.0.0.1/32: 100 and 200',
      'not an IP address: nope',
      'aggregation length 33 is invalid for 10.0.0.2',
      'invalid community 65536:1',
      'invalid community x',
    ]);
  });
});

describe('community text', () => {
  it.each([
    ['0:0', 0],
    ['65535:65535', 0xffffffff],
    ['65000:100', 0xfde80064],
  ])('%s', (text, value) => {
    expect(parseCommunity(text)).toBe(value);
    expect(formatCommunity(value)).toBe(text);
  });
  it.each(['', '1', '1:2:3', '65536:0', '-1:0', 'a:b', '1.5:2'])('rejects %j', (text) => {
    expect(parseCommunity(text)).toBeUndefined();
  });
  it('large communities', () => {
    expect(parseLargeCommunity('large:1:2:3')).toEqual({ global: 1, local1: 2, local2: 3 });
    expect(formatLargeCommunity({ global: 4294967295, local1: 0, local2: 7 })).toBe('4294967295:0:7');
    for (const bad of ['1:2', 'large:1:2', 'big:1:2:3', '4294967296:0:0', '1:2:3:4']) {
      expect(parseLargeCommunity(bad)).toBeUndefined();
    }
  });
});
