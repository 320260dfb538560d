// Service-level behaviour (upstream TestControllerMutation and friends): each case converges one
// Service against a fresh allocator holding the controller-test pools; then multi-step scenarios
// (delete recycles, re-homing after a pool deletion, restart stability, PreferDualStack upgrade).
import { describe, expect, it } from 'vitest';
import type { IPAddressPool } from '../../../api/types';
import { Allocator } from './allocator';
import { convergeService, forgetService, type ConvergeResult } from './converge';
import { poolsFromConfig } from './pools-from-config';
import { pool } from './scenario-runner';
import { isOurLoadBalancerClass } from '../../../api/load-balancer-class';
import { ANNOTATION_ALLOCATED_FROM_POOL, type ServiceInput } from './service-request';

interface Svc {
  name?: string;
  ns?: string;
  type?: string;
  clusterIPs?: string[];
  policy?: string;
  ann?: Record<string, string>;
  lbIP?: string;
  ingress?: { ip?: string; hostname?: string }[];
  labels?: Record<string, string>;
  etp?: string;
  selector?: Record<string, string>;
  ports?: { port: number; protocol?: string }[];
}

function service(o: Svc = {}): ServiceInput {
  return {
    metadata: { name: o.name ?? 'test', namespace: o.ns ?? 'default', labels: o.labels, annotations: o.ann },
    spec: {
      type: o.type ?? 'LoadBalancer',
      clusterIPs: o.clusterIPs ?? ['1.2.3.4'],
      ipFamilyPolicy: o.policy,
      loadBalancerIP: o.lbIP,
      externalTrafficPolicy: o.etp,
      selector: o.selector,
      ports: o.ports ?? [{ port: 80, protocol: 'TCP' }],
    },
    status: { loadBalancer: { ingress: o.ingress } },
  };
}

/** The Service as the reconciler would write it back. */
function applied(svc: ServiceInput, r: ConvergeResult): ServiceInput {
  const annotations = { ...svc.metadata?.annotations };
  if (r.pool) annotations[ANNOTATION_ALLOCATED_FROM_POOL] = r.pool;
  else delete annotations[ANNOTATION_ALLOCATED_FROM_POOL];
  return {
    ...svc,
    metadata: { ...svc.metadata, annotations },
    status: { loadBalancer: { ingress: r.ingressIPs.map((ip) => ({ ip })) } },
  };
}

const sa = (priority: number, namespaces?: string[], team?: boolean) => ({
  serviceAllocation: {
    priority,
    ...(namespaces ? { namespaces } : {}),
    ...(team ? { serviceSelectors: [{ matchLabels: { team: 'metallb' } }] } : {}),
  },
});

// pool5 overlaps pool1 and pool3, as in upstream's table (built without validation).
const controllerPools = [
  pool('pool1', ['1.2.3.0/31']),
  pool('pool2', ['3.4.5.6/32'], { autoAssign: false }),
  pool('pool3', ['1000::/127']),
  pool('pool4', ['2000::1/128'], { autoAssign: false }),
  pool('pool5', ['1.2.3.0/31', '1000::/127']),
  pool('pool6', ['7.8.9.0/31'], sa(10, ['test-ns1'])),
  pool('pool7', ['10.11.12.0/31'], sa(11, ['test-ns1'])),
  pool('pool8', ['13.14.15.0/31'], sa(9, undefined, true)),
  pool('pool9', ['16.17.18.0/31'], sa(0, ['test-ns2'])),
  pool('pool10', ['19.20.21.0/31'], sa(8, undefined, true)),
  pool('pool11', ['22.23.24.0/31'], sa(8, ['test-ns1'], true)),
  pool('pool12', ['25.26.27.0/31'], sa(5, ['test-ns1'], true)),
];

function allocatorWith(pools: IPAddressPool[]): Allocator {
  const a = new Allocator();
  a.setPools(poolsFromConfig(pools, []).pools);
  return a;
}

interface Case {
  name: string;
  svc: Svc;
  ingress: string[];
  pool?: string;
  /** Event reasons in order; Warnings prefixed "!". */
  events?: string[];
  message?: string | RegExp;
  changed?: boolean;
}

const dual = ['1.2.3.4', '3000::1'];
const v4only = ['1.2.3.4'];
const lbIPs = (v: string) => ({ 'metallb.io/loadBalancerIPs': v });
const addrPool = (v: string) => ({ 'metallb.io/address-pool': v });
const allocated = ['IPAllocated'];

