// Allocation from a named pool (upstream TestPoolAllocation): exhaustion and release, sharing,
// wrong family, RequireDualStack, PreferDualStack, unknown pool; autoAssign does not matter here.
import { config, fails, fromPool, ok, pool, release, scenario, svc, usage } from './scenario-runner';

const v6 = (name: string, o: Parameters<typeof svc>[1] = {}) => svc(name, { fam: '6', ...o });

scenario('allocation from a named pool', [
  config([
    pool('test', ['1.2.3.4/31', '1.2.3.10/31', '1000::/127', '2000::/127']),
    pool('test-v4', ['1.2.5.0/31']),
    pool('test-v6', ['4000::/127']),
    pool('test-dualstack', ['1.2.6.0/31', '3000::/127']),
    pool('manual', ['1.2.7.0/31'], { autoAssign: false }),
    pool('ns-only', ['1.2.8.0/31'], { serviceAllocation: { namespaces: ['team-a'] } }),
  ]),
  // IPv4 exhaustion and release
  fromPool(svc('s1'), 'test', ok('1.2.3.4', 'test')),
  fromPool(svc('s2'), 'test', ok('1.2.3.5')),
  fromPool(svc('s3'), 'test', ok('1.2.3.10')),
  fromPool(svc('s4'), 'test', ok('1.2.3.11')),
  fromPool(svc('s5'), 'test', fails('no available IPs in pool "test"')),
  fromPool(svc('s6'), 'test', fails('no available IPs in pool "test"')),
  fromPool(svc('s1'), 'test', ok('1.2.3.4')), // already allocated: same IP again
  release('default/s1'),
  fromPool(svc('s5'), 'test', ok('1.2.3.4')),
  fromPool(svc('s6'), 'test', fails('no available IPs')),
  // sharing
  release('default/s5'),
  fromPool(svc('s5', { key: 'share', ports: 'tcp/80' }), 'test', ok('1.2.3.4')),
  fromPool(svc('s6', { key: 'share', ports: 'tcp/443' }), 'test', ok('1.2.3.4')),
  fromPool(svc('s7', { key: 'share', ports: 'tcp/443' }), 'test', fails('no available IPs')),
  fromPool(svc('s7', { key: 'other', ports: 'tcp/22' }), 'test', fails('no available IPs')),
  usage('test', { inUseIPv4: 4, inUseIPv6: 0 }),
  // the IPv6 mirror
  fromPool(v6('t1'), 'test', ok('1000::')),
  fromPool(v6('t2'), 'test', ok('1000::1')),
  fromPool(v6('t3'), 'test', ok('2000::')),
  fromPool(v6('t4'), 'test', ok('2000::1')),
  fromPool(v6('t5'), 'test', fails('no available IPs in pool "test"')),
  release('default/t1'),
  fromPool(v6('t5'), 'test', ok('1000::')),
  fromPool(v6('t6'), 'test', fails('no available IPs')),
  release('default/t5'),
  fromPool(v6('t5', { key: 'share', ports: 'tcp/80' }), 'test', ok('1000::')),
  fromPool(v6('t6', { key: 'share', ports: 'tcp/443' }), 'test', ok('1000::')),
  usage('test', { inUseIPv4: 4, inUseIPv6: 4 }),
  // a Service keeps its family
  fromPool(v6('s2'), 'test', fails('IP for wrong family assigned: 1.2.3.5')),
  // RequireDualStack: one IP of each family from the pool
  ...['s2', 's3', 's4', 's5', 's6', 't2', 't3', 't4', 't5', 't6'].map((s) => release(`default/${s}`)),
  usage('test', { inUseIPv4: 0, inUseIPv6: 0 }),
  fromPool(svc('d1', { fam: '46' }), 'test', ok(['1.2.3.4', '1000::'])),
  fromPool(svc('d2', { fam: '64' }), 'test', ok(['1.2.3.5', '1000::1'])),
  fromPool(svc('d3', { fam: '46' }), 'test', ok(['1.2.3.10', '2000::'])),
  fromPool(svc('d4', { fam: '46' }), 'test', ok(['1.2.3.11', '2000::1'])),
  fromPool(svc('d5', { fam: '46' }), 'test', fails('no available IPs in pool "test" for IPv4')),
  fromPool(
    svc('d6', { fam: '46' }),
    'test-v4',
    fails('requested IP family IPv6 but pool "test-v4" has no IPv6 addresses'),
  ),
  // PreferDualStack takes what the pool has
  fromPool(svc('p1', { policy: 'PreferDualStack' }), 'test-v4', ok('1.2.5.0')),
  fromPool(svc('p2', { fam: '46', policy: 'PreferDualStack' }), 'test-dualstack', ok(['1.2.6.0', '3000::'])),
  fromPool(svc('p3', { fam: '46', policy: 'PreferDualStack' }), 'test-v4', ok('1.2.5.1')),
  fromPool(svc('p4', { fam: '64', policy: 'PreferDualStack' }), 'test-v6', ok('4000::')),
  fromPool(
    svc('p5', { fam: '46', policy: 'PreferDualStack' }),
    'test-v4',
    fails('no available IPs in pool "test-v4"'),
  ),
  // single stack and the pool's families
  fromPool(v6('x1'), 'test-v4', fails('requested IP family IPv6 but pool "test-v4" has no IPv6 addresses')),
  fromPool(svc('x1'), 'test-v6', fails('requested IP family IPv4 but pool "test-v6" has no IPv4 addresses')),
  // autoAssign is ignored for a named pool; serviceAllocation is not
  fromPool(svc('m1'), 'manual', ok('1.2.7.0', 'manual')),
  fromPool(svc('n1'), 'ns-only', fails('pool "ns-only" is not allowed for service default/n1')),
  fromPool(svc('n1', { ns: 'team-a' }), 'ns-only', ok('1.2.8.0', 'ns-only')),
  fromPool(svc('u1'), 'nonexistentpool', fails('pool "nonexistentpool" does not exist')),
]);
