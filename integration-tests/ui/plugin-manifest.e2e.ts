// The built plugin as the console will load it: manifest metadata, every code reference exposed
// by the remote container, and the locale catalogues next to the manifest.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeRefModules, type ExtensionDecl } from '../../frontend/standalone/extensions';

const ROOT = join(import.meta.dirname, '..', '..');
const read = (p: string) => readFileSync(join(ROOT, p), 'utf8');

interface Manifest {
  name: string;
  version: string;
  dependencies: Record<string, string>;
  extensions: ExtensionDecl[];
  loadScripts: string[];
  registrationMethod: string;
  baseURL: string;
}

describe('dist/plugin-manifest.json', () => {
  const manifest = JSON.parse(read('dist/plugin-manifest.json')) as Manifest;
  const pkg = JSON.parse(read('package.json')) as {
    consolePlugin: { name: string; version: string; exposedModules: Record<string, string> };
  };

  it('names the plugin and its version as package.json does', () => {
    expect(manifest.name).toBe('metallb-console-plugin');
    expect(manifest.version).toBe(pkg.consolePlugin.version);
    expect(manifest.dependencies['@console/pluginAPI']).toBe('>=4.22.0-0');
    expect(manifest.baseURL).toBe('/api/plugins/metallb-console-plugin/');
    expect(manifest.registrationMethod).toBe('callback');
  });

  it('carries every extension of console-extensions.json', () => {
    expect(manifest.extensions).toEqual(JSON.parse(read('console-extensions.json')));
  });

  it('exposes every module a code reference names from its entry script', () => {
    const [entry] = manifest.loadScripts;
    expect(entry).toMatch(/^plugin-entry\.[0-9a-f]+\.min\.js$/);
    const script = read(join('dist', entry!));
    expect(script).toContain('__load_plugin_entry__');
    const modules = codeRefModules(manifest.extensions);
    expect(modules.sort()).toEqual(Object.keys(pkg.consolePlugin.exposedModules).sort());
    for (const m of modules) expect(script, m).toMatch(new RegExp(`[{,]"?${m}"?:\\(\\)=>`));
  });

  it('ships the English and Japanese catalogues where the console loads them', () => {
    for (const lng of ['en', 'ja']) {
      const file = join(ROOT, 'dist', 'locales', lng, 'plugin__metallb-console-plugin.json');
      expect(existsSync(file), file).toBe(true);
      expect(Object.keys(JSON.parse(readFileSync(file, 'utf8'))).length).toBeGreaterThan(150);
    }
  });
});
