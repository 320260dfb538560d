// Entry of the console-like test host: PatternFly's base styles (the console ships them; plugins
// must not), i18n, then each plugin of `SERVER_FLAGS.consolePlugins` loaded through the PluginStore,
// the models of its resource pages discovered, and its navigation and pages mounted.
import '@patternfly/react-core/dist/styles/base.css';
import { Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import type { K8sModel } from '@openshift-console/dynamic-plugin-sdk';
import type { CodeRef } from '@openshift/dynamic-plugin-sdk';
import {
  registerResourceActionProviders,
  type ResourceActionsHook,
} from '../../../frontend/sdk/action-service';
import { App, type Runtime } from './App';
import { initI18n } from './i18n';
import { discoverModel, referenceFor } from './models';
import { pageDecls } from './pages';
import { HostStateStore, loadConsolePlugin, type ModelRef } from './plugins';
import type { ConsoleHostWindow } from './state';

interface ServerFlags {
  consolePlugins: string[];
  language?: string;
}

const flags = (window as Window & { SERVER_FLAGS?: ServerFlags }).SERVER_FLAGS ?? { consolePlugins: [] };
const host = new HostStateStore();
(window as ConsoleHostWindow).__consoleHost = {
  get state() {
    return host.state;
  },
  navigate: () => undefined,
};

const root = createRoot(document.getElementById('app')!);
const render = (runtime?: Runtime) =>
  root.render(
    <Suspense fallback={null}>
      <App host={host} {...(runtime ? { runtime } : {})} />
    </Suspense>,
  );

async function start(): Promise<void> {
  await initI18n(flags.language ?? 'en');
  render();
  const [name, ...others] = flags.consolePlugins;
  if (!name) throw new Error('SERVER_FLAGS.consolePlugins names no plugin');
  if (others.length) throw new Error('this host loads one plugin at a time');
  const loaded = await loadConsolePlugin(name, host);
  if (!loaded) {
    host.update({ phase: 'failed' });
    return;
  }
  // Each resource-provider's hook, resolved through the PluginStore like the console does.
  registerResourceActionProviders(
    loaded.extensions
      .filter((e) => e.type === 'console.action/resource-provider')
      .map((e) => {
        const p = e.properties as { model: ModelRef; provider: CodeRef<ResourceActionsHook> };
        return { reference: referenceFor(p.model), load: () => p.provider() };
      }),
  );
  const refs = new Map<string, ModelRef>();
  for (const e of loaded.extensions) {
    if (e.type !== 'console.page/resource/list' && e.type !== 'console.page/resource/details') continue;
    const model = (e.properties as { model: ModelRef }).model;
    refs.set(referenceFor(model), model);
  }
  const models = new Map<string, K8sModel>();
  const errors: string[] = [];
  for (const [ref, model] of refs) {
    await discoverModel(model).then(
      (m) => models.set(ref, m),
      (e: Error) => errors.push(e.message),
    );
  }
  render({ extensions: loaded.extensions, pages: pageDecls(loaded.extensions, models) });
  host.update(errors.length ? { phase: 'failed', error: errors.join('; ') } : { phase: 'ready' });
}

start().catch((e: unknown) => {
  host.update({ phase: 'failed', error: e instanceof Error ? e.message : String(e) });
  render();
});
