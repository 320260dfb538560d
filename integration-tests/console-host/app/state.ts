// What the test host reports about the plugin it loaded, kept in `window.__consoleHost` for the
// Playwright test and shown on the host's home page.

export interface CodeRefResult {
  /** Extension type and index in the plugin's manifest. */
  extension: string;
  /** Property path of the code reference, e.g. `component`. */
  property: string;
  /** The encoded reference, e.g. `pools.ListPage`. */
  ref: string;
  ok: boolean;
  /** `typeof` the resolved value. */
  valueType?: string;
  error?: string;
}

export interface SharedVersion {
  version: string;
  /** The webpack `uniqueName` of the build that registered this version. */
  from: string;
  eager: boolean;
  loaded: boolean;
}

export interface SharedEntry {
  name: string;
  versions: SharedVersion[];
}

export interface HostState {
  phase: 'loading' | 'ready' | 'failed';
  /** A failure of the host itself (not of the plugin). */
  error?: string;
  plugin?: {
    name: string;
    status: 'pending' | 'loaded' | 'failed';
    enabled?: boolean;
    errorMessage?: string;
    errorCause?: string;
    /** Extensions in the manifest the PluginStore loaded. */
    manifestExtensions: number;
  };
  /** Extensions in use once the feature flags are resolved. */
  extensionsInUse: number;
  flags: Record<string, boolean | undefined>;
  codeRefs: CodeRefResult[];
  /** The share scope after every code reference was resolved. */
  shared: SharedEntry[];
  /** Errors caught by a page's error boundary, by location. */
  renderErrors: { path: string; message: string }[];
}

export interface ConsoleHostHandle {
  state: HostState;
  navigate(path: string): void;
}

export type ConsoleHostWindow = Window & { __consoleHost?: ConsoleHostHandle };
