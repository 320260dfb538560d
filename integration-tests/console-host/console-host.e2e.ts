// The production plugin bundle (dist/) loaded the way OpenShift Console 4.22 loads it: a webpack
// host sharing the console's singletons (our SDK implementation as
// `@openshift-console/dynamic-plugin-sdk`) loads it with `@openshift/dynamic-plugin-sdk`'s
// PluginStore from `/api/plugins/metallb-console-plugin/`, and Chromium renders every page and
// navigation entry against the backend on a local control plane. Screenshots go to
// test-results/console-host/.
//
// To see it fail, break the build on purpose (then run it again without the variable):
//   CONSOLE_HOST_BREAK=omit-shared:react-i18next npx vitest run --project e2e integration-tests/console-host
//   CONSOLE_HOST_BREAK=throw:pools npx vitest run --project e2e integration-tests/console-host
// `omit-shared:<module>` builds the host without that shared module; `throw:<exposed module>`
// serves a copy of dist/ in which that exposed module throws when it is loaded.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, type UIBrowser } from '../ui/browser';
import { startUIEnv, type UIEnv } from '../ui/ui-env';
import type { ConsoleHostWindow, HostState } from './app/state';
import { BROKEN_MESSAGE, throwingPluginCopy } from './break-plugin';
import { buildConsoleHost, DEFAULT_HOST_DIR } from './build-host';
import { consoleSingletons, HOST_NAME, SDK_PACKAGE } from './host.webpack';
import { startHostServer, type HostServer } from './server';

const ROOT = join(import.meta.dirname, '..', '..');
const OUT = join(ROOT, 'test-results', 'console-host');
const DIST = join(ROOT, 'dist');
const PLUGIN = 'metallb-console-plugin';
const NS = 'metallb-system';
const BREAK = process.env.CONSOLE_HOST_BREAK ?? '';

interface Extension {
  type: string;
  properties: Record<string, unknown>;
}
interface Manifest {
  name: string;
  extensions: Extension[];
}
interface ModelRef {
  group?: string;
  version?: string;
  kind: string;
}

/** One object of each kind the resource pages show, created before the pages are opened. */
const OBJECTS: Record<string, { name: string; yaml: string }> = {
  IPAddressPool: { name: 'web', yaml: 'spec: {addresses: [192.0.2.0/28]}' },
  L2Advertisement: { name: 'l2', yaml: 'spec: {ipAddressPools: [web]}' },
  BGPAdvertisement: { name: 'bgp', yaml: 'spec: {ipAddressPools: [web]}' },
  BFDProfile: { name: 'fast', yaml: 'spec: {receiveInterval: 100, transmitInterval: 100}' },
  BGPPeer: {
    name: 'router',
    yaml: 'spec: {myASN: 64500, peerASN: 64501, peerAddress: 10.0.0.1, bfdProfile: fast}',
  },
  Community: { name: 'communities', yaml: 'spec: {communities: [{name: vpn-only, value: "1234:1"}]}' },
  MetalLB: { name: 'metallb', yaml: 'spec: {}' },
};

const reference = (m: ModelRef) => (m.group ? `${m.group}~${m.version}~${m.kind}` : m.kind);

/** An extension label as the console shows it: `%ns~key%` looked up in the plugin's catalogue. */
function label(catalogue: Record<string, string>, text: unknown): string {
  const m = /^%[^~]+~(.*)%$/.exec(String(text));
  return m ? (catalogue[m[1]!] ?? m[1]!) : String(text);
}

interface PageCase {
  url: string;
  extension: string;
  /** Text the page's h1 must contain. */
  heading?: string | RegExp;
  /** A list page: the seeded object's name must be listed. */
  lists?: string;
  /** An element the page shows once its data (from the apiserver or the backend) arrived. */
  shows?: string;
}

/** What the plugin's own pages show of the seeded objects, from the backend's REST API. */
const ROUTE_CONTENT: Record<string, string> = {
  '/metallb/overview': '[data-test="usage-web"]',
  '/metallb/topology': '[data-test="topology-node-pool:web"]',
};

