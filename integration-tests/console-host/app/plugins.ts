// Loads a dynamic plugin the way Console 4.22 does: a PluginStore from
// `@openshift/dynamic-plugin-sdk` whose loader fetches `/api/plugins/<name>/plugin-manifest.json`,
// runs the entry script (which calls `window.__load_plugin_entry__`), initialises the plugin's
// container with this host's webpack share scope and decodes the code references. Then it sets the
// feature flags of `console.flag/model` extensions from discovery, resolves every code reference
// and records what the share scope holds.
import { isCodeRef, PluginStore, type CodeRef, type LoadedExtension } from '@openshift/dynamic-plugin-sdk';
import type { CodeRefResult, HostState, SharedEntry } from './state';

declare const __webpack_init_sharing__: (scope: string) => Promise<void>;
declare const __webpack_share_scopes__: Record<
  string,
  Record<string, Record<string, { from: string; eager?: boolean; loaded?: unknown }>>
>;

/** The console version this host stands in for (`@console/pluginAPI`). */
export const CONSOLE_VERSION = '4.22.0';

export interface ModelRef {
  group?: string;
  version?: string;
  kind: string;
}

type Listener = () => void;

/** The host's state, observable from React and readable by the test. */
export class HostStateStore {
  private listeners = new Set<Listener>();
  state: HostState = {
    phase: 'loading',
    extensionsInUse: 0,
    flags: {},
    codeRefs: [],
    shared: [],
    renderErrors: [],
  };

  update(patch: Partial<HostState>): void {
    this.state = { ...this.state, ...patch };
    this.listeners.forEach((l) => l());
  }

  subscribe = (l: Listener): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  get = (): HostState => this.state;
}

function message(e: unknown): string {
  if (e instanceof Error) {
    const cause = (e as Error & { cause?: unknown }).cause;
    const causes = Array.isArray(cause) ? cause : cause ? [cause] : [];
    return [e.message, ...causes.map(message)].join(': ');
  }
  return String(e);
}

/** Whether the apiserver serves `model` (how the console resolves `console.flag/model`). */
export async function hasModel(model: ModelRef): Promise<boolean> {
  const path = model.group ? `/apis/${model.group}/${model.version}` : `/api/${model.version}`;
  const res = await fetch(`/api/kubernetes${path}`);
  if (!res.ok) return false;
  const list = (await res.json()) as { resources?: { kind: string }[] };
  return (list.resources ?? []).some((r) => r.kind === model.kind);
}

function codeRefsOf(value: unknown, path: string, out: [string, CodeRef][]): void {
  if (isCodeRef(value)) out.push([path, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => codeRefsOf(v, `${path}[${i}]`, out));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) codeRefsOf(v, path ? `${path}.${k}` : k, out);
}

async function resolveAll(extensions: LoadedExtension[]): Promise<CodeRefResult[]> {
  const jobs: Promise<CodeRefResult>[] = [];
  for (const ext of extensions) {
    const refs: [string, CodeRef][] = [];
    codeRefsOf(ext.properties, '', refs);
    const index = /\[(\d+)\]/.exec(ext.uid)?.[1] ?? '?';
    for (const [property, ref] of refs) {
      const base = {
        extension: `${ext.type}#${index}`,
        property,
        ref: /\[(.*)\]$/.exec(ref.name)?.[1] ?? ref.name,
      };
      jobs.push(
        ref().then(
          (v) =>
            v === undefined || v === null
              ? { ...base, ok: false, valueType: String(v), error: 'resolved to nothing' }
              : { ...base, ok: true, valueType: typeof v },
          (e: unknown) => ({ ...base, ok: false, error: message(e) }),
        ),
      );
    }
  }
  return Promise.all(jobs);
}

function shareScopeReport(): SharedEntry[] {
  const scope = __webpack_share_scopes__.default ?? {};
  return Object.entries(scope)
    .map(([name, versions]) => ({
      name,
      versions: Object.entries(versions).map(([version, v]) => ({
        version,
        from: v.from,
        eager: !!v.eager,
        loaded: !!v.loaded,
      })),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export interface LoadedConsolePlugin {
  store: PluginStore;
  extensions: LoadedExtension[];
}

/** Loads `pluginName` into a new PluginStore; every outcome ends up in `host.state`. */
export async function loadConsolePlugin(
  pluginName: string,
  host: HostStateStore,
): Promise<LoadedConsolePlugin | undefined> {
  // Registers this host's shared modules (all eager) in the `default` share scope.
  await __webpack_init_sharing__('default');
  const store = new PluginStore({
    loaderOptions: {
      sharedScope: __webpack_share_scopes__.default!,
      customDependencyResolutions: { '@console/pluginAPI': CONSOLE_VERSION },
    },
  });
  await store.loadPlugin(`/api/plugins/${pluginName}/plugin-manifest.json`);
  const info = store.getPluginInfo().find((p) => p.manifest.name === pluginName);
  if (!info) throw new Error(`the PluginStore knows no plugin ${pluginName}`);
  host.update({
    plugin: {
      name: pluginName,
      status: info.status,
      manifestExtensions: info.manifest.extensions.length,
      ...(info.status === 'loaded' ? { enabled: info.enabled } : {}),
      ...(info.status === 'failed'
        ? {
            errorMessage: info.errorMessage,
            ...(info.errorCause ? { errorCause: message(info.errorCause) } : {}),
          }
        : {}),
    },
  });
  if (info.status !== 'loaded') return undefined;

  const flags: Record<string, boolean> = {};
  for (const ext of store.getExtensions()) {
    if (ext.type !== 'console.flag/model') continue;
    const { flag, model } = ext.properties as { flag: string; model: ModelRef };
    flags[flag] = await hasModel(model).catch(() => false);
  }
  store.setFeatureFlags(flags);
  const extensions = store.getExtensions();
  const codeRefs = await resolveAll(extensions);
  host.update({
    flags: store.getFeatureFlags(),
    extensionsInUse: extensions.length,
    codeRefs,
    shared: shareScopeReport(),
  });
  return { store, extensions };
}
