// Builds the console plugin and the standalone UI unless the last build is newer than every
// frontend source: for the UI tests and for `npm start` on a fresh clone.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildUI, type UIBuildReport } from './build-ui';

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

/** Builds the UI if stale; returns the build times, or null when it was current. */
export async function ensureUIBuilt(): Promise<UIBuildReport | null> {
  const outputs = OUTPUTS.map((o) => join(ROOT, o));
  const built = outputs.every(existsSync) ? Math.min(...outputs.map((o) => statSync(o).mtimeMs)) : 0;
  const changed = Math.max(...INPUTS.map((i) => newest(join(ROOT, i))));
  if (built > changed) return null;
  return buildUI();
}
