// Config reload re-homing (upstream TestConfigReload), capacity (TestPoolCount) and in-use counting
// with change notifications (TestPoolMetrics).
import { expect } from 'vitest';
import type { IPAddressPool } from '../../../api/types';
import {
  allocate,
  assign,
  config,
  fails,
  holds,
  notified,
  ok,
  pool,
  release,
  scenario,
  step,
  svc,
  usage,
  type Step,
} from './scenario-runner';
import { allocatorMetrics, poolStatus } from './usage-report';

const v6 = (name: string) => svc(name, { fam: '6' });
const base = () => [pool('test', ['1.2.3.0/30', '1000::/126'])];

/** From the base config with s1 = 1.2.3.0 and s2 = 1000::, load `pools`; where do s1 and s2 live? */
function reload(pools: IPAddressPool[], s1Pool: string, s2Pool: string, fresh = true): Step[] {
  const start = fresh
    ? [
        config(base()),
        assign(svc('s1'), ['1.2.3.0'], ok('1.2.3.0')),
        assign(v6('s2'), ['1000::'], ok('1000::')),
      ]
    : [];
  return [
    ...start,
    config(pools),
    holds('default/s1', s1Pool ? ['1.2.3.0'] : undefined, s1Pool || undefined),
    holds('default/s2', s2Pool ? ['1000::'] : undefined, s2Pool || undefined),
  ];
}

scenario('config reload', [
  ...reload(base(), 'test', 'test'),
  ...reload([pool('test', ['1.2.3.0/24', '1000::/120'])], 'test', 'test', false), // expand
  ...reload(base(), 'test', 'test', false), // shrink back
  ...reload([pool('test', ['1.2.3.2/31', '1000::/126'])], '', 'test'),
  ...reload([pool('test', ['1.2.3.0/30', '1000::2/127'])], 'test', ''),
  ...reload([pool('test2', ['1.2.3.0/30', '1000::/126'])], 'test2', 'test2'), // rename
  ...reload(
    [pool('test', ['1.2.3.0/31', '1000::2/127']), pool('test2', ['1.2.3.2/31', '1000::/127'])],
    'test',
    'test2',
  ), // split
  ...reload(
    [
      pool('test', ['1.2.3.0/31', '1000::2/127'], { avoidBuggyIPs: true }),
      pool('test2', ['1.2.3.2/31', '1000::/127'], { avoidBuggyIPs: true }),
    ],
    '',
    'test2',
  ), // 1.2.3.0 is buggy now
  // a released IP is free for others, kept ones are not
  allocate(svc('s3'), ok('1.2.3.1', 'test')),
  allocate(v6('s4'), ok('1000::2', 'test')), // pools by name: test first
  allocate(v6('s5'), ok('1000::3', 'test')),
  allocate(v6('s6'), ok('1000::1', 'test2')),
  allocate(v6('s7'), fails('no IPv6 addresses left')),
]);

scenario('config reload keeps sharing and ports', [
  config([pool('p', ['10.0.0.0/30'])]),
  allocate(svc('a', { key: 'k', ports: 'tcp/80' }), ok('10.0.0.0')),
  allocate(svc('b', { key: 'k', ports: 'tcp/443' }), ok('10.0.0.0')),
  config([pool('q', ['10.0.0.0/29'])], { released: [] }),
  holds('default/a', ['10.0.0.0'], 'q'),
  holds('default/b', ['10.0.0.0'], 'q'),
  usage('q', { inUseIPv4: 1 }),
  assign(svc('c', { key: 'k', ports: 'tcp/80' }), ['10.0.0.0'], fails('port TCP/80')),
  allocate(svc('c', { key: 'k', ports: 'tcp/80' }), ok('10.0.0.1')),
  config([], { released: ['default/a', 'default/b', 'default/c'] }),
  allocate(svc('d'), fails('no available IPs')),
]);