/** Every page the plugin's route, list and details extensions declare, with concrete URLs. */
function pageCases(manifest: Manifest): PageCase[] {
  const out: PageCase[] = [];
  for (const [i, e] of manifest.extensions.entries()) {
    const ext = `${e.type}#${i}`;
    if (e.type === 'console.page/route') {
      const paths = e.properties.path as string | string[];
      for (const path of Array.isArray(paths) ? paths : [paths]) {
        const kind = /metallb\.io~[^~/]+~([A-Za-z0-9]+)/.exec(path)?.[1];
        const obj = kind ? OBJECTS[kind] : undefined;
        const url = path.replace(/:ns\b/g, NS).replace(/:name\b/g, () => {
          if (!obj) throw new Error(`${ext}: no object to open ${path} with`);
          return obj.name;
        });
        if (url.includes(':')) throw new Error(`${ext}: unknown parameter in ${path}`);
        const heading = path.endsWith('/~new/form')
          ? `Create ${kind}`
          : path.includes(':name')
            ? new RegExp(`Edit ${kind} ${obj!.name}`)
            : undefined;
        const shows = ROUTE_CONTENT[path];
        out.push({ url, extension: ext, ...(heading ? { heading } : {}), ...(shows ? { shows } : {}) });
      }
    } else if (e.type === 'console.page/resource/list') {
      const model = e.properties.model as ModelRef;
      const obj = OBJECTS[model.kind];
      if (!obj) throw new Error(`${ext}: no ${model.kind} object is created for its page`);
      out.push({ url: `/k8s/ns/${NS}/${reference(model)}`, extension: ext, lists: obj.name });
      out.push({ url: `/k8s/all-namespaces/${reference(model)}`, extension: ext, lists: obj.name });
    } else if (e.type === 'console.page/resource/details') {
      const model = e.properties.model as ModelRef;
      const obj = OBJECTS[model.kind];
      if (!obj) throw new Error(`${ext}: no ${model.kind} object is created for its page`);
      out.push({
        url: `/k8s/ns/${NS}/${reference(model)}/${obj.name}`,
        extension: ext,
        heading: obj.name,
        shows: '[data-test="details"]',
      });
    }
  }
  return out;
}

let env: UIEnv | undefined;
let server: HostServer | undefined;
let ui: UIBrowser | undefined;
/** Warnings of webpack's sharing runtime (e.g. "Unsatisfied version ... of shared singleton"). */
const sharingWarnings: string[] = [];
let manifest: Manifest;
let catalogue: Record<string, string>;

function page() {
  if (!ui) throw new Error('no browser');
  return ui.page;
}

async function hostState(): Promise<HostState> {
  return page().evaluate(() => (window as ConsoleHostWindow).__consoleHost!.state);
}

async function waitUntilLoaded(): Promise<HostState> {
  await page().waitForFunction(
    () => (window as ConsoleHostWindow).__consoleHost?.state.phase !== 'loading',
    null,
    {
      timeout: 60_000,
    },
  );
  return hostState();
}

const PAGE_BUDGET_MS = 15_000;
/** Stop opening pages after this many broken ones: the report is clear by then. */
const MAX_BROKEN_PAGES = 5;

/**
 * Waits until the page in the host's content area is ready (`c`'s conditions hold) or shows an
 * error, for at most PAGE_BUDGET_MS; returns what is wrong, or '' when the page is ready.
 */
async function pageProblem(c: Omit<PageCase, 'url' | 'extension'>): Promise<string> {
  const content = page().locator('[data-test="host-content"]');
  const errors = content.locator('[data-test="page-error"], [data-test="not-found"]');
  const h1 = content.locator('h1').first();
  const deadline = Date.now() + PAGE_BUDGET_MS;
  for (;;) {
    if (await errors.count()) return (await errors.allTextContents()).join('; ');
    let missing = '';
    const heading = (await h1.count()) ? ((await h1.textContent()) ?? '').trim() : undefined;
    if (heading === undefined || heading === '') missing = 'no h1 heading';
    else if (
      c.heading &&
      !(typeof c.heading === 'string' ? heading.includes(c.heading) : c.heading.test(heading))
    )
      missing = `heading "${heading}" does not show ${c.heading}`;
    else if (c.lists && !(await content.getByText(c.lists, { exact: true }).count()))
      missing = `${c.lists} is not listed`;
    else if (c.shows && !(await content.locator(c.shows).count())) missing = `${c.shows} is not shown`;
    if (!missing) return '';
    if (Date.now() > deadline) return `after ${PAGE_BUDGET_MS} ms: ${missing}`;
    await page().waitForTimeout(200);
  }
}

