// `npm run build`: production bundles of the backend and the speaker (single ESM files with their
// dependencies, so a container image needs only Node and these files).
import { build } from 'esbuild';

const t0 = Date.now();
await build({
  entryPoints: { backend: 'backend/main.ts', speaker: 'speaker/main.ts' },
  outdir: 'dist-server',
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  sourcemap: true,
  logLevel: 'warning',
  // Some CommonJS dependencies call require(); give the ESM bundle one.
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
});
console.log(`built dist-server/backend.js and dist-server/speaker.js in ${Date.now() - t0} ms`);
