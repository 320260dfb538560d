// Vitest globalSetup of the UI tests: builds the plugin and the standalone UI unless current.
import { ensureUIBuilt } from '../../frontend/build/ensure-built';

export async function setup(): Promise<void> {
  const r = await ensureUIBuilt();
  if (r) console.log(`built the UI for the tests: plugin ${r.pluginMs} ms, standalone ${r.standaloneMs} ms`);
}
