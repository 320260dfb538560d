// webpack configuration of the console-like test host. It shares what OpenShift Console 4.22
// shares with its dynamic plugins, the way the console does: the console-provided modules as eager
// singletons (our own SDK implementation, frontend/sdk, stands in for
// `@openshift-console/dynamic-plugin-sdk`) and every PatternFly dynamic module as an eager shared
// module, each with the installed version, which must satisfy the range the console SDK declares.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import webpack, { type Configuration } from 'webpack';
import { resolve as resolveOptions, ROOT, scriptRule } from '../../frontend/build/webpack-common';

/** The webpack `uniqueName` of the host: the share scope names it as the provider. */
export const HOST_NAME = 'console-host';
export const SDK_PACKAGE = '@openshift-console/dynamic-plugin-sdk';

interface PackageJSON {
  version: string;
  main?: string;
  module?: string;
  peerDependencies?: Record<string, string>;
}

function packageJSON(name: string): PackageJSON {
  return JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as PackageJSON;
}

/**
 * The ES module entry of a package (or of a dynamic-module directory). webpack provides a shared
 * module named by a bare request only when the build itself imports that request; an absolute
 * `import` path is provided whether or not the host uses it, as the console provides all of them.
 */
function esmEntry(dir: string): string {
  const pkg = JSON.parse(
    readFileSync(join(ROOT, 'node_modules', dir, 'package.json'), 'utf8'),
  ) as PackageJSON;
  const entry = pkg.module ?? pkg.main;
  if (!entry) throw new Error(`${dir}/package.json names no entry`);
  return join(ROOT, 'node_modules', dir, entry);
}

/** Shared modules the host imports itself, so that webpack provides them by their bare name. */
const IMPORTED_BY_HOST = new Set([
  'react',
  'react-dom',
  'react-router',
  'react-i18next',
  'i18next',
  '@openshift/dynamic-plugin-sdk',
]);

const parse = (v: string) => v.split('-')[0]!.split('.').map(Number) as [number, number, number];

/** `version` within a `^x.y.z`, `~x.y.z`, `>=x.y.z` or exact range (all the SDK's peers use). */
export function satisfies(version: string, range: string): boolean {
  const m = /^(\^|~|>=\s*)?(\d+\.\d+\.\d+)$/.exec(range.trim());
  if (!m) throw new Error(`unsupported version range ${range}`);
  const [a, b, c] = parse(version);
  const [x, y, z] = parse(m[2]!);
  const atLeast = a !== x ? a > x : b !== y ? b > y : c >= z;
  switch (m[1]?.trim()) {
    case '^':
      return atLeast && a === x && (x > 0 || b === y);
    case '~':
      return atLeast && a === x && b === y;
    case '>=':
      return atLeast;
    default:
      return a === x && b === y && c === z;
  }
}

export interface SharedModule {
  singleton?: boolean;
  eager: boolean;
  version: string;
  requiredVersion: string | false;
  import?: string;
}

/**
 * The console-provided singletons this host provides (the SDK README's list, minus what nothing
 * here can stand in for: `-sdk-internal`, redux, react-redux, redux-thunk and the deprecated
 * react-router-dom aliases, which the SDK 4.22 peers no longer name), plus react-dom and i18next,
 * which the console runs once as well.
 */
