// Two first-impression checks of the standalone UI against the backend on a real control plane:
// a name the apiserver would refuse is flagged at the name field as the user types, and the UI
// starts in the browser's language (Japanese for a ja-JP browser) until the user picks another,
// which then sticks. Screenshots go to test-results/ui/name-and-language/.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, type UIBrowser } from './browser';
import { startUIEnv, type UIEnv } from './ui-env';

const OUT = join(import.meta.dirname, '..', '..', 'test-results', 'ui', 'name-and-language');
const POOL_FORM = '/k8s/ns/metallb-system/metallb.io~v1beta1~IPAddressPool/~new/form';

let env: UIEnv | undefined;
const browsers: UIBrowser[] = [];

async function open(locale: string): Promise<UIBrowser> {
  const ui = await openBrowser(OUT, { locale });
  browsers.push(ui);
  return ui;
}

const url = (path: string) => new URL(path.replace(/^\//, ''), env!.url).toString();

beforeAll(async () => {
  env = await startUIEnv(OUT);
}, 300_000);

afterAll(async () => {
  for (const b of browsers) await b.close().catch(() => undefined);
  await env?.stop();
});

describe('standalone UI, first impression', () => {
  it('flags a name that is not a DNS-1123 subdomain as the user types, and clears it when fixed', async () => {
    const ui = await open('en-US');
    const page = ui.page;
    await page.goto(url(POOL_FORM));
    await page.locator('[data-test="page-title"]').getByText('Create IPAddressPool').waitFor();
    const name = page.locator('[data-test="metadata.name"]');
    const nameErrors = page.locator('#metadata-name-helper [data-test="field-error"][data-source="live"]');

    await name.pressSequentially('bad_name');
    await nameErrors.waitFor();
    expect(await nameErrors.textContent()).toContain(
      'IPAddressPool "bad_name" metadata.name: invalid name "bad_name": must consist of lower case alphanumeric characters',
    );
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    // Shown live, before any submit, and only at the name field.
    expect(await page.locator('[data-test="field-error"]').count()).toBe(1);
    await ui.screenshot('01-pool-form-bad-name');

    await name.fill('good-name');
    await expect.poll(() => nameErrors.count()).toBe(0);
    expect(await name.getAttribute('aria-invalid')).toBe('false');
    await ui.screenshot('02-pool-form-good-name');
    expect(ui.errors, ui.errors.join('\n')).toEqual([]);
  });

  it('starts in Japanese for a ja-JP browser, and keeps an explicit choice of English', async () => {
    const ui = await open('ja-JP');
    const page = ui.page;
    expect(await page.evaluate(() => navigator.languages)).toContain('ja-JP');
    await page.goto(url('/metallb/overview'));
    await page.locator('[data-test="page-title"]').getByText('MetalLB の概要').waitFor();
    await page.getByRole('link', { name: 'IP アドレスプール' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ja');
    expect(await page.locator('[data-test="language"]').textContent()).toContain('日本語');
    await ui.screenshot('03-overview-ja-browser');

    await page.locator('[data-test="language"]').click();
    await page.locator('[data-test="language-en"]').click();
    await page.locator('[data-test="page-title"]').getByText('MetalLB overview').waitFor();
    await page.reload();
    await page.locator('[data-test="page-title"]').getByText('MetalLB overview').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await ui.screenshot('04-overview-en-chosen');
    expect(ui.errors, ui.errors.join('\n')).toEqual([]);
  });
});
