// The controller over time on the real apiserver: a deleted pool re-homes its Services, a restart
// with 500 allocated Services changes nothing, and two replicas never allocate at once (the
// follower takes over when the leader stops, or when its lease expires).
import type { V1Service } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../integration-tests/cluster/test-env';
import { parseIP } from '../../api/ip-ranges';
import { allocatedPool, ControllerHarness, ingressIPs } from './itest-harness';

const h = new ControllerHarness();

beforeAll(() => h.setup());
afterAll(() => h.cleanup());

/** Waits until every Service of the namespace has an IP; returns name -> Service. */
async function allAllocated(ns: string, count: number, timeoutMs = 60_000): Promise<Map<string, V1Service>> {
  return waitFor(
    `${count} Services allocated in ${ns}`,
    async () => {
      const list = await h.listServices(ns);
      const done = list.filter((s) => ingressIPs(s).length > 0);
      return done.length === count && new Map(done.map((s) => [s.metadata!.name!, s]));
    },
    timeoutMs,
  );
}

function expectUniqueIPs(services: Iterable<V1Service>): void {
  const ips = [...services].flatMap(ingressIPs);
  expect(new Set(ips).size).toBe(ips.length);
}

describe('pool changes', () => {
  it('deleting a pool re-homes its Services into the next pool', async () => {
    const app = await h.namespace(`${h.ns}-rehome`);
    const sa = (priority: number) => ({ serviceAllocation: { priority, namespaces: [app] } });
    await h.pool('rehome-a', { addresses: ['192.0.2.64/29'], ...sa(1) });
    await h.pool('rehome-b', { addresses: ['192.0.2.72/29'], ...sa(2) });
    const c = await h.startLeader();
    await waitFor('pools loaded', async () => !!c.allocator()?.poolConfig('rehome-b'));
    await h.services([0, 1, 2].map((i) => ({ ns: app, name: `r${i}` })));
    const before = await allAllocated(app, 3);
    expect([...before.values()].map(allocatedPool)).toEqual(['rehome-a', 'rehome-a', 'rehome-a']);

    await h.deletePool('rehome-a');
    const after = await waitFor('re-homed', async () => {
      const list = await h.listServices(app);
      return list.every((s) => allocatedPool(s) === 'rehome-b') && list;
    });
    expect(after.flatMap(ingressIPs).sort()).toEqual(['192.0.2.72', '192.0.2.73', '192.0.2.74']);
    // The events are written after the status: wait for them rather than read them once.
    await waitFor('ClearAssignment recorded', async () => {
      const reasons = (await h.events(app, 'r0')).map((e) => e.reason);
      return reasons.includes('IPAllocated') && reasons.includes('ClearAssignment');
    });
    await c.stop();
  });
});

describe('restart', () => {
  it('a restarted controller keeps all 500 IPs and writes nothing', async () => {
    const app = await h.namespace(`${h.ns}-restart`);
    await h.pool('big', { addresses: ['198.51.100.0/24', '203.0.113.0/24'] });
    const first = await h.startLeader();
    await waitFor('pool loaded', async () => !!first.allocator()?.poolConfig('big'));
    await h.services(Array.from({ length: 510 }, (_, i) => ({ ns: app, name: `s${i}` })));
    await allAllocated(app, 510);
    // Holes, so that a controller allocating afresh would hand out different IPs.
    for (let i = 0; i < 510; i += 51) await h.deleteService(app, `s${i}`);
    const before = await allAllocated(app, 500);
    await first.idle();
    await first.stop();

    const second = await h.startLeader();
    await waitFor('pool loaded', async () => !!second.allocator()?.poolConfig('big'));
    await second.idle();
    const after = await allAllocated(app, 500);
    const changed = [...before].filter(([name, s]) => {
      const now = after.get(name);
      return (
        !now ||
        ingressIPs(now).join() !== ingressIPs(s).join() ||
        now.metadata?.resourceVersion !== s.metadata?.resourceVersion
      );
    });
    expect(changed.map(([name]) => name)).toEqual([]);
    expect(second.lines.filter((l) => l.event === 'ipAllocated')).toEqual([]);

    // The next Service gets the lowest free address, i.e. the state was rebuilt before allocating.
    const used = new Set([...after.values()].flatMap(ingressIPs));
    let lowest = '';
    for (let i = 0; i < 256 && !lowest; i++) if (!used.has(`198.51.100.${i}`)) lowest = `198.51.100.${i}`;
    await h.service({ ns: app, name: 'newcomer' });
    expect(await h.ingress(app, 'newcomer')).toEqual([lowest]);
    await second.stop();
  });
});

