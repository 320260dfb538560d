// `npm run build`: production bundles of the backend and the speaker (single ESM files with their
// dependencies, so a container image needs only Node and these files), the console plugin
// (dist/) and the standalone UI (dist-standalone/).
//   npm run build -- --ui        only the plugin and the standalone UI
//   npm run build -- --server    only the backend and the speaker
// The speaker's native addon (speaker/native) is built if stale and copied next to the bundle, as
// dist-server/metallb_native.node, where the bundled speaker looks for it.
import { execFileSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { buildUI } from '../frontend/build/build-ui';

const { values } = parseArgs({ options: { ui: { type: 'boolean' }, server: { type: 'boolean' } } });
const all = !values.ui && !values.server;

if (all || values.server) {
  const t0 = Date.now();
  await build({
    entryPoints: { backend: 'backend/main.ts', speaker: 'speaker/main.ts' },
    outdir: 'dist-server',
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'esm',
    sourcemap: true,
    // No comments or layout: V8 keeps each bundle's source text in the heap for the process's life,
    // and one non-ASCII character in a comment (undici's "response’s") makes it two bytes per
    // character: 7.5 MB of the speaker's heap. Identifiers keep their names for stack traces.
    minifyWhitespace: true,
    minifySyntax: true,
    // Licence comments go to <bundle>.LEGAL.txt beside it.
    legalComments: 'external',
    logLevel: 'warning',
    // Some CommonJS dependencies call require(); give the ESM bundle one.
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  });
  console.log(`built dist-server/backend.js and dist-server/speaker.js in ${Date.now() - t0} ms`);
  execFileSync('bash', ['speaker/native/build.sh'], { stdio: 'inherit' });
  copyFileSync('speaker/native/build/metallb_native.node', 'dist-server/metallb_native.node');
  console.log('copied the native addon to dist-server/metallb_native.node');
}

if (all || values.ui) {
  const r = await buildUI();
  const kib = (n: number) => `${Math.round(n / 1024)} KiB`;
  console.log(
    `built the console plugin into dist/ in ${r.pluginMs} ms (${kib(r.pluginJsBytes)} of JavaScript)`,
  );
  console.log(
    `built the standalone UI into dist-standalone/ in ${r.standaloneMs} ms (${kib(r.standaloneJsBytes)} of JavaScript)`,
  );
}
