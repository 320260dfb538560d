// What the playground's acceptance test does as an administrator would: kubectl against the
// playground's cluster (the pinned binary), and the UI in Debian's Chromium.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { ensureBinaries } from '../cluster/binaries';
import { openBrowser } from '../ui/browser';

/** kubectl with the playground's kubeconfig; resolves with stdout+stderr and the exit code. */
export async function kubectl(
  kubeconfig: string,
  args: string[],
  stdin?: string,
): Promise<{ code: number; out: string }> {
  const bin = (await ensureBinaries(() => undefined)).kubectl;
  return new Promise((resolve) => {
    const child = execFile(bin, ['--kubeconfig', kubeconfig, ...args], (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, out: `${stdout}${stderr}` }),
    );
    if (stdin !== undefined) child.stdin?.end(stdin);
  });
}

export const METALLB_CR = `apiVersion: metallb.io/v1beta1
kind: MetalLB
metadata:
  name: metallb
  namespace: metallb-system
`;

export const pool = (name: string, address: string) => `apiVersion: metallb.io/v1beta1
kind: IPAddressPool
metadata:
  name: ${name}
  namespace: metallb-system
spec:
  addresses: [${JSON.stringify(address)}]
`;

/**
 * Opens the UI's overview in Chromium and waits for the sample pools' usage and the Layer 2
 * owner of `l2Ip`; returns the console errors seen and the screenshot's path.
 */
export async function overviewInChromium(
  uiUrl: string,
  pools: string[],
  l2Ip: string,
  outDir: string,
): Promise<{ errors: string[]; screenshot: string }> {
  const ui = await openBrowser(outDir);
  try {
    await ui.page.goto(new URL('metallb/overview', uiUrl).toString());
    for (const p of pools) await ui.page.locator(`[data-test="usage-${p}"]`).waitFor({ timeout: 30_000 });
    await ui.page.locator('[data-test="l2-owners"]').getByText(l2Ip).waitFor({ timeout: 30_000 });
    await ui.page
      .locator('[data-test="bgp-sessions"]')
      .getByText('Established')
      .first()
      .waitFor({ timeout: 30_000 });
    const screenshot = await ui.screenshot('playground-overview');
    return { errors: [...ui.errors], screenshot };
  } finally {
    await ui.close();
  }
}

export const SCREENSHOTS = path.resolve(import.meta.dirname, '../../test-results/playground');
