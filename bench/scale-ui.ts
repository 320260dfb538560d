// The UI at scale, part of `npm run bench -- scale`: the backend bundle serving the standalone UI
// (`--roles ui --dev`) on the scale bench's cluster, with a ServiceL2Status per Layer 2 Service as
// the speakers of a full cluster would write them, opened in Debian's Chromium. Per page: time
// from navigation to its content, the watches the page holds (the hub's POST body), the JS heap.
// Goal (issue #16): first render < 2 s, watches bounded (not one per Service).
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { METALLB_KINDS, resourcePath } from '../api/kinds';
import { STATUS_LABELS } from '../api/operand';
import type { ApiClient } from '../k8s/api-client';
import { eachLimited } from '../k8s/each-limited';
import { freePort } from '../integration-tests/cluster/ports';
import { openBrowser } from '../integration-tests/ui/browser';
import { ROOT, spawnBundle, stopChild, usage, waitFor } from './process-setup';
import type { Metrics } from './run';
import { APP_NAMESPACE, httpOk, NAMESPACE } from './scale-setup';

const CONCURRENCY = 16;

/** One ServiceL2Status per Service, on node-(i mod nodes), as each node's speaker writes it. */
async function writeL2Statuses(client: ApiClient, services: string[], nodes: number): Promise<void> {
  const path = resourcePath(METALLB_KINDS.ServiceL2Status, { namespace: NAMESPACE });
  await eachLimited(
    services.map((name, i) => ({ name, node: `node-${i % nodes}` })),
    CONCURRENCY,
    async ({ name, node }) => {
      const created = await client.create<{ metadata: { name: string } }>(path, {
        apiVersion: 'metallb.io/v1beta1',
        kind: 'ServiceL2Status',
        metadata: {
          generateName: 'l2-',
          labels: {
            [STATUS_LABELS.node]: node,
            [STATUS_LABELS.serviceName]: name,
            [STATUS_LABELS.serviceNamespace]: APP_NAMESPACE,
          },
        },
        spec: {},
      });
      await client.mergePatch(
        resourcePath(METALLB_KINDS.ServiceL2Status, {
          namespace: NAMESPACE,
          name: created.metadata.name,
          subresource: 'status',
        }),
        { status: { node, serviceName: name, serviceNamespace: APP_NAMESPACE } },
      );
    },
  );
}

interface PageFigures {
  ms: number;
  watches: number;
  heapMB: number;
}

/** Opens `path`, waits for `ready`, then 3 s more for watches to settle. */
async function visit(page: Page, url: string, path: string, ready: string): Promise<PageFigures> {
  let watches = 0;
  const onRequest = (r: import('playwright-core').Request) => {
    if (r.method() !== 'POST' || !r.url().endsWith('/api/v1/watch')) return;
    const body = r.postDataJSON() as { watches?: unknown[] } | null;
    watches = body?.watches?.length ?? watches;
  };
  page.on('request', onRequest);
  try {
    const t0 = Date.now();
    await page.goto(new URL(path.replace(/^\//, ''), url).toString());
    await page.locator(ready).first().waitFor({ timeout: 120_000 });
    const ms = Date.now() - t0;
    await page.waitForTimeout(3000);
    const heap = await page.evaluate(
      () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0,
    );
    return { ms, watches, heapMB: Math.round(heap / 2 ** 20) };
  } finally {
    page.off('request', onRequest);
  }
}

export async function measureUI(
  kubeconfig: string,
  client: ApiClient,
  l2Services: string[],
  nodes: number,
  dir: string,
  out: Metrics,
): Promise<void> {
  if (!existsSync(join(ROOT, 'dist-standalone', 'index.html')))
    throw new Error('dist-standalone/ is missing: run `npm run build -- --ui` first');
  mkdirSync(dir, { recursive: true });
  const t0 = Date.now();
  await writeL2Statuses(client, l2Services, nodes);
  out.uiL2StatusesWritten = {
    value: l2Services.length,
    unit: `ServiceL2Status objects (${Date.now() - t0} ms)`,
  };
  const port = await freePort();
  const log = join(dir, 'backend.log');
  const child = spawnBundle(
    'backend',
    ['--roles', 'ui', '--dev'],
    {
      KUBECONFIG: kubeconfig,
      METALLB_NAMESPACE: NAMESPACE,
      METALLB_HTTP_HOST: '127.0.0.1',
      METALLB_HTTP_PORT: String(port),
      METALLB_METRICS_PORT: String(port),
      METALLB_UI_ROOT: ROOT,
      METALLB_LOG_LEVEL: 'info',
    },
    log,
  );
  const ui = await openBrowser(dir);
  try {
    if (!(await waitFor(() => httpOk(port, '/readyz'), 60_000, 200)))
      throw new Error(`the UI backend was not ready within 60 s; see ${log}`);
    const url = `http://127.0.0.1:${port}/`;
    const pages: [string, string, string][] = [
      ['Overview', '/metallb/overview', '[data-test="l2-owners"] tbody tr'],
      ['Topology', '/metallb/topology', '[data-test^="topology-node-"]'],
      [
        'PoolList',
        `/k8s/ns/${NAMESPACE}/metallb.io~v1beta1~IPAddressPool`,
        '[data-test="resource-table"] tbody tr',
      ],
      [
        'ServiceExplain',
        `/k8s/ns/${APP_NAMESPACE}/services/${l2Services[0]}/metallb`,
        '[data-test="explain-summary"]',
      ],
    ];
    for (const [name, path, ready] of pages) {
      // Twice: the first visit also loads the bundle and discovery; the second is a page change.
      const cold = await visit(ui.page, url, path, ready);
      const warm = await visit(ui.page, url, path, ready);
      out[`ui${name}FirstRenderMs`] = { value: cold.ms, unit: 'ms (navigation to content, cold)' };
      out[`ui${name}RenderMs`] = { value: warm.ms, unit: 'ms (again, bundle cached)' };
      out[`ui${name}Watches`] = { value: warm.watches, unit: 'watches held by the page' };
      out[`ui${name}HeapMB`] = { value: warm.heapMB, unit: 'MB (JS heap used)' };
      await ui.screenshot(`scale-${name}`);
    }
    out.uiErrors = { value: ui.errors.length, unit: ui.errors.slice(0, 3).join(' | ') || 'console errors' };
    const u = usage(child.pid!);
    out.uiBackendRssMB = { value: Math.round(u.rssMB), unit: 'MB (backend serving the UI)' };
    out.uiBackendCpuSeconds = { value: u.cpuSeconds, unit: 's' };
  } finally {
    await ui.close();
    await stopChild(child);
  }
}
