// The plugin inside the real OpenShift console (OKD 4.22 built from source): its navigation once
// the CRDs exist, every list and form page, forms with the webhook's refusal at the field, the
// console's own YAML editor, the actions, the MetalLB tab on the console's Service page, the
// topology, and Japanese through the console's own language setting. Screenshots in
// test-results/okd-console/.
import { join } from 'node:path';
import type { Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announceBGP, announceL2, reportSession } from '../ui/speaker-status';
import { startOkdEnv, type OkdEnv } from './okd-env';

const OUT = join(import.meta.dirname, '..', '..', 'test-results', 'okd-console');
const NS = 'metallb-system';
const ref = (kind: string, version = 'v1beta1') => `/k8s/ns/${NS}/metallb.io~${version}~${kind}`;
const KINDS: [kind: string, version: string, nav: string][] = [
  ['IPAddressPool', 'v1beta1', 'IP address pools'],
  ['L2Advertisement', 'v1beta1', 'L2 advertisements'],
  ['BGPAdvertisement', 'v1beta1', 'BGP advertisements'],
  ['BGPPeer', 'v1beta2', 'BGP peers'],
  ['BFDProfile', 'v1beta1', 'BFD profiles'],
  ['Community', 'v1beta1', 'Communities'],
  ['MetalLB', 'v1beta1', 'MetalLB instance'],
];

let o: OkdEnv | undefined;
/** Failed responses of the plugin's own requests (its files, its proxy, metallb.io): none expected. */
const pluginFailures: string[] = [];
let expectedFailures = 0;

