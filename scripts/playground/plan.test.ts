import { describe, expect, it } from 'vitest';
import { makePlan, namespacesOf, pidOfName, runPrefix } from './plan';

const DOC_V4 = /^(192\.0\.2|198\.51\.100|203\.0\.113)\./;
const DOC_V6 = /^2001:db8:/;

describe('makePlan', () => {
  const plan = makePlan({ prefix: 'mlbpg-42-ab', nodes: 3, l2: true, bgp: true, router: true });

  it('names one namespace per node, the switch, the router and the client, all with the prefix', () => {
    expect(namespacesOf(plan)).toEqual([
      'mlbpg-42-ab-switch',
      'mlbpg-42-ab-node-0',
      'mlbpg-42-ab-node-1',
      'mlbpg-42-ab-node-2',
      'mlbpg-42-ab-router',
      'mlbpg-42-ab-client',
    ]);
    expect(plan.nodes.map((n) => [n.name, n.ipv4, n.ipv6, n.interface])).toEqual([
      ['node-0', '192.0.2.11', '2001:db8::11', 'eth0'],
      ['node-1', '192.0.2.12', '2001:db8::12', 'eth0'],
      ['node-2', '192.0.2.13', '2001:db8::13', 'eth0'],
    ]);
  });

  it('uses documentation addresses only', () => {
    const v4 = [
      ...plan.nodes.map((n) => n.ipv4),
      plan.router!.ipv4,
      plan.router!.clientSideV4,
      plan.router!.farNetworks[0],
      plan.client.ipv4,
      ...plan.pools.map((p) => p.addresses[0]),
    ];
    const v6 = [
      ...plan.nodes.map((n) => n.ipv6),
      plan.router!.ipv6,
      plan.router!.clientSideV6,
      plan.router!.farNetworks[1],
      plan.client.ipv6,
      ...plan.pools.map((p) => p.addresses[1]),
    ];
    for (const a of v4) expect(a).toMatch(DOC_V4);
    for (const a of v6) expect(a).toMatch(DOC_V6);
  });

  it('puts the client behind the router, or on the nodes’ segment without one', () => {
    expect(plan.client).toMatchObject({ ipv4: '198.51.100.10', behindRouter: true });
    const flat = makePlan({ prefix: 'p', nodes: 1, l2: true, bgp: false, router: false });
    expect(flat.router).toBeUndefined();
    expect(flat.client).toMatchObject({ ipv4: '192.0.2.100', ipv6: '2001:db8::100', behindRouter: false });
    expect(namespacesOf(flat)).toEqual(['p-switch', 'p-node-0', 'p-client']);
  });

  it('has an L2 pool inside the nodes’ segment and a BGP pool outside it, as asked', () => {
    expect(plan.pools).toEqual([
      { name: 'l2-pool', mode: 'l2', addresses: ['192.0.2.208/28', '2001:db8::200/124'] },
      { name: 'bgp-pool', mode: 'bgp', addresses: ['203.0.113.16/28', '2001:db8:2::10/124'] },
    ]);
    expect(
      makePlan({ prefix: 'p', nodes: 1, l2: false, bgp: true, router: true }).pools.map((p) => p.mode),
    ).toEqual(['bgp']);
  });

  it('keeps node addresses below the L2 pool for the most nodes allowed', () => {
    const big = makePlan({ prefix: 'p', nodes: 50, l2: true, bgp: false, router: true });
    expect(big.nodes.at(-1)).toMatchObject({ ipv4: '192.0.2.60', ipv6: '2001:db8::60' });
  });
});

describe('run names', () => {
  it('carry the pid of their run', () => {
    expect(pidOfName(`${runPrefix(1234, 'beef')}-node-0`)).toBe(1234);
    expect(pidOfName('mlbts-1234-beef-node-0')).toBeUndefined();
    expect(pidOfName('other')).toBeUndefined();
  });
});