beforeAll(async () => {
  const [mode, arg] = BREAK.split(':');
  if (BREAK && (!arg || (mode !== 'omit-shared' && mode !== 'throw')))
    throw new Error(`CONSOLE_HOST_BREAK=${BREAK}: expected omit-shared:<module> or throw:<exposed module>`);
  const build = await buildConsoleHost(
    mode === 'omit-shared' ? { omitShared: [arg!], outDir: join(OUT, 'host-broken') } : {},
  );
  console.log(`built the console test host in ${build.ms} ms${BREAK ? ` (broken: ${BREAK})` : ''}`);
  const pluginDir =
    mode === 'throw' ? await throwingPluginCopy(DIST, join(OUT, 'plugin-broken'), arg!) : DIST;
  manifest = JSON.parse(readFileSync(join(pluginDir, 'plugin-manifest.json'), 'utf8')) as Manifest;
  catalogue = JSON.parse(
    readFileSync(join(pluginDir, 'locales', 'en', `plugin__${PLUGIN}.json`), 'utf8'),
  ) as Record<string, string>;

  env = await startUIEnv(OUT);
  for (const [kind, o] of Object.entries(OBJECTS)) {
    const version = kind === 'BGPPeer' ? 'v1beta2' : 'v1beta1';
    await env.kubectl(
      ['apply', '-f', '-'],
      `apiVersion: metallb.io/${version}\nkind: ${kind}\nmetadata: {name: ${o.name}, namespace: ${NS}}\n${o.yaml}\n`,
    );
  }
  server = await startHostServer({ hostDir: build.dir, pluginDir, pluginName: PLUGIN, backendUrl: env.url });
  ui = await openBrowser(OUT);
  ui.page.on('console', (m) => {
    if (m.type() === 'warning' && /shared|singleton|version/i.test(m.text())) sharingWarnings.push(m.text());
  });
}, 300_000);

afterAll(async () => {
  await ui?.close().catch(() => undefined);
  await server?.close().catch(() => undefined);
  await env?.stop();
});