const page = (): Page => o!.ui.page;
const shot = (name: string) => o!.ui.screenshot(name);
async function go(path: string) {
  await page().goto(new URL(path.replace(/^\//, ''), o!.console.url).toString());
}
async function field(id: string, value: string) {
  await page().locator(`[data-test="${id}"]`).fill(value);
}
async function submitAndOpen(kind: string, name: string) {
  await page().locator('[data-test="submit"]').click();
  await page().waitForURL(new RegExp(`${kind}/${name}$`));
  await expect.poll(() => page().locator('[data-test="page-title"]').textContent()).toContain(name);
}
const ours = (url: string) =>
  /\/api\/plugins\/metallb-console-plugin\/|\/api\/proxy\/plugin\/metallb-console-plugin\/|\/apis\/metallb\.io\//.test(
    url,
  );

beforeAll(async () => {
  o = await startOkdEnv(OUT);
  page().on('response', (r: Response) => {
    if (r.status() >= 400 && ours(r.url()))
      pluginFailures.push(`${r.status()} ${r.request().method()} ${r.url()}`);
  });
}, 1_200_000);

afterAll(async () => {
  await o?.stop();
});

describe('the plugin in the OpenShift console', () => {
  it('adds the MetalLB navigation, whose every list and form page opens', async () => {
    await go('/metallb/overview');
    const nav = page().locator('nav');
    await nav.getByRole('button', { name: 'MetalLB' }).click();
    for (const [, , label] of KINDS) await nav.getByRole('link', { name: label, exact: true }).waitFor();
    await page().locator('[data-test="page-title"]').getByText('MetalLB overview').waitFor();
    await shot('01-overview-in-console');
    for (const [kind, version] of KINDS) {
      await go(ref(kind, version));
      await page().locator('[data-test="empty-state"]').waitFor();
      await go(`${ref(kind, version)}/~new/form`);
      await page().locator('[data-test="submit"]').waitFor();
    }
    await shot('02-metallb-form');
  });

  it('creates an IPAddressPool by form, shows it, and shows the webhook refusal at the field', async () => {
    await go(ref('IPAddressPool'));
    await page().locator('[data-test="create"]').click();
    await page().waitForURL(/IPAddressPool\/~new\/form$/);
    await field('metadata.name', 'web');
    await field('spec.addresses[0]', '192.0.2.0/28');
    await shot('03-pool-form');
    await submitAndOpen('IPAddressPool', 'web');
    await page().locator('[data-test="details"]').getByText('192.0.2.0/28').waitFor();
    await shot('04-pool-details');

    await go(`${ref('IPAddressPool')}/~new/form`);
    await field('metadata.name', 'clash');
    await field('spec.addresses[0]', '192.0.2.8/29');
    await page().locator('[data-test="field-error"][data-source="live"]').waitFor();
    const before = pluginFailures.length;
    await page().locator('[data-test="submit"]').click();
    const refusal = page().locator('[data-test="field-error"][data-source="server"]');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('overlaps with already defined CIDR "192.0.2.0/28"');
    expect(await page().locator('[data-test="spec.addresses[0]"]').getAttribute('aria-invalid')).toBe('true');
    await shot('05-pool-webhook-refusal');
    // The refused create itself is the one failed request this test provokes.
    expect(pluginFailures.slice(before).every((f) => f.startsWith('403 POST'))).toBe(true);
    expectedFailures += pluginFailures.length - before;
  });

  it('creates an L2Advertisement, a BFD profile and a BGPPeer that uses it', async () => {
    await go(`${ref('L2Advertisement')}/~new/form`);
    await field('metadata.name', 'l2');
    await field('spec.ipAddressPools[0]', 'web');
    await submitAndOpen('L2Advertisement', 'l2');
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
    await submitAndOpen('BGPPeer', 'router');
    await page().locator('[data-test="details"]').getByText('fast').waitFor();
    await shot('06-peer-details');
    await go(ref('BGPPeer', 'v1beta2'));
    await page().locator('[data-test="row-router"]').waitFor();
    await shot('07-peers-list');
  });

  it("edits an object in the console's YAML editor", async () => {
    await go(`${ref('IPAddressPool')}/web`);
    await page().locator('[data-test="tab-yaml"]').click();
    const editor = page().locator('.monaco-editor').first();
    await editor.waitFor({ timeout: 30_000 });
    const lines = editor.locator('.view-lines');
    await page().waitForTimeout(1000);
    await shot('08-yaml-editor');
    // Monaco draws spaces as no-break spaces.
    const text = async () => (await lines.innerText()).replace(/\u00a0/g, ' ');
    await expect.poll(text, { timeout: 20_000 }).toContain('avoidBuggyIPs: false');
    // Monaco: find the field and change its value as a user would, with the keyboard.
    await editor.click();
    await page().keyboard.press('Control+f');
    await page().keyboard.type('avoidBuggyIPs: false');
    await page().keyboard.press('Escape');
    await page().keyboard.press('End');
    for (let i = 0; i < 5; i++) await page().keyboard.press('Backspace');
    await page().keyboard.type('true');
    await shot('09-yaml-edited');
    await page().getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(
        () =>
          o!.env.kubectl(['get', 'ipaddresspool', 'web', '-n', NS, '-o', 'jsonpath={.spec.avoidBuggyIPs}']),
        {
          timeout: 20_000,
        },
      )
      .toBe('true');
    await shot('10-yaml-saved');
  });

  it("edits labels and deletes through the actions, in the console's own modals", async () => {
    await go(ref('IPAddressPool'));
    await page().locator('[data-test="actions-web"]').click();
    await page().locator('[data-test="action-labels"]').click();
    const labels = page().getByRole('dialog');
    await labels.waitFor();
    // The console's labels modal is a tags input: a label is typed and confirmed with Enter.
    await labels.locator('input').first().fill('tier=web');
    await page().keyboard.press('Enter');
    await shot('11-labels-modal');
    await labels.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() =>
        o!.env.kubectl(['get', 'ipaddresspool', 'web', '-n', NS, '-o', 'jsonpath={.metadata.labels.tier}']),
      )
      .toBe('web');
    await go(`${ref('L2Advertisement')}/l2`);
    await page().locator('[data-test="actions-l2"]').click();
    await page().locator('[data-test="action-delete"]').click();
    const confirm = page().getByRole('dialog');
    await confirm.waitFor();
    await shot('12-delete-modal');
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await page().waitForURL(/L2Advertisement$/);
    await page().locator('[data-test="empty-state"]').waitFor();
  });

  it("shows the MetalLB tab on the console's own Service page, and the topology", async () => {
    const e = o!.env;
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
    const jsonpath = 'jsonpath={.status.loadBalancer.ingress[0].ip}';
    let ip = '';
    await expect
      .poll(async () => (ip = await e.kubectl(['get', 'service', 'front', '-n', 'shop', '-o', jsonpath])), {
        timeout: 60_000,
        interval: 500,
      })
      .toMatch(/^192\.0\.2\.([1-9]|1[0-4])$/);
    await announceL2(e.kubectl, { name: 'front', namespace: 'shop' }, 'node-1');
    await announceBGP(e.kubectl, { name: 'front', namespace: 'shop' }, 'node-0', ['router']);
    await reportSession(e.kubectl, 'node-0', 'router', 'Established', 'Up');

    await go('/k8s/ns/shop/services/front');
    await page()
      .getByRole('tab', { name: 'MetalLB' })
      .or(page().getByRole('link', { name: 'MetalLB', exact: true }))
      .first()
      .click();
    await page().waitForURL(/services\/front\/metallb$/);
    await expect
      .poll(() => page().locator('[data-test="service-ip"]').first().textContent(), { timeout: 20_000 })
      .toBe(ip);
    await page().locator('[data-test="service-metallb-facts"]').getByText('node-1').waitFor();
    await shot('13-service-tab');

    await go('/metallb/topology');
    await page().locator('[data-test="topology-node-svc:shop/front"]').waitFor({ timeout: 20_000 });
    await page().locator('[data-test="topology-node-pool:web"]').waitFor();
    await page().waitForTimeout(500);
    await shot('14-topology');
  });

  it("speaks Japanese after the console's own language setting changes", async () => {
    await go('/user-preferences/language');
    const useBrowser = page().getByRole('checkbox', { name: /browser/i });
    if (await useBrowser.isChecked()) await useBrowser.uncheck();
    await page()
      .locator('[data-test="console.preferredLanguage field"], #console\\.preferredLanguage')
      .first()
      .click();
    await page()
      .getByRole('option', { name: /日本語/ })
      .click();
    await go('/metallb/overview');
    await page().locator('[data-test="page-title"]').getByText('MetalLB の概要').waitFor({ timeout: 20_000 });
    const nav = page().locator('nav');
    const section = nav.getByRole('button', { name: 'MetalLB' });
    if ((await section.getAttribute('aria-expanded')) !== 'true') await section.click();
    await nav.getByRole('link', { name: 'IP アドレスプール' }).waitFor();
    await page().waitForTimeout(500); // the navigation's expand animation
    await shot('15-overview-ja');
    await go(`${ref('IPAddressPool')}/~new/form`);
    await page().locator('[data-test="page-title"]').getByText('IPAddressPool を作成').waitFor();
    await shot('16-pool-form-ja');
  });

  it('left no failed request of the plugin and no page error', () => {
    expect(pluginFailures.length - expectedFailures, pluginFailures.join('\n')).toBe(0);
    const pageErrors = o!.ui.errors.filter(
      (e) => e.startsWith('page error') || /metallb-console-plugin/.test(e),
    );
    expect(pageErrors, pageErrors.join('\n')).toEqual([]);
  });
});
