// What the real-console suite runs against: the UI suite's environment (a local control plane with
// fake nodes, the backend in dev mode serving the plugin and its REST API) plus the OpenShift
// console (OKD 4.22 from source, cached) loading the plugin from that backend, and Chromium.
import { KubeConfig } from '@kubernetes/client-node';
import { ApiClient } from '../../k8s/api-client';
import { openBrowser, type UIBrowser } from '../ui/browser';
import { startUIEnv, type UIEnv } from '../ui/ui-env';
import { okdConsoleRoot, startOkdConsole, type RunningConsole } from './bridge';

export interface OkdEnv {
  env: UIEnv;
  client: ApiClient;
  console: RunningConsole;
  ui: UIBrowser;
  stop(): Promise<void>;
}

/** Browser storage the console reads before its first render: no guided tour or welcome modal. */
const QUIET_CONSOLE = {
  'console-user-settings': JSON.stringify({
    'console.preferredPerspective': 'admin',
    'console.lastPerspective': 'admin',
    'console.guidedTour': { admin: { completed: true }, dev: { completed: true } },
  }),
  'bridge/last-perspective': 'admin',
};

export async function startOkdEnv(outDir: string): Promise<OkdEnv> {
  // Built first (minutes, once): nothing else should be running while it builds.
  const root = await okdConsoleRoot();
  const env = await startUIEnv(outDir);
  const kc = new KubeConfig();
  kc.loadFromFile(env.cluster.kubeconfig);
  const client = ApiClient.fromKubeConfig(kc);
  let okd: RunningConsole | undefined;
  let ui: UIBrowser | undefined;
  const stop = async () => {
    await ui?.close().catch(() => undefined);
    await okd?.stop();
    client.close();
    await env.stop();
  };
  try {
    okd = await startOkdConsole({ client, backendUrl: env.url, dir: outDir, root });
    ui = await openBrowser(outDir);
    await ui.page.addInitScript((items: Record<string, string>) => {
      for (const [k, v] of Object.entries(items))
        if (localStorage.getItem(k) === null) localStorage.setItem(k, v);
    }, QUIET_CONSOLE);
    return { env, client, console: okd, ui, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
