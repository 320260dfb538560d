// The controller on the real apiserver, one Service at a time: each annotation, pool selection
// (priorities, namespaces, namespace and service selectors), sharing, dual-stack, bad input, IP
// recycling, and what it reports (events, the JSON log line, pool status). Services carry the
// harness' loadBalancerClass, so other test files' Services never interfere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KUBE_KINDS, METALLB_KINDS, resourcePath } from '../../api/kinds';
import { waitFor } from '../../integration-tests/cluster/test-env';
import { allocatedPool, ControllerHarness, ingressIPs, type TestController } from './itest-harness';

const h = new ControllerHarness();
let c: TestController;
let app: string;

beforeAll(async () => {
  await h.setup();
  app = await h.namespace(`${h.ns}-app`);
  await h.pool('a-default', { addresses: ['192.0.2.0/27', '2001:db8::/120'] });
  await h.pool('manual', { addresses: ['198.51.100.0/28'], autoAssign: false });
  await h.pool('tiny', { addresses: ['198.51.100.64/32'], autoAssign: false });
  c = await h.startLeader();
  await waitFor('pools loaded', async () => !!c.allocator()?.poolConfig('tiny'));
});

afterAll(() => h.cleanup());

const ipAllocatedLines = () => c.lines.filter((l) => l.event === 'ipAllocated');

describe('allocation by annotation', () => {
  it('a plain LoadBalancer Service gets the first address of the fallback pool, an event and a log line', async () => {
    await h.service({ ns: app, name: 'plain' });
    expect(await h.ingress(app, 'plain')).toEqual(['192.0.2.0']);
    expect(allocatedPool(await h.getService(app, 'plain'))).toBe('a-default');
    const e = await h.event(app, 'plain', 'IPAllocated');
    expect(e).toMatchObject({ type: 'Normal', message: 'Assigned IP ["192.0.2.0"]' });
    const line = await waitFor('log line', async () =>
      ipAllocatedLines().find((l) => l.service === `${app}/plain`),
    );
    expect(line).toMatchObject({
      event: 'ipAllocated',
      ip: ['192.0.2.0'],
      msg: 'IP address assigned by controller',
      pool: 'a-default',
    });
  });

  it('metallb.io/loadBalancerIPs gives exactly that IP, even from an autoAssign=false pool', async () => {
    await h.service({
      ns: app,
      name: 'exact',
      annotations: { 'metallb.io/loadBalancerIPs': '198.51.100.5' },
    });
    expect(await h.ingress(app, 'exact')).toEqual(['198.51.100.5']);
    expect(allocatedPool(await h.getService(app, 'exact'))).toBe('manual');
  });

  it('the deprecated metallb.universe.tf/loadBalancerIPs works, with a deprecatedAnnotation warning', async () => {
    await h.service({
      ns: app,
      name: 'deprecated',
      annotations: { 'metallb.universe.tf/loadBalancerIPs': '192.0.2.20' },
    });
    expect(await h.ingress(app, 'deprecated')).toEqual(['192.0.2.20']);
    const e = await h.event(app, 'deprecated', 'deprecatedAnnotation');
    expect(e.type).toBe('Warning');
    expect(e.message).toContain('metallb.universe.tf/');
  });

  it('spec.loadBalancerIP gives exactly that IP', async () => {
    await h.service({ ns: app, name: 'spec-ip', loadBalancerIP: '192.0.2.21' });
    expect(await h.ingress(app, 'spec-ip')).toEqual(['192.0.2.21']);
  });

  it('metallb.io/address-pool allocates from that pool, autoAssign=false or not', async () => {
    await h.service({ ns: app, name: 'by-pool', annotations: { 'metallb.io/address-pool': 'manual' } });
    expect(await h.ingress(app, 'by-pool')).toEqual(['198.51.100.0']);
    expect(allocatedPool(await h.getService(app, 'by-pool'))).toBe('manual');
  });

  it('metallb.io/allow-shared-ip shares an IP between compatible Services only', async () => {
    const shared = (name: string, key: string, port: number) =>
      h.service({
        ns: app,
        name,
        ports: [{ port }],
        annotations: { 'metallb.io/allow-shared-ip': key, 'metallb.io/loadBalancerIPs': '192.0.2.30' },
      });
    await shared('share-a', 'k', 80);
    await shared('share-b', 'k', 443);
    expect(await h.ingress(app, 'share-a')).toEqual(['192.0.2.30']);
    expect(await h.ingress(app, 'share-b')).toEqual(['192.0.2.30']);
    await shared('share-port-clash', 'k', 80);
    const clash = await h.event(app, 'share-port-clash', 'AllocationFailed');
    expect(clash.type).toBe('Warning');
    expect(clash.message).toContain('port TCP/80 on IP 192.0.2.30');
    await shared('share-other-key', 'other', 8080);
    expect((await h.event(app, 'share-other-key', 'AllocationFailed')).message).toContain('sharing key "k"');
    expect(ingressIPs(await h.getService(app, 'share-port-clash'))).toEqual([]);
  });
});