scenario('capacity', [
  config([pool('g1', ['1.2.3.0/24'])]),
  usage('g1', { capacityIPv4: 256n, capacityIPv6: 0n }),
  config([pool('g2', ['1.2.3.0/24', '2.3.4.128/25'])]),
  usage('g2', { capacityIPv4: 384n }),
  config([pool('g2', ['1.2.3.0/24', '2.3.4.128/25'], { avoidBuggyIPs: true })]),
  usage('g2', { capacityIPv4: 381n }),
  config([pool('g3', ['1.2.3.0/24', '2.3.4.128/25', '1000::/64'], { avoidBuggyIPs: true })]),
  usage('g3', { capacityIPv4: 381n, capacityIPv6: 2n ** 64n }),
  step('g3 status and metrics saturate instead of overflowing', (ctx) => {
    const u = ctx.alloc.usage('g3')!;
    expect(poolStatus(u)).toEqual({
      assignedIPv4: 0,
      assignedIPv6: 0,
      availableIPv4: 381,
      availableIPv6: Number.MAX_SAFE_INTEGER,
    });
    expect(allocatorMetrics(u)).toMatchObject({
      addresses_total: Number.MAX_SAFE_INTEGER,
      ipv4_addresses_total: 381,
    });
  }),
  config([pool('g4', ['1.2.3.0/31', '1000::/127'], { avoidBuggyIPs: true })]),
  usage('g4', { capacityIPv4: 1n, capacityIPv6: 2n }),
  config([pool('g5', ['10.0.0.250-10.0.1.5'], { avoidBuggyIPs: true })]),
  usage('g5', { capacityIPv4: 10n }),
]);

const sharer = (name: string, port: string) => svc(name, { key: 'key', ports: port });

scenario('usage counting and notifications', [
  config([pool('test', ['1.2.3.4/30', '1000::4/126'])]),
  notified(['test']),
  usage('test', { capacityIPv4: 4n, capacityIPv6: 4n, inUseIPv4: 0, inUseIPv6: 0 }),
  step('metrics and status before use', (ctx) => {
    const u = ctx.alloc.usage('test')!;
    expect(allocatorMetrics(u)).toEqual({
      addresses_total: 8,
      ipv4_addresses_total: 4,
      ipv6_addresses_total: 4,
      addresses_in_use_total: 0,
      ipv4_addresses_in_use_total: 0,
      ipv6_addresses_in_use_total: 0,
    });
    expect(poolStatus(u)).toEqual({ assignedIPv4: 0, assignedIPv6: 0, availableIPv4: 4, availableIPv6: 4 });
  }),
  assign(sharer('s1', 'tcp/80'), ['1.2.3.4'], ok('1.2.3.4')),
  notified(['test']),
  assign(sharer('s2', 'tcp/443'), ['1.2.3.4'], ok('1.2.3.4')),
  assign(sharer('s3', 'tcp/23'), ['1.2.3.4'], ok('1.2.3.4')),
  assign(sharer('s3', 'tcp/23'), ['1.2.3.4'], ok('1.2.3.4')),
  notified([]), // a shared IP counts once: nothing changed
  usage('test', { inUseIPv4: 1, inUseIPv6: 0 }),
  release('default/s1'),
  release('default/s2'),
  usage('test', { inUseIPv4: 1 }),
  notified([]),
  release('default/s3'),
  usage('test', { inUseIPv4: 0 }),
  notified(['test']),
  allocate(svc('d1', { fam: '46' }), ok(['1.2.3.4', '1000::4'])),
  notified(['test']),
  usage('test', { inUseIPv4: 1, inUseIPv6: 1 }),
  step('status while in use', (ctx) => {
    expect(poolStatus(ctx.alloc.usage('test')!)).toEqual({
      assignedIPv4: 1,
      assignedIPv6: 1,
      availableIPv4: 3,
      availableIPv6: 3,
    });
  }),
  release('default/nobody', false),
  notified([]),
  config([], { released: ['default/d1'] }),
  usage('test', undefined),
  notified(['test']),
]);
