// Builds the console-like test host with webpack's Node API into a directory with an index.html.
// By hand: `npx tsx integration-tests/console-host/build-host.ts [--omit-shared react-i18next]`.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import webpack, { type Stats } from 'webpack';
import { ROOT } from '../../frontend/build/webpack-common';
import { consoleHostConfig, type HostBuildOptions } from './host.webpack';

export const DEFAULT_HOST_DIR = join(ROOT, 'test-results', 'console-host', 'host');

function indexHtml(stats: Stats): string {
  const assets = stats.toJson({ all: false, entrypoints: true }).entrypoints?.host?.assets ?? [];
  const scripts = assets
    .map((a) => a.name)
    .filter((n) => n.endsWith('.js'))
    .map((n) => `    <script defer src="/static/${n}"></script>`);
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Console test host</title>
${scripts.join('\n')}
  </head>
  <body>
    <div id="app"></div>
  </body>
</html>
`;
}

export interface HostBuild {
  dir: string;
  ms: number;
}

export async function buildConsoleHost(opts: Partial<HostBuildOptions> = {}): Promise<HostBuild> {
  const outDir = opts.outDir ?? DEFAULT_HOST_DIR;
  const t0 = Date.now();
  const stats = await new Promise<Stats>((resolve, reject) => {
    const compiler = webpack(consoleHostConfig({ outDir, omitShared: opts.omitShared ?? [] }));
    compiler.run((err, result) => {
      compiler.close(() => undefined);
      if (err) return reject(err);
      if (!result) return reject(new Error('webpack returned no stats'));
      if (result.hasErrors())
        return reject(new Error(result.toString({ all: false, errors: true, errorDetails: true })));
      resolve(result);
    });
  });
  await writeFile(join(outDir, 'index.html'), indexHtml(stats));
  return { dir: outDir, ms: Date.now() - t0 };
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const { values } = parseArgs({
    options: { 'omit-shared': { type: 'string', multiple: true }, out: { type: 'string' } },
  });
  const r = await buildConsoleHost({
    ...(values.out ? { outDir: values.out } : {}),
    omitShared: values['omit-shared'] ?? [],
  });
  console.log(`built the console test host into ${r.dir} in ${r.ms} ms`);
}