const cases: Case[] = [
  { name: 'ClusterIP service', svc: { type: 'ClusterIP' }, ingress: [], events: [], changed: false },
  { name: 'simple LoadBalancer', svc: {}, ingress: ['1.2.3.0'], pool: 'pool1', events: allocated },
  { name: 'spec.loadBalancerIP', svc: { lbIP: '1.2.3.1' }, ingress: ['1.2.3.1'], events: allocated },
  { name: 'loadBalancerIPs annotation', svc: { ann: lbIPs('1.2.3.1') }, ingress: ['1.2.3.1'] },
  {
    name: 'annotation and spec.loadBalancerIP',
    svc: { ann: lbIPs('1.2.3.1'), lbIP: '1.2.3.2' },
    ingress: [],
    events: ['!LoadBalancerFailed'],
    message: 'service can not have both metallb.io/loadBalancerIPs and spec.loadBalancerIP',
  },
  {
    name: 'garbage spec.loadBalancerIP',
    svc: { lbIP: 'please sir, I want an IP' },
    ingress: [],
    events: ['!LoadBalancerFailed'],
    message: 'invalid spec.loadBalancerIP "please sir, I want an IP": not an IP address',
  },
  {
    name: 'garbage annotation value',
    svc: { ann: lbIPs('1.2.3.1,garbage') },
    ingress: [],
    events: ['!LoadBalancerFailed'],
    message: '"garbage" is not an IP address',
  },
  {
    name: 'requested IP outside the requested pool',
    svc: { ann: { ...lbIPs('1.2.3.1'), ...addrPool('pool2') } },
    ingress: [],
    events: ['!AllocationFailed'],
    message: 'not compatible with requested address pool "pool2"',
  },
  {
    name: 'two IPv4 requested',
    svc: { ann: lbIPs('1.2.3.1,1.2.3.2') },
    ingress: [],
    events: ['!LoadBalancerFailed'],
    message: 'expected one IP, or one IPv4 and one IPv6',
  },
  {
    name: 'requested IP in no pool clears the current one',
    svc: { lbIP: '1.2.3.4', ingress: [{ ip: '1.2.3.1' }] },
    ingress: [],
    events: ['!AllocationFailed'],
    message: 'IP 1.2.3.4 is not in any pool',
    changed: true,
  },
  { name: 'address-pool annotation', svc: { ann: addrPool('pool1') }, ingress: ['1.2.3.0'], pool: 'pool1' },
  {
    name: 'address-pool changed: moves, autoAssign=false is fine by name',
    svc: {
      ann: { ...addrPool('pool2'), [ANNOTATION_ALLOCATED_FROM_POOL]: 'pool1' },
      ingress: [{ ip: '1.2.3.0' }],
    },
    ingress: ['3.4.5.6'],
    pool: 'pool2',
  },
  {
    name: 'address-pool does not exist',
    svc: { ann: addrPool('does-not-exist') },
    ingress: [],
    events: ['!AllocationFailed'],
    message: 'pool "does-not-exist" does not exist',
  },
  {
    name: 'current IP in no pool: reallocated without a warning',
    svc: { ingress: [{ ip: '2.3.4.5' }] },
    ingress: ['1.2.3.0'],
    events: ['ClearAssignment', 'IPAllocated'],
  },
  {
    name: 'hostname-only ingress entries are ignored',
    svc: { ingress: [{ hostname: 'foo' }, { ip: '10.10.10.10' }] },
    ingress: ['1.2.3.0'],
  },
  {
    name: 'no longer a LoadBalancer',
    svc: { type: 'NodePort', ingress: [{ ip: '1.2.3.0' }] },
    ingress: [],
    events: [],
    changed: true,
  },
  {
    name: 'explicit IP of a manual pool, ETP Cluster',
    svc: { lbIP: '3.4.5.6' },
    ingress: ['3.4.5.6'],
    pool: 'pool2',
  },
  {
    name: 'explicit IP of a manual pool, ETP Local',
    svc: { lbIP: '3.4.5.6', etp: 'Local', selector: { app: 'x' } },
    ingress: ['3.4.5.6'],
  },
  { name: 'no clusterIPs yet', svc: { clusterIPs: [] }, ingress: [], events: [], changed: false },
  {
    name: 'IPv6 service, IPv4 requested',
    svc: { clusterIPs: ['3000::1'], lbIP: '1.2.3.1' },
    ingress: [],
    events: ['!AllocationFailed'],
    message: 'does not match the ipFamily of the service',
  },
  {
    name: 'IPv4 service, IPv6 requested',
    svc: { lbIP: '1000::' },
    ingress: [],
    events: ['!AllocationFailed'],
    message: 'does not match the ipFamily',
  },
  { name: 'IPv4 service with an IPv6 status', svc: { ingress: [{ ip: '1000::' }] }, ingress: ['1.2.3.0'] },
  {
    name: 'IPv6 service with an IPv4 status',
    svc: { clusterIPs: ['3000::1'], ingress: [{ ip: '1.2.3.0' }] },
    ingress: ['1000::'],
    pool: 'pool3',
  },
  {
    name: 'RequireDualStack',
    svc: { policy: 'RequireDualStack', clusterIPs: dual },
    ingress: ['1.2.3.0', '1000::'],
    pool: 'pool5',
  },
  {
    name: 'RequireDualStack from a named pool',
    svc: { policy: 'RequireDualStack', clusterIPs: dual, ann: addrPool('pool5') },
    ingress: ['1.2.3.0', '1000::'],
    pool: 'pool5',
  },
  {
    name: 'PreferDualStack',
    svc: { policy: 'PreferDualStack', clusterIPs: dual },
    ingress: ['1.2.3.0', '1000::'],
  },
  {
    name: 'PreferDualStack, single-stack clusterIPs, namespace pool',
    svc: { policy: 'PreferDualStack', ns: 'test-ns1' },
    ingress: ['7.8.9.0'],
    pool: 'pool6',
  },
  {
    name: 'PreferDualStack from an IPv4 pool',
    svc: { policy: 'PreferDualStack', clusterIPs: dual, ann: addrPool('pool1') },
    ingress: ['1.2.3.0'],
  },
  {
    name: 'PreferDualStack from an IPv6 pool',
    svc: { policy: 'PreferDualStack', clusterIPs: ['1000::1'], ann: addrPool('pool3') },
    ingress: ['1000::'],
  },
  {
    name: 'PreferDualStack, IPv4 clusterIP, dual pool',
    svc: { policy: 'PreferDualStack', ann: addrPool('pool5') },
    ingress: ['1.2.3.0'],
    pool: 'pool5',
  },
  {
    name: 'RequireDualStack with one clusterIP',
    svc: { policy: 'RequireDualStack', clusterIPs: v4only, ann: addrPool('pool5') },
    ingress: [],
    events: ['!not enough clusterips'],
  },
  {
    name: 'dual-stack service, one IP requested by spec',
    svc: { policy: 'RequireDualStack', clusterIPs: dual, lbIP: '1.2.3.1' },
    ingress: [],
    events: ['!AllocationFailed'],
  },
  {
    name: 'dual-stack service, one IP requested by annotation',
    svc: { policy: 'RequireDualStack', clusterIPs: dual, ann: lbIPs('1.2.3.1') },
    ingress: [],
    events: ['!AllocationFailed'],
  },
  {
    name: 'dual-stack service, both IPs requested',
    svc: { policy: 'RequireDualStack', clusterIPs: dual, ann: lbIPs('1.2.3.0, 1000::') },
    ingress: ['1.2.3.0', '1000::'],
    pool: 'pool5',
  },
  {
    name: 'dual-stack service with a single-family status',
    svc: {
      policy: 'RequireDualStack',
      clusterIPs: ['3000::1', '5.6.7.8'],
      ingress: [{ hostname: 'foo' }, { ip: '1000::' }],
    },
    ingress: ['1.2.3.0', '1000::'],
  },
  {
    name: 'single-stack service, two IPs requested',
    svc: { ann: lbIPs('1.2.3.0,1000::') },
    ingress: [],
    events: ['!AllocationFailed'],
    message: 'does not match the ipFamily',
  },
  { name: 'namespace pools by priority', svc: { ns: 'test-ns1' }, ingress: ['7.8.9.0'], pool: 'pool6' },
  {
    name: 'namespace pool without priority',
    svc: { ns: 'test-ns2' },
    ingress: ['16.17.18.0'],
    pool: 'pool9',
  },
  {
    name: 'selector pools by priority',
    svc: { labels: { team: 'metallb' } },
    ingress: ['19.20.21.0'],
    pool: 'pool10',
  },
  {
    name: 'namespace AND selector pools by priority',
    svc: { ns: 'test-ns1', labels: { team: 'metallb' } },
    ingress: ['25.26.27.0'],
    pool: 'pool12',
  },
  {
    name: 'three IPs in status',
    svc: { ingress: [{ ip: '1.2.3.0' }, { ip: '1.2.3.1' }, { ip: '1000::' }] },
    ingress: ['1.2.3.0'],
    events: ['!nolbIPsIPFamily', 'IPAllocated'],
  },
  {
    name: 'deprecated annotation still works, with a warning',
    svc: { ann: { 'metallb.universe.tf/address-pool': 'pool2' } },
    ingress: ['3.4.5.6'],
    events: ['IPAllocated', '!deprecatedAnnotation'],
  },
  {
    name: 'stable annotation wins over the deprecated one',
    svc: { ann: { 'metallb.universe.tf/loadBalancerIPs': '1.2.3.1', ...lbIPs('1.2.3.0') } },
    ingress: ['1.2.3.0'],
  },
  {
    name: 'unchanged Service: no event',
    svc: { ingress: [{ ip: '1.2.3.1' }], ann: { [ANNOTATION_ALLOCATED_FROM_POOL]: 'pool1' } },
    ingress: ['1.2.3.1'],
    events: [],
    changed: false,
  },
];

