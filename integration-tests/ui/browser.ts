// Debian Chromium driven by playwright-core (no browser download), with every console error and
// page error of the run collected, and screenshots under test-results/ui/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface UIBrowser {
  browser: Browser;
  page: Page;
  /** Console errors and uncaught page errors, in order. */
  errors: string[];
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export interface BrowserOptions {
  /** The browser's language (navigator.languages, Accept-Language); `en-US` unless given. */
  locale?: string;
}

export async function openBrowser(outDir: string, opts: BrowserOptions = {}): Promise<UIBrowser> {
  mkdirSync(outDir, { recursive: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  const page = await browser.newPage({
    viewport: { width: 1440, height: 960 },
    // Fixed, so the pages' first language does not depend on the machine's locale.
    locale: opts.locale ?? 'en-US',
  });
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  return {
    browser,
    page,
    errors,
    async screenshot(name) {
      const file = join(outDir, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    close: () => browser.close(),
  };
}