export function consoleSingletons(): Record<string, SharedModule> {
  const sdk = packageJSON(SDK_PACKAGE);
  const peers = sdk.peerDependencies ?? {};
  const reactRange = peers.react!;
  const ranges: Record<string, string> = {
    react: reactRange,
    'react-dom': reactRange,
    'react-router': peers['react-router']!,
    'react-i18next': peers['react-i18next']!,
    i18next: packageJSON('react-i18next').peerDependencies!.i18next!,
    '@patternfly/react-topology': peers['@patternfly/react-topology']!,
    '@openshift/dynamic-plugin-sdk': `^${packageJSON('@openshift/dynamic-plugin-sdk').version}`,
  };
  const out: Record<string, SharedModule> = {};
  for (const [name, range] of Object.entries(ranges)) {
    const { version } = packageJSON(name);
    if (!satisfies(version, range))
      throw new Error(`${name} ${version} is installed, but the console SDK's peer range is ${range}`);
    out[name] = {
      singleton: true,
      eager: true,
      version,
      requiredVersion: range,
      ...(IMPORTED_BY_HOST.has(name) ? {} : { import: esmEntry(name) }),
    };
  }
  // Our implementation of the SDK's runtime API, provided under the SDK's name and version.
  out[SDK_PACKAGE] = {
    singleton: true,
    eager: true,
    version: sdk.version,
    requiredVersion: false,
    import: join(ROOT, 'frontend', 'sdk', 'index.ts'),
  };
  return out;
}

/** PatternFly packages with dynamic modules, as the console SDK's webpack plugin lists them. */
const DYNAMIC_MODULE_PACKAGES = [
  '@patternfly/react-core',
  '@patternfly/react-data-view',
  '@patternfly/react-icons',
  '@patternfly/react-table',
  '@patternfly/react-templates',
];

/** Every `<package>/dist/dynamic/...` module of the installed PatternFly packages, eager. */
export function patternflyDynamicModules(): Record<string, SharedModule> {
  const out: Record<string, SharedModule> = {};
  for (const name of DYNAMIC_MODULE_PACKAGES) {
    let map: Record<string, string>;
    try {
      map = JSON.parse(
        readFileSync(join(ROOT, 'node_modules', name, 'dist', 'dynamic-modules.json'), 'utf8'),
      ) as Record<string, string>;
    } catch {
      continue; // not installed
    }
    const { version } = packageJSON(name);
    for (const request of new Set(Object.values(map))) {
      out[`${name}/${request}`] = {
        eager: true,
        version,
        requiredVersion: false,
        import: esmEntry(`${name}/${request}`),
      };
    }
  }
  return out;
}

export interface HostBuildOptions {
  outDir: string;
  /** Shared modules to leave out of the share scope (to prove the test notices). */
  omitShared?: string[];
}

export function sharedModules(omit: string[] = []): Record<string, SharedModule> {
  const all = { ...consoleSingletons(), ...patternflyDynamicModules() };
  for (const name of omit) {
    if (!(name in all)) throw new Error(`no shared module ${name} to leave out`);
    delete all[name];
  }
  return all;
}

export function consoleHostConfig({ outDir, omitShared = [] }: HostBuildOptions): Configuration {
  return {
    mode: 'production',
    context: ROOT,
    entry: { host: './integration-tests/console-host/app/index.tsx' },
    output: {
      path: outDir,
      publicPath: '/static/',
      uniqueName: HOST_NAME,
      filename: '[name].[contenthash].js',
      chunkFilename: '[name].[contenthash].js',
      assetModuleFilename: 'assets/[name].[contenthash][ext]',
      clean: true,
    },
    resolve: resolveOptions,
    module: {
      rules: [
        scriptRule(),
        { test: /\.css$/, use: ['style-loader', 'css-loader'] },
        { test: /\.(woff2?|ttf|eot|svg|png|jpg|gif)$/, type: 'asset/resource' },
      ],
    },
    plugins: [new webpack.container.ModuleFederationPlugin({ shared: sharedModules(omitShared) })],
    // A test fixture: no minification, no source maps, a persistent cache (lean on 2 cores).
    optimization: { minimize: false },
    devtool: false,
    cache: {
      type: 'filesystem',
      cacheDirectory: join(ROOT, 'node_modules', '.cache', 'console-host'),
      name: omitShared.length ? `omit-${omitShared.join('-').replace(/[^\w-]/g, '_')}` : 'default',
      buildDependencies: { config: [new URL(import.meta.url).pathname] },
    },
    performance: { hints: false },
  };
}