describe('convergeService (controller table)', () => {
  it.each(cases)('$name', (c) => {
    const r = convergeService(allocatorWith(controllerPools), service(c.svc));
    expect(r.ingressIPs).toEqual(c.ingress);
    if (c.pool) expect(r.pool).toBe(c.pool);
    if (c.ingress.length === 0) expect(r.pool).toBeUndefined();
    if (c.events) expect(r.events.map((e) => (e.type === 'Warning' ? '!' : '') + e.reason)).toEqual(c.events);
    if (c.message) expect(r.events.map((e) => e.message).join('\n')).toMatch(c.message);
    expect(r.changed).toBe(c.changed ?? c.ingress.length > 0);
  });

  it('is a pure function of the input: every order of the cases gives the same answers', () => {
    const once = cases.map((c) => convergeService(allocatorWith(controllerPools), service(c.svc)).ingressIPs);
    const again = [...cases.keys()]
      .reverse()
      .map(
        (i) =>
          [i, convergeService(allocatorWith(controllerPools), service(cases[i]!.svc)).ingressIPs] as const,
      );
    for (const [i, ips] of again) expect(ips).toEqual(once[i]);
  });
});

describe('service scenarios', () => {
  it('deleting a Service recycles its IP', () => {
    const a = allocatorWith([pool('p', ['1.2.3.0/32'])]);
    const s1 = convergeService(a, service({ name: 's1' }));
    expect(s1.ingressIPs).toEqual(['1.2.3.0']);
    const s2 = convergeService(a, service({ name: 's2' }));
    expect(s2).toMatchObject({ ingressIPs: [], retry: true });
    expect(s2.events[0]).toMatchObject({ type: 'Warning', reason: 'AllocationFailed' });
    expect(forgetService(a, 'default/s1')).toEqual({ reprocessAll: true });
    expect(forgetService(a, 'default/s1')).toEqual({ reprocessAll: false });
    expect(convergeService(a, service({ name: 's2' })).ingressIPs).toEqual(['1.2.3.0']);
  });

  it('a type change frees the IP and asks for a reprocess', () => {
    const a = allocatorWith([pool('p', ['1.2.3.0/32'])]);
    const s1 = applied(service({ name: 's1' }), convergeService(a, service({ name: 's1' })));
    const r = convergeService(a, { ...s1, spec: { ...s1.spec, type: 'ClusterIP' } });
    expect(r).toMatchObject({ ingressIPs: [], pool: undefined, changed: true, reprocessAll: true });
    expect(convergeService(a, service({ name: 's2' })).ingressIPs).toEqual(['1.2.3.0']);
  });

  it('a deleted pool re-homes its Services; an added pool moves nothing', () => {
    const a = allocatorWith([pool('a', ['1.2.3.0/32']), pool('b', ['4.5.6.0/24'])]);
    let s = service();
    s = applied(s, convergeService(a, s));
    expect(s.status?.loadBalancer?.ingress).toEqual([{ ip: '1.2.3.0' }]);
    expect(a.setPools(poolsFromConfig([pool('b', ['4.5.6.0/24'])], []).pools)).toEqual(['default/test']);
    const r = convergeService(a, s);
    expect(r).toMatchObject({ ingressIPs: ['4.5.6.0'], pool: 'b', changed: true });
    expect(r.events.map((e) => e.reason)).toEqual(['ClearAssignment', 'IPAllocated']);
    s = applied(s, r);
    expect(
      a.setPools(poolsFromConfig([pool('b', ['4.5.6.0/24']), pool('a', ['1.2.3.0/32'])], []).pools),
    ).toEqual([]);
    expect(convergeService(a, s)).toMatchObject({ ingressIPs: ['4.5.6.0'], changed: false, events: [] });
  });

  it('a restarted controller keeps every IP when it converges assigned Services first', () => {
    const pools = [pool('p', ['10.0.0.0/24'])];
    const first = allocatorWith(pools);
    const svcs = Array.from({ length: 50 }, (_, i) => service({ name: `s${i}` }));
    const done = svcs.map((s) => applied(s, convergeService(first, s)));
    first.release('default/s7'); // a hole, so a fresh allocator would hand out differently
    const restarted = allocatorWith(pools);
    for (const [i, s] of done.entries()) {
      if (i === 7) continue;
      expect(convergeService(restarted, s)).toMatchObject({ changed: false, events: [] });
    }
    expect(convergeService(restarted, service({ name: 'new' })).ingressIPs).toEqual(['10.0.0.7']);
  });

  it('PreferDualStack gets its second IP once the pool has both families', () => {
    const svc = service({ policy: 'PreferDualStack', clusterIPs: dual });
    const a = allocatorWith([pool('p', ['10.0.0.0/30'])]);
    let s = applied(svc, convergeService(a, svc));
    expect(s.status?.loadBalancer?.ingress).toEqual([{ ip: '10.0.0.0' }]);
    a.setPools(poolsFromConfig([pool('p', ['10.0.0.0/30', 'fd00::/126'])], []).pools);
    const r = convergeService(a, s);
    expect(r).toMatchObject({ ingressIPs: ['10.0.0.0', 'fd00::'], changed: true });
    expect(r.events).toEqual([
      { type: 'Normal', reason: 'IPAllocated', message: 'Assigned additional IP "fd00::"' },
    ]);
    s = applied(s, r);
    expect(convergeService(a, s)).toMatchObject({ changed: false, events: [] });
  });

  it('sharing by annotation follows ports and externalTrafficPolicy', () => {
    const a = allocatorWith([pool('p', ['10.0.0.0/30'])]);
    const share = (name: string, port: number, extra: Svc = {}) =>
      service({
        name,
        ports: [{ port }],
        ...extra,
        ann: { 'metallb.io/allow-shared-ip': 'k', ...lbIPs('10.0.0.1'), ...extra.ann },
      });
    expect(convergeService(a, share('a', 80)).ingressIPs).toEqual(['10.0.0.1']);
    expect(convergeService(a, share('b', 443)).ingressIPs).toEqual(['10.0.0.1']);
    expect(convergeService(a, share('c', 80)).events[0]?.message).toMatch('port TCP/80 on IP 10.0.0.1');
    const local = { etp: 'Local', selector: { app: 'x' } };
    expect(convergeService(a, share('d', 8080, local)).events[0]?.message).toMatch('different backends');
    const l2 = allocatorWith([pool('p', ['10.0.0.0/30'])]);
    expect(convergeService(l2, share('e', 1, local)).ingressIPs).toEqual(['10.0.0.1']);
    expect(convergeService(l2, share('f', 2, local)).ingressIPs).toEqual(['10.0.0.1']);
    const other = { etp: 'Local', selector: { app: 'y' } };
    expect(convergeService(l2, share('g', 3, other)).events[0]?.reason).toBe('AllocationFailed');
  });

  it('a changed sharing key asks for a reprocess', () => {
    const a = allocatorWith([pool('p', ['10.0.0.0/30'])]);
    const s = service({ ann: { 'metallb.io/allow-shared-ip': 'k1' } });
    const done = applied(s, convergeService(a, s));
    const rekeyed = {
      ...done,
      metadata: {
        ...done.metadata,
        annotations: { ...done.metadata?.annotations, 'metallb.io/allow-shared-ip': 'k2' },
      },
    };
    expect(convergeService(a, rekeyed)).toMatchObject({ ingressIPs: ['10.0.0.0'], reprocessAll: true });
  });

  it('no pools: status cleared, retry later', () => {
    const a = new Allocator();
    expect(convergeService(a, service({ ingress: [{ ip: '1.2.3.0' }] }))).toMatchObject({
      ingressIPs: [],
      changed: true,
      retry: true,
    });
    expect(convergeService(a, service())).toMatchObject({ ingressIPs: [], changed: false, retry: true });
  });
});

describe('isOurLoadBalancerClass', () => {
  const withClass = (cls?: string): ServiceInput => ({ spec: { loadBalancerClass: cls } });
  it.each([
    [undefined, undefined, true],
    ['metallb', undefined, false],
    [undefined, 'metallb', false],
    ['metallb', 'metallb', true],
    ['other', 'metallb', false],
  ])('class %s, ours %s -> %s', (cls, ours, want) => {
    expect(isOurLoadBalancerClass(withClass(cls), ours)).toBe(want);
  });
});