describe('pool selection', () => {
  it('the prioritized pools of a namespace win, lowest priority value first', async () => {
    const ns = await h.namespace(`${h.ns}-prio`);
    await h.pool('prio-low', {
      addresses: ['203.0.113.0/29'],
      serviceAllocation: { priority: 10, namespaces: [ns] },
    });
    await h.pool('prio-high', {
      addresses: ['203.0.113.8/29'],
      serviceAllocation: { priority: 5, namespaces: [ns] },
    });
    await waitFor('pools loaded', async () => !!c.allocator()?.poolConfig('prio-high'));
    await h.service({ ns, name: 'prio' });
    expect(await h.ingress(ns, 'prio')).toEqual(['203.0.113.8']);
    expect(allocatedPool(await h.getService(ns, 'prio'))).toBe('prio-high');
  });

  it('namespaceSelectors follow Namespace labels', async () => {
    const label = { 'mlb-itest-team': h.ns };
    await h.pool('by-ns-label', {
      addresses: ['203.0.113.16/29'],
      serviceAllocation: { namespaceSelectors: [{ matchLabels: label }] },
    });
    const labelled = await h.namespace(`${h.ns}-team`, label);
    const resolved = (ns: string) => async () =>
      !!c.allocator()?.poolConfig('by-ns-label')?.serviceAllocation?.namespaces.has(ns);
    await waitFor('namespace selector resolved', resolved(labelled));
    await h.service({ ns: labelled, name: 'team' });
    expect(await h.ingress(labelled, 'team')).toEqual(['203.0.113.16']);

    // A namespace labelled later joins the pool for its next Services.
    const late = await h.namespace(`${h.ns}-late`);
    await h.service({ ns: late, name: 'before-label' });
    expect(allocatedPool(await waitForPool(late, 'before-label'))).toBe('a-default');
    await h.client.mergePatch(resourcePath(KUBE_KINDS.Namespace, { name: late }), {
      metadata: { labels: label },
    });
    await waitFor('late namespace resolved', resolved(late));
    await h.service({ ns: late, name: 'after-label' });
    expect(await h.ingress(late, 'after-label')).toEqual(['203.0.113.17']);
    expect(allocatedPool(await h.getService(late, 'before-label'))).toBe('a-default');
  });

  it('serviceSelectors pick Services by label', async () => {
    await h.pool('by-svc-label', {
      addresses: ['203.0.113.24/29'],
      serviceAllocation: { serviceSelectors: [{ matchLabels: { tier: 'gold' } }] },
    });
    await waitFor('pool loaded', async () => !!c.allocator()?.poolConfig('by-svc-label'));
    await h.service({ ns: app, name: 'gold', labels: { tier: 'gold' } });
    expect(await h.ingress(app, 'gold')).toEqual(['203.0.113.24']);
  });

  it('namespaces AND serviceSelectors must both match', async () => {
    const both = await h.namespace(`${h.ns}-both`);
    await h.pool('ns-and-label', {
      addresses: ['203.0.113.32/29'],
      serviceAllocation: {
        priority: 1,
        namespaces: [both],
        serviceSelectors: [{ matchLabels: { tier: 'silver' } }],
      },
    });
    await waitFor('pool loaded', async () => !!c.allocator()?.poolConfig('ns-and-label'));
    await h.service({ ns: both, name: 'silver', labels: { tier: 'silver' } });
    await h.service({ ns: both, name: 'unlabelled' });
    await h.service({ ns: app, name: 'silver-elsewhere', labels: { tier: 'silver' } });
    expect(await h.ingress(both, 'silver')).toEqual(['203.0.113.32']);
    expect(allocatedPool(await waitForPool(both, 'unlabelled'))).toBe('a-default');
    expect(allocatedPool(await waitForPool(app, 'silver-elsewhere'))).toBe('a-default');
  });
});

