// The controller's loadBalancerClass filter, its ConfigurationState, and its metrics (on the
// backend's router and on the dedicated listener), on the real apiserver.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METALLB_KINDS, resourcePath } from '../../api/kinds';
import { waitFor } from '../../integration-tests/cluster/test-env';
import type { ConfigurationState } from '../../api/types';
import { allocatedPool, ControllerHarness, ingressIPs, type TestController } from './itest-harness';

const h = new ControllerHarness();
let c: TestController;
let app: string;

beforeAll(async () => {
  await h.setup();
  app = await h.namespace(`${h.ns}-app`);
  await h.pool('rep-pool', { addresses: ['203.0.113.64/28', '2001:db8:1::/124'] });
  c = await h.startLeader({ metricsPort: 0, metricsHost: '127.0.0.1' });
  await waitFor('pool loaded', async () => !!c.allocator()?.poolConfig('rep-pool'));
});

afterAll(() => h.cleanup());

async function httpGet(url: string): Promise<string> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  return res.text();
}

describe('loadBalancerClass', () => {
  it('only Services of our class are handled; a class-less controller handles only class-less ones', async () => {
    await h.service({ ns: app, name: 'ours' });
    await h.service({ ns: app, name: 'foreign', loadBalancerClass: 'example.com/other' });
    await h.service({ ns: app, name: 'classless', loadBalancerClass: null });
    expect(await h.ingress(app, 'ours')).toEqual(['203.0.113.64']);
    await c.idle();
    expect(ingressIPs(await h.getService(app, 'foreign'))).toEqual([]);
    expect(ingressIPs(await h.getService(app, 'classless'))).toEqual([]);
    expect(await h.events(app, 'foreign')).toEqual([]);

    // A second MetalLB (own namespace, Lease and pool) without a class takes the class-less one.
    const other = await h.namespace(`${h.ns}-noclass`);
    await h.pool('noclass-pool', { addresses: ['198.51.100.128/28'] }, other);
    const noClass = await h.startLeader({ lbClass: undefined }, other);
    const ips = await h.ingress(app, 'classless');
    expect(ips).toHaveLength(1);
    const last = Number(/^198\.51\.100\.(\d+)$/.exec(ips[0]!)?.[1]);
    expect(last).toBeGreaterThanOrEqual(128);
    expect(last).toBeLessThanOrEqual(143);
    expect(allocatedPool(await h.getService(app, 'classless'))).toBe('noclass-pool');
    await noClass.idle();
    expect(ingressIPs(await h.getService(app, 'foreign'))).toEqual([]);
    expect(await h.ingress(app, 'ours')).toEqual(['203.0.113.64']);
    await noClass.stop();
  });
});

describe('ConfigurationState', () => {
  const state = () =>
    h.client.get<ConfigurationState>(
      resourcePath(METALLB_KINDS.ConfigurationState, { namespace: h.ns, name: 'controller' }),
    );

  it('is Valid with a loadable configuration', async () => {
    const cs = await waitFor('ConfigurationState', () => state().catch(() => undefined));
    expect(cs.metadata.labels).toMatchObject({ 'metallb.io/component-type': 'controller' });
    expect(cs.status).toMatchObject({ result: 'Valid', errorSummary: '' });
    expect(cs.status?.conditions).toEqual([
      expect.objectContaining({ type: 'poolReconcilerValid', status: 'True', reason: 'Reconciled' }),
    ]);
  });

  it('turns Invalid with the reason when a pool overlaps another; the running config stays in use', async () => {
    await h.pool('overlapping', { addresses: ['203.0.113.70/31'] });
    const cs = await waitFor('Invalid', async () => {
      const s = await state();
      return s.status?.result === 'Invalid' && s;
    });
    expect(cs.status?.errorSummary).toMatch(/overlap/);
    expect(cs.status?.conditions?.[0]).toMatchObject({
      type: 'poolReconcilerValid',
      status: 'False',
      reason: 'ConfigurationError',
    });
    const metrics = await httpGet(`http://127.0.0.1:${c.metricsPort}/metrics`);
    expect(metrics).toMatch(/^metallb_k8s_client_config_stale_bool 1$/m);
    // Stale but running: Services still get IPs from the last good configuration.
    await h.service({ ns: app, name: 'while-stale' });
    expect(await h.ingress(app, 'while-stale')).toEqual(['203.0.113.65']);

    await h.deletePool('overlapping');
    await waitFor('Valid again', async () => (await state()).status?.result === 'Valid');
    expect(await httpGet(`http://127.0.0.1:${c.metricsPort}/metrics`)).toMatch(
      /^metallb_k8s_client_config_stale_bool 0$/m,
    );
  });
  it('heals itself when deleted', async () => {
    await h.client.delete(
      resourcePath(METALLB_KINDS.ConfigurationState, { namespace: h.ns, name: 'controller' }),
    );
    const cs = await waitFor('re-created', () => state().catch(() => undefined));
    expect(cs.status?.result).toBe('Valid');
  });
});

describe('metrics', () => {
  it('serves upstream metric names on the dedicated listener and on the backend router', async () => {
    await h.service({
      ns: app,
      name: 'dual',
      ipFamilyPolicy: 'RequireDualStack',
      ipFamilies: ['IPv4', 'IPv6'],
    });
    await h.ingress(app, 'dual');
    await c.idle();
    const server = new Koa().use(c.router.routes()).listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const port = (server.address() as AddressInfo).port;
      for (const url of [`http://127.0.0.1:${c.metricsPort}/metrics`, `http://127.0.0.1:${port}/metrics`]) {
        const text = await httpGet(url);
        const value = (name: string) =>
          Number(new RegExp(`^${name}\\{pool="rep-pool"\\} (\\S+)$`, 'm').exec(text)?.[1]);
        expect(value('metallb_allocator_addresses_total')).toBe(32);
        expect(value('metallb_allocator_ipv4_addresses_total')).toBe(16);
        expect(value('metallb_allocator_ipv6_addresses_total')).toBe(16);
        // ours, while-stale, and dual (one of each family)
        expect(value('metallb_allocator_addresses_in_use_total')).toBe(4);
        expect(value('metallb_allocator_ipv4_addresses_in_use_total')).toBe(3);
        expect(value('metallb_allocator_ipv6_addresses_in_use_total')).toBe(1);
        expect(text).toMatch(/^metallb_k8s_client_config_loaded_bool 1$/m);
        expect(text).toMatch(/^metallb_k8s_client_updates_total [1-9]\d*$/m);
        expect(text).toMatch(/^metallb_k8s_client_update_errors_total \d+$/m);
      }
    } finally {
      server.close();
    }
  });
});
