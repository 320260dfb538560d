// The standalone UI against the backend on a real control plane (apiserver, webhook, controller):
// forms, the webhook's refusal next to the field, the Service tab, the topology, Japanese, and
// no console error. Screenshots of each page go to test-results/ui/.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METALLB_KINDS, resourcePath } from '../../api/kinds';
import { openBrowser, type UIBrowser } from './browser';
import { announceBGP, announceL2, reportSession } from './speaker-status';
import { startUIEnv, type UIEnv } from './ui-env';

const OUT = join(import.meta.dirname, '..', '..', 'test-results', 'ui');
const NS = 'metallb-system';
const ref = (kind: string, version = 'v1beta1') => `/k8s/ns/${NS}/metallb.io~${version}~${kind}`;

let env: UIEnv | undefined;
let ui: UIBrowser | undefined;
/** Console errors the test provoked on purpose (the webhook's refusal). */
let expectedErrors = 0;

function page(): Page {
  if (!ui) throw new Error('no browser');
  return ui.page;
}

async function go(path: string) {
  await page().goto(new URL(path.replace(/^\//, ''), env!.url).toString());
}

async function field(id: string, value: string) {
  await page().locator(`[data-test="${id}"]`).fill(value);
}

async function submitAndOpen(kind: string, name: string) {
  await page().locator('[data-test="submit"]').click();
  await page().waitForURL(new RegExp(`${kind}/${name}$`));
  await expect.poll(() => page().locator('[data-test="page-title"]').textContent()).toContain(name);
}

beforeAll(async () => {
  env = await startUIEnv(OUT);
  ui = await openBrowser(OUT);
}, 300_000);

afterAll(async () => {
  await ui?.close().catch(() => undefined);
  await env?.stop();
});

describe('MetalLB UI', () => {
  it('creates an IPAddressPool by form and lists it', async () => {
    await go(ref('IPAddressPool'));
    await page().locator('[data-test="empty-state"]').waitFor();
    await ui!.screenshot('01-pools-empty');
    await page().locator('[data-test="create"]').click();
    await page().waitForURL(/IPAddressPool\/~new\/form$/);
    await field('metadata.name', 'web');
    await field('spec.addresses[0]', '192.0.2.0/28');
    await ui!.screenshot('02-pool-form');
    await submitAndOpen('IPAddressPool', 'web');
    await page().locator('[data-test="details"]').getByText('192.0.2.0/28').waitFor();
    await ui!.screenshot('03-pool-details');
    await page().locator('[data-test="tab-yaml"]').click();
    await page().locator('[data-test="yaml-editor"]').waitFor();
    expect(await page().locator('[data-test="yaml-editor"]').inputValue()).toContain('kind: IPAddressPool');
    await ui!.screenshot('04-pool-yaml');
    await go(ref('IPAddressPool'));
    await page().locator('[data-test="row-web"]').waitFor();
    await ui!.screenshot('05-pools-list');
  });

  it('shows the live check and then the webhook refusal next to an overlapping address', async () => {
    await go(`${ref('IPAddressPool')}/~new/form`);
    await field('metadata.name', 'clash');
    await field('spec.addresses[0]', '192.0.2.8/29');
    const live = page().locator('[data-test="field-error"][data-source="live"]');
    await live.waitFor();
    expect(await live.textContent()).toContain('overlaps with already defined CIDR');
    await ui!.screenshot('06-pool-overlap-live');
    const before = ui!.errors.length;
    await page().locator('[data-test="submit"]').click();
    const refusal = page().locator('[data-test="field-error"][data-source="server"]');
    await refusal.waitFor();
    const text = (await refusal.textContent()) ?? '';
    expect(text).toContain('IPAddressPool "clash" spec.addresses[0]');
    expect(text).toContain('overlaps with already defined CIDR "192.0.2.0/28"');
    // The refusal sits under the address input itself.
    const input = page().locator('[data-test="spec.addresses[0]"]');
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    await ui!.screenshot('07-pool-overlap-webhook');
    // The browser logs the refused request (HTTP 403); nothing else may appear.
    const provoked = ui!.errors.slice(before);
    expect(
      provoked.every((e) => /status of 4\d\d/.test(e)),
      provoked.join('\n'),
    ).toBe(true);
    expectedErrors += provoked.length;
  });

  it('creates an L2Advertisement for the pool', async () => {
    await go(`${ref('L2Advertisement')}/~new/form`);
    await field('metadata.name', 'l2');
    await field('spec.ipAddressPools[0]', 'web');
    await field('spec.interfaces[0]', 'eth0');
    await ui!.screenshot('08-l2-form');
    await submitAndOpen('L2Advertisement', 'l2');
    await ui!.screenshot('09-l2-details');
  });

  it('creates a BFD profile and a BGPPeer that uses it', async () => {
    await go(`${ref('BFDProfile')}/~new/form`);
    await field('metadata.name', 'fast');
    await field('spec.receiveInterval', '100');
    await field('spec.transmitInterval', '100');
    await submitAndOpen('BFDProfile', 'fast');
    await go(`${ref('BGPPeer', 'v1beta2')}/~new/form`);
    await field('metadata.name', 'router');
    await field('spec.myASN', '64500');
    await field('spec.peerASN', '64501');
    await field('spec.peerAddress', '10.0.0.1');
    await page().locator('[data-test="spec.bfdProfile"]').selectOption('fast');
    await ui!.screenshot('10-peer-form');
    await submitAndOpen('BGPPeer', 'router');
    await page().locator('[data-test="details"]').getByText('fast').waitFor();
    await ui!.screenshot('11-peer-details');
    await go(`${ref('BGPAdvertisement')}/~new/form`);
    await field('metadata.name', 'bgp');
    await field('spec.ipAddressPools[0]', 'web');
    await submitAndOpen('BGPAdvertisement', 'bgp');
    await go(ref('BFDProfile'));
    await page().locator('[data-test="row-fast"]').waitFor();
    await ui!.screenshot('12-bfd-list');
  });

  it('edits labels and deletes through the actions menu', async () => {
    await go(ref('IPAddressPool'));
    await page().locator('[data-test="actions-web"]').click();
    await page().locator('[data-test="action-labels"]').click();
    await page().locator('[data-test="labels-input"]').fill('tier=web');
    await ui!.screenshot('13-labels-modal');
    await page().locator('[data-test="save-labels"]').click();
    await expect
      .poll(() =>
        env!.kubectl(['get', 'ipaddresspool', 'web', '-n', NS, '-o', 'jsonpath={.metadata.labels.tier}']),
      )
      .toBe('web');
    await go(`${ref('BGPAdvertisement')}/bgp`);
    await page().locator('[data-test="actions-bgp"]').click();
    await page().locator('[data-test="action-delete"]').click();
    await page().locator('[data-test="confirm-delete"]').click();
    await page().waitForURL(/BGPAdvertisement$/);
    await page().locator('[data-test="empty-state"]').waitFor();
  });

  it('shows a LoadBalancer Service created with kubectl: its IP and pool on the Service tab and in the topology', async () => {
    const e = env!;
    await e.kubectl(['create', 'namespace', 'shop']);
    await e.kubectl(
      ['apply', '-f', '-'],
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'front', namespace: 'shop' },
        spec: { type: 'LoadBalancer', ports: [{ port: 80 }] },
      }),
    );
    let ip = '';
    await expect
      .poll(
        async () =>
          (ip = await e.kubectl([
            'get',
            'service',
            'front',
            '-n',
            'shop',
            '-o',
            'jsonpath={.status.loadBalancer.ingress[0].ip}',
          ])),
        { timeout: 60_000, interval: 500 },
      )
      .toMatch(/^192\.0\.2\./);
    // What the speakers will write: node-1 answers ARP for it, node-0 advertises it over BGP.
    await announceL2(e.kubectl, { name: 'front', namespace: 'shop' }, 'node-1');
    await announceBGP(e.kubectl, { name: 'front', namespace: 'shop' }, 'node-0', ['router']);
    await reportSession(e.kubectl, 'node-0', 'router', 'Established', 'Up');
    await reportSession(e.kubectl, 'node-1', 'router', 'Active', 'Down');

    await go('/k8s/ns/shop/services/front/metallb');
    await expect
      .poll(() => page().locator('[data-test="service-ip"]').first().textContent(), { timeout: 20_000 })
      .toBe(ip);
    expect(await page().locator('[data-test="service-pool"]').textContent()).toContain('web');
    await page().locator('[data-test="service-metallb-facts"]').getByText('node-1').waitFor();
    await page().locator('[data-test="service-metallb-facts"]').getByText('router').waitFor();
    await ui!.screenshot('14-service-tab');

    await go('/metallb/topology');
    const svcNode = page().locator('[data-test="topology-node-svc:shop/front"]');
    await svcNode.waitFor({ timeout: 20_000 });
    await page().locator('[data-test="topology-node-pool:web"]').waitFor();
    expect(await page().locator('[data-test="topology-node-peer:router"]').getAttribute('data-status')).toBe(
      'danger',
    );
    await page().waitForTimeout(500);
    await ui!.screenshot('15-topology');
    await svcNode
      .locator('.pf-topology__node__background, circle, ellipse, polygon, rect')
      .first()
      .click({ force: true });
    const panel = page().locator('[data-test="topology-side-panel"]');
    await panel.waitFor();
    expect(await panel.textContent()).toContain(ip);
    expect(await panel.textContent()).toContain('web');
    // The graph re-fits to the narrowed canvas shortly after the panel opens.
    await page().waitForTimeout(500);
    await ui!.screenshot('16-topology-selected');

    await go('/metallb/overview');
    await page().locator('[data-test="usage-web"]').waitFor();
    await expect
      .poll(() => page().locator('[data-test="usage-web"]').textContent(), { timeout: 20_000 })
      .toContain('1 of 16 assigned');
    await page().locator('[data-test="bgp-sessions"]').getByText('Established').waitFor();
    await page().locator('[data-test="l2-owners"]').getByText(ip).waitFor();
    await ui!.screenshot('17-overview');
  });

  it('switches the language to Japanese', async () => {
    await go('/metallb/overview');
    await page().locator('[data-test="language"]').click();
    await page().locator('[data-test="language-ja"]').click();
    await page().locator('[data-test="page-title"]').getByText('MetalLB の概要').waitFor();
    await page().getByRole('link', { name: 'IP アドレスプール' }).waitFor();
    expect(await page().evaluate(() => document.documentElement.lang)).toBe('ja');
    await ui!.screenshot('18-overview-ja');
    await go(`${ref('IPAddressPool')}/~new/form`);
    await page().locator('[data-test="page-title"]').getByText('IPAddressPool を作成').waitFor();
    await ui!.screenshot('19-pool-form-ja');
    await go('/metallb/topology');
    await page().locator('[data-test="topology-node-pool:web"]').waitFor();
    await ui!.screenshot('20-topology-ja');
  });

  it('keeps the topology usable with 500 LoadBalancer Services', async () => {
    const e = env!;
    await e.kubectl(
      ['apply', '-f', '-'],
      JSON.stringify({
        apiVersion: 'metallb.io/v1beta1',
        kind: 'IPAddressPool',
        metadata: { name: 'bulk', namespace: NS },
        spec: { addresses: ['198.51.100.0/24', '203.0.113.0/24', '100.64.0.0/24'] },
      }),
    );
    await e.kubectl(['create', 'namespace', 'bulk']);
    const items = Array.from({ length: 500 }, (_, i) => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: `svc-${i}`, namespace: 'bulk' },
      spec: { type: 'LoadBalancer', ports: [{ port: 80 }] },
    }));
    await e.kubectl(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items }));
    const t0 = Date.now();
    await go('/metallb/topology');
    const summary = page().locator('[data-test="topology-summary"]');
    await expect.poll(() => summary.textContent(), { timeout: 30_000 }).toContain('501');
    await page().locator('[data-test="topology-node-group:bulk"]').waitFor({ timeout: 30_000 });
    const loadMs = Date.now() - t0;
    expect(await page().locator('[data-test^="topology-node-"]').count()).toBeLessThan(40);
    await ui!.screenshot('21-topology-500-services');
    // Searching brings single Services back into the graph.
    await page().getByRole('textbox', { name: 'Service を検索' }).fill('svc-42');
    await page().locator('[data-test="topology-node-svc:bulk/svc-42"]').waitFor({ timeout: 20_000 });
    await ui!.screenshot('22-topology-500-search');
    console.log(`topology with 501 Services drawn ${loadMs} ms after navigation`);
    expect(loadMs).toBeLessThan(20_000);
  });

  it('acts with the caller token, never its own, when one is given', async () => {
    const e = env!;
    await e.kubectl(['create', 'serviceaccount', 'nobody', '-n', 'default']);
    const token = (await e.kubectl(['create', 'token', 'nobody', '-n', 'default'])).trim();
    const get = (path: string, bearer?: string) =>
      fetch(new URL(path, e.url), { headers: bearer ? { Authorization: `Bearer ${bearer}` } : {} });
    const session = (await (await get('api/v1/session', token)).json()) as {
      authenticated: boolean;
      user?: string;
    };
    expect(session).toMatchObject({ authenticated: true, user: 'system:serviceaccount:default:nobody' });
    expect((await get('api/v1/pools/usage', token)).status).toBe(403);
    expect((await get('api/v1/topology', token)).status).toBe(403);
    expect(
      (await get(`api/kubernetes${resourcePath(METALLB_KINDS.IPAddressPool, { namespace: NS })}`, token))
        .status,
    ).toBe(403);
    expect((await (await get('api/v1/session', 'not-a-token')).json()) as object).toMatchObject({
      authenticated: false,
    });
    // Without a token, development mode uses the backend's kubeconfig credentials.
    expect((await get('api/v1/pools/usage')).status).toBe(200);
  });

  it('serves the plugin at the ConsolePlugin base path and where the console fetches it', async () => {
    for (const base of ['', 'api/plugins/metallb-console-plugin/']) {
      const res = await fetch(new URL(`${base}plugin-manifest.json`, env!.url));
      expect(res.headers.get('content-type')).toContain('application/json');
      const manifest = (await res.json()) as { name: string; loadScripts: string[] };
      expect(manifest.name).toBe('metallb-console-plugin');
      expect((await fetch(new URL(`${base}${manifest.loadScripts[0]}`, env!.url))).status).toBe(200);
      expect(
        (await fetch(new URL(`${base}locales/ja/plugin__metallb-console-plugin.json`, env!.url))).status,
      ).toBe(200);
    }
  });

  it('logged no console error during the run', () => {
    expect(ui!.errors.length - expectedErrors, ui!.errors.join('\n')).toBe(0);
  });
});