describe('the production plugin in a console-like host', () => {
  it('reaches status loaded through the PluginStore', async () => {
    await page().goto(server!.url);
    const state = await waitUntilLoaded();
    await ui!.screenshot('00-host-status');
    expect(state.error, state.error).toBeUndefined();
    expect(state.plugin, JSON.stringify(state.plugin)).toMatchObject({
      name: PLUGIN,
      status: 'loaded',
      enabled: true,
    });
    expect(state.phase).toBe('ready');
  });

  it('resolves every code reference', async () => {
    const state = await hostState();
    const failed = state.codeRefs.filter((r) => !r.ok);
    expect(failed.map((r) => `${r.extension} ${r.property} (${r.ref}): ${r.error}`)).toEqual([]);
    const declared = JSON.stringify(manifest.extensions).match(/"\$codeRef"/g)?.length ?? 0;
    expect(state.codeRefs.length).toBe(declared);
    for (const r of state.codeRefs.filter((c) => c.property === 'component'))
      expect(r.valueType, `${r.extension} ${r.ref}`).toBe('function');
  });

  it('uses as many extensions as the manifest declares, its feature flags resolved', async () => {
    const state = await hostState();
    expect(state.plugin?.manifestExtensions).toBe(manifest.extensions.length);
    expect(state.flags).toEqual({ METALLB: true });
    expect(state.extensionsInUse).toBe(manifest.extensions.length);
  });

  it('runs the plugin on the console singletons the host shares', async () => {
    const state = await hostState();
    const scope = new Map(state.shared.map((s) => [s.name, s.versions]));
    for (const [name, config] of Object.entries(consoleSingletons())) {
      const versions = scope.get(name);
      expect(versions, `${name} is not in the share scope`).toBeDefined();
      // One copy, the host's: the plugin brings none of its own (import: false).
      expect(
        versions!.map((v) => `${v.version} from ${v.from}`),
        name,
      ).toEqual([`${config.version} from ${HOST_NAME}`]);
    }
    // What the plugin actually consumed from the host.
    for (const name of ['react', 'react-router', 'react-i18next', SDK_PACKAGE, '@patternfly/react-topology'])
      expect(scope.get(name)?.[0]?.loaded, `${name} was not taken from the share scope`).toBe(true);
    // PatternFly dynamic modules (the plugin keeps a fallback copy of each): the ones it used are
    // the host's eager copies, as in the console; the host imports none of them itself.
    const usedPatternFly = state.shared.filter(
      (s) => s.name.includes('/dist/dynamic/') && s.versions.some((v) => v.loaded),
    );
    expect(usedPatternFly.length).toBeGreaterThan(0);
    for (const s of usedPatternFly)
      expect(
        s.versions.filter((v) => v.loaded).map((v) => v.from),
        s.name,
      ).toEqual([HOST_NAME]);
    const ownCopies = state.shared.filter((s) => s.versions.some((v) => v.from === PLUGIN));
    if (ownCopies.length)
      console.log(`shared modules only the plugin provides: ${ownCopies.map((s) => s.name).join(', ')}`);
    expect(sharingWarnings).toEqual([]);
  });

  it('mounts the console.navigation entries in the navigation bar and opens each', async () => {
    const nav = page().locator('[data-test="host-nav"]');
    for (const e of manifest.extensions.filter((x) => x.type === 'console.navigation/section')) {
      const id = (e.properties.dataAttributes as Record<string, string>)['data-test'];
      await expect.poll(() => nav.locator(`[data-test="${id}"]`).count()).toBe(1);
      expect(await nav.locator(`[data-test="${id}"]`).textContent()).toContain(
        label(catalogue, e.properties.name),
      );
    }
    const hrefs = manifest.extensions.filter((x) => x.type === 'console.navigation/href');
    expect(hrefs.length).toBeGreaterThan(0);
    for (const e of hrefs) {
      const id = (e.properties.dataAttributes as Record<string, string>)['data-test'];
      const link = nav.locator(`a[data-test="${id}"]`);
      expect(await link.textContent()).toBe(label(catalogue, e.properties.name));
      await link.click();
      await page().waitForURL((u) => u.pathname === e.properties.href);
      expect(await pageProblem({}), String(e.properties.href)).toBe('');
    }
  }, 120_000);

  it('renders every route, list and details page with its heading and no error', async () => {
    const cases = pageCases(manifest);
    expect(cases.length).toBeGreaterThanOrEqual(
      manifest.extensions.filter((e) => /^console\.page\/(route|resource\/(list|details))$/.test(e.type))
        .length,
    );
    const problems: string[] = [];
    let broken = 0;
    for (const [i, c] of cases.entries()) {
      if (broken >= MAX_BROKEN_PAGES) {
        problems.push(`... ${cases.length - i} more pages not opened`);
        break;
      }
      const errorsBefore = ui!.errors.length;
      await page().evaluate((url) => (window as ConsoleHostWindow).__consoleHost!.navigate(url), c.url);
      const problem = await pageProblem(c);
      const logged = ui!.errors.slice(errorsBefore);
      if (problem || logged.length) {
        broken++;
        const firstLines = logged.map((l) => l.split('\n')[0]);
        problems.push(`${c.url} (${c.extension}): ${[problem, ...firstLines].filter(Boolean).join('; ')}`);
      }
      await page().screenshot({ path: join(OUT, `page-${String(i + 1).padStart(2, '0')}.png`) });
    }
    expect(problems).toEqual([]);
    expect((await hostState()).renderErrors).toEqual([]);
  }, 300_000);

  it('logged no console error, page error, sharing warning or failed request', () => {
    expect(ui!.errors).toEqual([]);
    expect(sharingWarnings).toEqual([]);
    expect(server!.log).toEqual([]);
  });

  it.skipIf(BREAK)('notices an exposed module that throws when it is loaded', async () => {
    const broken = await throwingPluginCopy(DIST, join(OUT, 'plugin-throws'), 'pools');
    const second = await startHostServer({
      hostDir: DEFAULT_HOST_DIR,
      pluginDir: broken,
      pluginName: PLUGIN,
      backendUrl: env!.url,
    });
    const p = await ui!.browser.newPage();
    try {
      await p.goto(second.url);
      await p.waitForFunction(() => (window as ConsoleHostWindow).__consoleHost?.state.phase !== 'loading');
      const state = await p.evaluate(() => (window as ConsoleHostWindow).__consoleHost!.state);
      const failed = state.codeRefs.filter((r) => !r.ok);
      expect(failed.length).toBeGreaterThan(0);
      // Only the broken module's references fail: the first with the module's own error, the
      // others (webpack keeps the half-evaluated module) with its missing exports.
      const detail = JSON.stringify(failed, null, 1);
      expect(
        failed.map((r) => r.ref.split('.')[0]).every((m) => m === 'pools'),
        detail,
      ).toBe(true);
      expect(
        failed.some((r) => r.error?.includes(BROKEN_MESSAGE)),
        detail,
      ).toBe(true);
      await p.evaluate(
        (url) => (window as ConsoleHostWindow).__consoleHost!.navigate(url),
        `/k8s/ns/${NS}/metallb.io~v1beta1~IPAddressPool`,
      );
      await p.locator('[data-test="page-error"]').waitFor({ timeout: 20_000 });
      expect(await p.locator('[data-test="page-error"]').textContent()).toMatch(
        /deliberately broken exposed module|Missing module export 'pools\./,
      );
      await p.screenshot({ path: join(OUT, 'negative-throwing-module.png') });
    } finally {
      await p.close();
      await second.close();
    }
  });
});
