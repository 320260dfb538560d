// The plugin's exposed modules, loaded lazily by name as the console loads them from the
// plugin's remote container; the names and paths come from package.json's consolePlugin.
import { lazy, type ComponentType } from 'react';
import pkg from '../../package.json';

const exposed: Record<string, string> = pkg.consolePlugin.exposedModules;

export function loadExposed(name: string): Promise<Record<string, unknown>> {
  const path = exposed[name];
  if (!path?.startsWith('./views/')) return Promise.reject(new Error(`no exposed module named ${name}`));
  const dir = path.slice('./views/'.length);
  return import(`../views/${dir}/index.ts`) as Promise<Record<string, unknown>>;
}

const components = new Map<string, ComponentType<Record<string, unknown>>>();

/** A lazy component for `module.export`, created once per reference. */
export function exposedComponent(module: string, exportName: string): ComponentType<Record<string, unknown>> {
  const key = `${module}.${exportName}`;
  let c = components.get(key);
  if (!c) {
    c = lazy(async () => {
      const m = await loadExposed(module);
      const component = m[exportName] as ComponentType<Record<string, unknown>> | undefined;
      if (!component) throw new Error(`module ${module} has no export ${exportName}`);
      return { default: component };
    });
    components.set(key, c);
  }
  return c;
}
