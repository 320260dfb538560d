// Vitest globalSetup of the UI tests: builds the plugin and the standalone UI unless the last
// build is newer than every frontend source.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildUI } from '../../frontend/build/build-ui';

const ROOT = join(import.meta.dirname, '..', '..');
const OUTPUTS = ['dist/plugin-manifest.json', 'dist-standalone/index.html'];
const INPUTS = ['frontend', 'api', 'locales', 'console-extensions.json', 'package.json'];

function newest(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let max = s.mtimeMs;
  for (const f of readdirSync(path, { recursive: true, encoding: 'utf8' }))
    max = Math.max(max, statSync(join(path, f)).mtimeMs);
  return max;
}

export async function setup(): Promise<void> {
  const outputs = OUTPUTS.map((o) => join(ROOT, o));
  const built = outputs.every(existsSync) ? Math.min(...outputs.map((o) => statSync(o).mtimeMs)) : 0;
  const changed = Math.max(...INPUTS.map((i) => newest(join(ROOT, i))));
  if (built > changed) return;
  const r = await buildUI();
  console.log(`built the UI for the tests: plugin ${r.pluginMs} ms, standalone ${r.standaloneMs} ms`);
}