describe('restart on a shrunk pool', () => {
  it('a Service whose IP stayed in the pool keeps it; the one that lost its IP does not take it', async () => {
    const app = await h.namespace(`${h.ns}-shrunk`);
    const sa = { serviceAllocation: { priority: 1, namespaces: [app] } };
    await h.pool('shrunk', { addresses: ['192.0.2.96/31'], ...sa });
    const first = await h.startLeader();
    await waitFor('pool loaded', async () => !!first.allocator()?.poolConfig('shrunk'));
    // a0 sorts first and holds 192.0.2.96, which the shrink takes away.
    await h.service({ ns: app, name: 'a0' });
    expect(await h.ingress(app, 'a0')).toEqual(['192.0.2.96']);
    await h.service({ ns: app, name: 'a1' });
    expect(await h.ingress(app, 'a1')).toEqual(['192.0.2.97']);
    await first.idle();
    await first.stop();

    await h.pool('shrunk', { addresses: ['192.0.2.97/32'], ...sa });
    const second = await h.startLeader();
    await waitFor('pool loaded', async () => !!second.allocator()?.poolConfig('shrunk'));
    await second.idle();
    // a0 gives 192.0.2.96 up (another test's pool may give it an address elsewhere).
    const a0 = await waitFor('a0 moved', async () => {
      const ips = ingressIPs(await h.getService(app, 'a0'));
      return !ips.includes('192.0.2.96') && ips;
    });
    expect(a0).not.toContain('192.0.2.97');
    expect(ingressIPs(await h.getService(app, 'a1'))).toEqual(['192.0.2.97']);
    await second.stop();
  });
});

describe('two replicas', () => {
  const fast = { leaseDurationMs: 3000, renewDeadlineMs: 2000, retryPeriodMs: 300 };

  it('only the leader allocates; the follower takes over on expiry and on release', async () => {
    const ns = await h.namespace(`${h.ns}-ha`);
    const app = await h.namespace(`${h.ns}-ha-app`);
    const lbClass = `${h.lbClass}-ha`;
    await h.pool('ha-pool', { addresses: ['192.0.2.128/26', '2001:db8:2::/120'] }, ns);
    // The first one leads (and will vanish without releasing its lease); the second follows.
    const leader = await h.startLeader({ ...fast, lbClass, releaseOnStop: false }, ns);
    const follower = await h.start({ ...fast, lbClass }, ns);
    await waitFor('follower synced', async () => follower.ready());
    await waitFor('pool loaded', async () => !!leader.allocator()?.poolConfig('ha-pool'));
    const batch = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) => ({
        ns: app,
        name: `ha-${from + i}`,
        loadBalancerClass: lbClass,
        ...((from + i) % 4 === 0
          ? { ipFamilyPolicy: 'RequireDualStack' as const, ipFamilies: ['IPv4' as const, 'IPv6' as const] }
          : {}),
      }));
    await h.services(batch(0, 30));
    const firstRound = await allAllocated(app, 30);
    expectUniqueIPs(firstRound.values());
    expect(follower.isLeader()).toBe(false);
    expect(follower.allocator()).toBeUndefined();
    expect(follower.lines.filter((l) => l.event === 'ipAllocated')).toEqual([]);

    // The leader vanishes without releasing its lease: the follower waits for it to expire.
    const crashedAt = Date.now();
    await leader.stop();
    await waitFor('follower leads', async () => follower.isLeader(), 15_000);
    expect(Date.now() - crashedAt).toBeGreaterThanOrEqual(fast.leaseDurationMs - 500);
    await h.services(batch(30, 10));
    const secondRound = await allAllocated(app, 40);
    expectUniqueIPs(secondRound.values());
    for (const [name, s] of firstRound) expect(ingressIPs(secondRound.get(name))).toEqual(ingressIPs(s));

    // A clean stop hands the lease over at once.
    const c = await h.start({ ...fast, lbClass }, ns);
    await waitFor('c synced', async () => c.ready());
    const handedAt = Date.now();
    await follower.stop();
    await waitFor('c leads', async () => c.isLeader(), 10_000);
    expect(Date.now() - handedAt).toBeLessThan(fast.leaseDurationMs);
    await h.services(batch(40, 5));
    const third = await allAllocated(app, 45);
    expectUniqueIPs(third.values());
    for (const s of third.values()) {
      for (const ip of ingressIPs(s)) {
        const p = parseIP(ip)!;
        expect(p.family === 4 ? ip.startsWith('192.0.2.') : ip.startsWith('2001:db8:2::')).toBe(true);
      }
    }
    await c.stop();
  });
});