describe('dual-stack', () => {
  it('RequireDualStack gets one IP of each family from one pool, IPv4 first', async () => {
    await h.service({
      ns: app,
      name: 'dual',
      ipFamilyPolicy: 'RequireDualStack',
      ipFamilies: ['IPv4', 'IPv6'],
    });
    const ips = await h.ingress(app, 'dual');
    expect(ips).toHaveLength(2);
    expect(ips[0]).toMatch(/^192\.0\.2\.\d+$/);
    expect(ips[1]).toBe('2001:db8::');
    expect(allocatedPool(await h.getService(app, 'dual'))).toBe('a-default');
  });

  it('an IPv6-only Service gets an IPv6 address; PreferDualStack gets both', async () => {
    await h.service({ ns: app, name: 'v6', ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv6'] });
    expect(await h.ingress(app, 'v6')).toEqual(['2001:db8::1']);
    await h.service({
      ns: app,
      name: 'prefer',
      ipFamilyPolicy: 'PreferDualStack',
      ipFamilies: ['IPv6', 'IPv4'],
    });
    const ips = await h.ingress(app, 'prefer');
    expect(ips).toHaveLength(2);
    expect(ips[1]).toBe('2001:db8::2');
  });

  it('explicit dual-stack IPs by annotation', async () => {
    await h.service({
      ns: app,
      name: 'dual-exact',
      ipFamilyPolicy: 'RequireDualStack',
      ipFamilies: ['IPv4', 'IPv6'],
      annotations: { 'metallb.io/loadBalancerIPs': '2001:db8::25, 192.0.2.25' },
    });
    expect(await h.ingress(app, 'dual-exact')).toEqual(['192.0.2.25', '2001:db8::25']);
  });
});

describe('bad input', () => {
  const cases: [string, Parameters<ControllerHarness['service']>[0]['annotations'], string, string][] = [
    [
      'garbage-ips',
      { 'metallb.io/loadBalancerIPs': 'not-an-ip' },
      'LoadBalancerFailed',
      '"not-an-ip" is not an IP address',
    ],
    [
      'outside-pools',
      { 'metallb.io/loadBalancerIPs': '10.255.255.1' },
      'AllocationFailed',
      'IP 10.255.255.1 is not in any pool',
    ],
    [
      'wrong-family',
      { 'metallb.io/loadBalancerIPs': '2001:db8::99' },
      'AllocationFailed',
      'does not match the ipFamily of the service',
    ],
    [
      'same-family-pair',
      { 'metallb.io/loadBalancerIPs': '192.0.2.9,192.0.2.10' },
      'LoadBalancerFailed',
      'expected one IP, or one IPv4 and one IPv6',
    ],
    [
      'unknown-pool',
      { 'metallb.io/address-pool': 'does-not-exist' },
      'AllocationFailed',
      'pool "does-not-exist" does not exist',
    ],
  ];

  it.each(cases)('%s gives a Warning %s with a clear message', async (name, annotations, reason, text) => {
    await h.service({ ns: app, name, annotations });
    const e = await h.event(app, name, reason);
    expect(e.type).toBe('Warning');
    expect(e.message).toContain(text);
    expect(ingressIPs(await h.getService(app, name))).toEqual([]);
  });

  it('both spec.loadBalancerIP and the annotation is refused with a Warning', async () => {
    await h.service({
      ns: app,
      name: 'both-requests',
      loadBalancerIP: '192.0.2.11',
      annotations: { 'metallb.io/loadBalancerIPs': '192.0.2.12' },
    });
    const e = await h.event(app, 'both-requests', 'LoadBalancerFailed');
    expect(e).toMatchObject({ type: 'Warning' });
    expect(e.message).toContain('can not have both');
  });

  it('nothing else breaks: the next Service is allocated as usual', async () => {
    await h.service({ ns: app, name: 'after-bad' });
    expect(allocatedPool(await waitForPool(app, 'after-bad'))).toBe('a-default');
  });
});

describe('releasing IPs', () => {
  it('a type change away from LoadBalancer frees the IP for a waiting Service', async () => {
    const tiny = { 'metallb.io/address-pool': 'tiny' };
    await h.service({ ns: app, name: 'tiny-1', annotations: tiny });
    expect(await h.ingress(app, 'tiny-1')).toEqual(['198.51.100.64']);
    await h.service({ ns: app, name: 'tiny-2', annotations: tiny });
    expect((await h.event(app, 'tiny-2', 'AllocationFailed')).message).toContain(
      'no available IPs in pool "tiny"',
    );
    await h.patchService(app, 'tiny-1', { spec: { type: 'ClusterIP' } });
    expect(await h.ingress(app, 'tiny-2')).toEqual(['198.51.100.64']);
    const moved = await waitFor('annotation cleared', async () => {
      const s = await h.getService(app, 'tiny-1');
      return !allocatedPool(s) && s;
    });
    expect(ingressIPs(moved)).toEqual([]);
  });

  it('deleting a Service frees its IP for a waiting Service', async () => {
    await h.service({ ns: app, name: 'tiny-3', annotations: { 'metallb.io/address-pool': 'tiny' } });
    await h.event(app, 'tiny-3', 'AllocationFailed');
    await h.deleteService(app, 'tiny-2');
    expect(await h.ingress(app, 'tiny-3')).toEqual(['198.51.100.64']);
  });

  it('pool status counts distinct assigned IPs per family', async () => {
    await c.idle();
    const status = async (name: string) =>
      (
        await h.client.get<{ status?: Record<string, number> }>(
          resourcePath(METALLB_KINDS.IPAddressPool, { namespace: h.ns, name }),
        )
      ).status;
    await waitFor('tiny status', async () => (await status('tiny'))?.assignedIPv4 === 1);
    expect(await status('tiny')).toEqual({
      assignedIPv4: 1,
      assignedIPv6: 0,
      availableIPv4: 0,
      availableIPv6: 0,
    });
    // a-default: the shared 192.0.2.30 counts once.
    const v4 = new Set<string>();
    const v6 = new Set<string>();
    for (const ns of [app, `${h.ns}-late`, `${h.ns}-both`]) {
      for (const s of await h.listServices(ns)) {
        if (allocatedPool(s) !== 'a-default') continue;
        for (const ip of ingressIPs(s)) (ip.includes(':') ? v6 : v4).add(ip);
      }
    }
    await waitFor('a-default status', async () => (await status('a-default'))?.assignedIPv4 === v4.size);
    expect(await status('a-default')).toEqual({
      assignedIPv4: v4.size,
      assignedIPv6: v6.size,
      availableIPv4: 32 - v4.size,
      availableIPv6: 256 - v6.size,
    });
  });
});

async function waitForPool(ns: string, name: string) {
  return waitFor(`${ns}/${name} allocated`, async () => {
    const s = await h.getService(ns, name);
    return allocatedPool(s) ? s : undefined;
  });
}
