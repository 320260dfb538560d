// The Explain panel (Service tab, topology side panel) and the forms' "Preview changes" step in
// the standalone UI against the backend on a real control plane. Screenshots go to test-results/ui/.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, type UIBrowser } from './browser';
import { announceL2 } from './speaker-status';
import { startUIEnv, type UIEnv } from './ui-env';

const OUT = join(import.meta.dirname, '..', '..', 'test-results', 'ui');
const NS = 'metallb-system';
const POOL = `/k8s/ns/${NS}/metallb.io~v1beta1~IPAddressPool/web`;

let env: UIEnv | undefined;
let ui: UIBrowser | undefined;

function page(): Page {
  if (!ui) throw new Error('no browser');
  return ui.page;
}

async function go(path: string) {
  await page().goto(new URL(path.replace(/^\//, ''), env!.url).toString());
}

const apply = (obj: object) => env!.kubectl(['apply', '-f', '-'], JSON.stringify(obj));

beforeAll(async () => {
  env = await startUIEnv(OUT);
  ui = await openBrowser(OUT);
  await apply({
    apiVersion: 'metallb.io/v1beta1',
    kind: 'IPAddressPool',
    metadata: { name: 'web', namespace: NS },
    spec: { addresses: ['192.0.2.0/30'] },
  });
  await apply({
    apiVersion: 'metallb.io/v1beta1',
    kind: 'L2Advertisement',
    metadata: { name: 'l2', namespace: NS },
  });
  // Speakers on node-0 and node-1 reported their configuration; node-2 runs none.
  for (const n of ['node-0', 'node-1']) {
    await apply({
      apiVersion: 'metallb.io/v1beta1',
      kind: 'ConfigurationState',
      metadata: { name: `speaker-${n}`, namespace: NS },
    });
  }
  await env.kubectl(['create', 'namespace', 'shop']);
  await apply({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'front', namespace: 'shop' },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'front' } },
      template: {
        metadata: { labels: { app: 'front' } },
        spec: { containers: [{ name: 'web', image: 'registry.invalid/web:1' }] },
      },
    },
  });
  for (const name of ['front', 'back']) {
    await apply({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace: 'shop' },
      spec: {
        type: 'LoadBalancer',
        selector: { app: 'front' },
        ports: [{ port: name === 'front' ? 80 : 8080 }],
      },
    });
  }
}, 300_000);

afterAll(async () => {
  await ui?.close().catch(() => undefined);
  await env?.stop();
});

describe('Explain and preview', () => {
  it('explains a Service on its MetalLB tab and in the topology side panel', async () => {
    await go('/k8s/ns/shop/services/front/metallb');
    const summary = page().locator('[data-test="explain-summary"]');
    await expect
      .poll(() => summary.textContent(), { timeout: 60_000 })
      .toContain('allocated from IPAddressPool "web"');
    // The election runs among the live speakers once the Deployment's endpoints exist.
    await expect
      .poll(() => page().locator('[data-test="explain-node-node-2"]').textContent(), { timeout: 60_000 })
      .toContain('No speaker runs on node node-2');
    const owner = (await page().locator('[data-test="explain-nodes"]').textContent())!.includes(
      'Node node-0 won',
    )
      ? 'node-0'
      : 'node-1';
    await announceL2(env!.kubectl, { name: 'front', namespace: 'shop' }, owner);
    await expect
      .poll(() => page().locator(`[data-test="explain-node-${owner}"]`).textContent(), { timeout: 20_000 })
      .toContain(`Node ${owner} announces the Service`);
    await ui!.screenshot('explain-01-service-tab');

    await go('/metallb/topology');
    const svcNode = page().locator('[data-test="topology-node-svc:shop/front"]');
    await svcNode.waitFor({ timeout: 20_000 });
    await svcNode
      .locator('.pf-topology__node__background, circle, ellipse, polygon, rect')
      .first()
      .click({ force: true });
    await page().locator('[data-test="topology-side-panel"] [data-test="explain-panel"]').waitFor();
    await page().waitForTimeout(500);
    await ui!.screenshot('explain-02-topology-panel');
  });

  it('previews a pool shrink: the Service that would lose its IP is flagged', async () => {
    await go(`${POOL}/edit`);
    await page().locator('[data-test="yaml-view"]').click();
    const yaml = page().locator('[data-test="form-yaml"]');
    // The spec's list item only: the last-applied annotation holds the same text.
    const text = (await yaml.inputValue()).replace('- 192.0.2.0/30', '- 192.0.2.0/32');
    await yaml.fill(text);
    await page().locator('[data-test="preview-button"]').click();
    // Wait for whichever answer comes (changes, none, refused, or an error), then say which it was.
    const preview = page().locator('[data-test="preview"]');
    await preview
      .locator('[data-test="preview-changes"], .pf-v6-c-alert')
      .first()
      .waitFor({ timeout: 20_000 });
    const change = page().locator('[data-test="preview-change"]');
    expect(await change.count(), (await preview.textContent()) ?? '').toBe(1);
    const ipOf = (name: string) =>
      env!.kubectl([
        'get',
        'service',
        name,
        '-n',
        'shop',
        '-o',
        'jsonpath={.status.loadBalancer.ingress[0].ip}',
      ]);
    const loser = (await ipOf('front')) === '192.0.2.0' ? 'back' : 'front';
    expect(await change.first().textContent()).toContain(`shop/${loser}`);
    await page().locator('[data-test="preview-loses-ips"]').waitFor();
    await ui!.screenshot('explain-03-preview-shrink');

    await yaml.fill(text.replace('- 192.0.2.0/32', '- 192.0.2.0/30\n    - 198.51.100.300/32'));
    await page().locator('[data-test="preview-button"]').click();
    await page().locator('[data-test="preview-refused"]').waitFor({ timeout: 20_000 });
    await ui!.screenshot('explain-04-preview-refused');
  });
});
