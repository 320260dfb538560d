// Explicit assignment (upstream TestAssignment): exclusive ownership, buggy IPs, sharing rules,
// the IPv6 mirror, dual-stack from one pool, and pool compatibility (namespace AND selector).
import { assign, config, fails, holds, ok, pool, release, scenario, svc, usage } from './scenario-runner';

const shared = (name: string, ports: string, key: string, backend = 'backend') =>
  svc(name, { ports, key, backend });
const shared6 = (name: string, ports: string, key: string, backend = 'backend') =>
  svc(name, { fam: '6', ports, key, backend });

scenario('assignment', [
  config([
    pool('test', ['1.2.3.4/31', '1000::4/127']),
    pool('test2', ['1.2.4.0/24', '1000::4:0/120'], { avoidBuggyIPs: true }),
    pool('test3', ['1.2.5.0/24'], { avoidBuggyIPs: true, serviceAllocation: { namespaces: ['test-ns1'] } }),
    pool('test4', ['1.2.6.0/24'], {
      serviceAllocation: { serviceSelectors: [{ matchLabels: { team: 'metallb' } }] },
    }),
    pool('test5', ['1.2.7.0/24'], {
      serviceAllocation: {
        priority: 20,
        namespaces: ['test-ns1'],
        serviceSelectors: [{ matchLabels: { team: 'metallb' } }],
      },
    }),
    pool('test6', ['1.2.8.0/24'], {
      serviceAllocation: {
        priority: 20,
        namespaces: ['test-ns2'],
        serviceSelectors: [{ matchLabels: { foo: 'bar' } }],
      },
    }),
  ]),
  // exclusive ownership
  assign(svc('s1'), ['1.2.3.4'], ok('1.2.3.4', 'test')),
  assign(svc('s1'), ['1.2.3.4'], ok('1.2.3.4', 'test')),
  assign(svc('s2'), ['1.2.3.4'], fails('IP 1.2.3.4 is already in use by default/s1')),
  assign(svc('s2'), ['1.2.3.5'], ok('1.2.3.5')),
  assign(svc('s1'), ['1.2.3.5'], fails(/already in use by default\/s2/)),
  release('default/s1'),
  assign(svc('s2'), ['1.2.3.4'], ok('1.2.3.4')),
  assign(svc('s1'), ['1.2.3.5'], ok('1.2.3.5')),
  // buggy IPs
  assign(svc('s3'), ['1.2.4.0'], fails('pool "test2" avoids buggy IPs')),
  assign(svc('s3'), ['1.2.4.255'], fails('avoids buggy IPs')),
  assign(svc('s3'), ['1.2.4.254'], ok('1.2.4.254', 'test2')),
  // sharing
  assign(shared6('s4', 'tcp/80', 'sharing'), ['1.2.4.3'], ok('1.2.4.3')),
  assign(shared6('s4', 'tcp/80', 'share'), ['1.2.4.3'], ok('1.2.4.3')),
  assign(
    shared('s3', 'tcp/80', 'share'),
    ['1.2.4.3'],
    fails('port TCP/80 on IP 1.2.4.3 is already used by default/s4'),
  ),
  assign(
    shared('s3', 'tcp/443', 'othershare'),
    ['1.2.4.3'],
    fails('with sharing key "share", not "othershare"'),
  ),
  assign(shared6('s3', 'tcp/443', 'share', 'otherbackend'), ['1.2.4.3'], fails('different backends')),
  assign(shared6('s3', 'tcp/443', 'share'), ['1.2.4.3'], ok('1.2.4.3')),
  usage('test2', { inUseIPv4: 1 }),
  assign(shared6('s3', 'udp/53', 'share'), ['1.2.4.3'], ok('1.2.4.3')),
  assign(shared6('s3', 'udp/53', 'othershare'), ['1.2.4.3'], fails('not "othershare"')),
  assign(shared6('s4', 'tcp/80', 'share'), ['1.2.4.254'], ok('1.2.4.254')),
  assign(shared6('s3', 'udp/53', 'othershare'), ['1.2.4.3'], ok('1.2.4.3')),
  usage('test2', { inUseIPv4: 2 }),
  assign(svc('s5', { ports: 'tcp/53' }), ['1.2.4.3'], fails('default/s5 does not allow sharing')),
  // the IPv6 mirror
  release('default/s1'),
  release('default/s2'),
  release('default/s3'),
  release('default/s4'),
  assign(svc('s1', { fam: '6' }), ['1000::4'], ok('1000::4', 'test')),
  assign(svc('s1', { fam: '6' }), ['1000::4'], ok('1000::4')),
  assign(svc('s2', { fam: '6' }), ['1000::4'], fails('IP 1000::4 is already in use by default/s1')),
  assign(svc('s2', { fam: '6' }), ['1000::5'], ok('1000::5')),
  assign(svc('s1', { fam: '6' }), ['1000::5'], fails('already in use')),
  release('default/s1'),
  assign(svc('s2', { fam: '6' }), ['1000::4'], ok('1000::4')),
  assign(svc('s1', { fam: '6' }), ['1000::5'], ok('1000::5')),
  assign(svc('s3', { fam: '6' }), ['1000::4:0'], ok('1000::4:0', 'test2')), // no buggy IPs in IPv6
  assign(svc('s3', { fam: '6' }), ['1000::4:ff'], ok('1000::4:ff')),
  assign(shared6('s4', 'tcp/80', 'sharing'), ['1000::4:3'], ok('1000::4:3')),
  assign(shared6('s4', 'tcp/80', 'share'), ['1000::4:3'], ok('1000::4:3')),
  assign(shared6('s3', 'tcp/80', 'share'), ['1000::4:3'], fails('port TCP/80')),
  assign(shared6('s3', 'tcp/443', 'othershare'), ['1000::4:3'], fails('sharing key')),
  assign(shared6('s3', 'tcp/443', 'share', 'otherbackend'), ['1000::4:3'], fails('different backends')),
  assign(shared6('s3', 'tcp/443', 'share'), ['1000::4:3'], ok('1000::4:3')),
  assign(shared6('s3', 'udp/53', 'share'), ['1000::4:3'], ok('1000::4:3')),
  assign(shared6('s3', 'udp/53', 'othershare'), ['1000::4:3'], fails('sharing key')),
  usage('test2', { inUseIPv4: 0, inUseIPv6: 1 }),
  // dual-stack: both IPs from one pool
  release('default/s1'),
  release('default/s2'),
  release('default/s3'),
  release('default/s4'),
  assign(svc('s1', { fam: '46' }), ['1.2.3.4', '1000::4'], ok(['1.2.3.4', '1000::4'], 'test')),
  assign(svc('s1', { fam: '64' }), ['1000::4', '1.2.3.4'], ok(['1.2.3.4', '1000::4'], 'test')),
  assign(svc('s1', { fam: '46' }), ['1.2.4.5', '1000::4'], fails('are not in the same pool')),
  assign(svc('s1', { fam: '46' }), ['1.2.3.4', '1.2.3.5'], fails('are of the same family')),
  assign(svc('s1', { fam: '46' }), ['1.2.3.4', '1000::4', '1000::5'], fails('too many IPs')),
  holds('default/s1', ['1.2.3.4', '1000::4'], 'test'),
  assign(svc('s2', { fam: '46' }), ['1.2.3.5', '1000::4'], fails('IP 1000::4 is already in use')),
  holds('default/s2', undefined),
  // pool compatibility: namespaces, selectors, both (AND)
  assign(svc('s6', { ns: 'test-ns1' }), ['1.2.5.10'], ok('1.2.5.10', 'test3')),
  assign(svc('s6', { ns: 'other' }), ['1.2.5.11'], fails('pool "test3" is not allowed for service other/s6')),
  assign(svc('s7', { labels: { team: 'metallb' } }), ['1.2.6.10'], ok('1.2.6.10', 'test4')),
  assign(svc('s7', { labels: { team: 'red' } }), ['1.2.6.11'], fails('not allowed')),
  assign(svc('s8', { ns: 'test-ns1', labels: { team: 'metallb' } }), ['1.2.7.10'], ok('1.2.7.10', 'test5')),
  assign(svc('s8', { ns: 'test-ns1' }), ['1.2.7.11'], fails('not allowed')),
  assign(svc('s8', { labels: { team: 'metallb' } }), ['1.2.7.12'], fails('not allowed')),
  assign(svc('s9', { ns: 'test-ns2', labels: { team: 'metallb' } }), ['1.2.8.10'], fails('not allowed')),
  assign(svc('s9', { ns: 'other', labels: { foo: 'bar' } }), ['1.2.8.10'], fails('not allowed')),
  assign(svc('s9', { ns: 'test-ns2', labels: { foo: 'bar' } }), ['1.2.8.10'], ok('1.2.8.10', 'test6')),
  // bad input
  assign(svc('s10'), ['198.51.100.7'], fails('IP 198.51.100.7 is not in any pool')),
  assign(svc('s10'), ['please sir'], fails('invalid IP "please sir"')),
  holds('default/s10', undefined),
]);
