// Runs both frontend builds through webpack's Node API and finishes what webpack does not do:
// the plugin's locales next to its manifest, and the standalone UI's index.html.
import { cp, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import webpack, { type Configuration, type Stats } from 'webpack';
import { pluginConfig } from './plugin.webpack';
import { standaloneConfig } from './standalone.webpack';
import { ROOT } from './webpack-common';

function run(config: Configuration): Promise<Stats> {
  return new Promise((resolve, reject) => {
    webpack(config, (err, stats) => {
      if (err) return reject(err);
      if (!stats) return reject(new Error('webpack returned no stats'));
      if (stats.hasErrors()) {
        return reject(
          new Error(stats.toString({ all: false, errors: true, errorDetails: true, moduleTrace: true })),
        );
      }
      if (stats.hasWarnings()) console.warn(stats.toString({ all: false, warnings: true }));
      resolve(stats);
    });
  });
}

async function dirSize(dir: string, match: (f: string) => boolean): Promise<number> {
  let total = 0;
  for (const f of await readdir(dir, { recursive: true })) {
    const s = await stat(join(dir, f));
    if (s.isFile() && match(f)) total += s.size;
  }
  return total;
}

function indexHtml(stats: Stats): string {
  const assets =
    stats.toJson({ all: false, entrypoints: true, publicPath: true }).entrypoints?.app?.assets ?? [];
  const names = assets.map((a) => a.name);
  const css = names
    .filter((n) => n.endsWith('.css'))
    .map((n) => `    <link rel="stylesheet" href="/static/${n}" />`);
  const js = names
    .filter((n) => n.endsWith('.js'))
    .map((n) => `    <script defer src="/static/${n}"></script>`);
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>MetalLB</title>
${[...css, ...js].join('\n')}
  </head>
  <body>
    <div id="root"></div>
  </body>
</html>
`;
}

export interface UIBuildReport {
  pluginMs: number;
  standaloneMs: number;
  pluginJsBytes: number;
  standaloneJsBytes: number;
}

export async function buildUI(): Promise<UIBuildReport> {
  process.env.NODE_ENV = 'production';
  let t0 = Date.now();
  await run(pluginConfig());
  await cp(join(ROOT, 'locales'), join(ROOT, 'dist', 'locales'), { recursive: true });
  const pluginMs = Date.now() - t0;
  t0 = Date.now();
  const stats = await run(standaloneConfig());
  await writeFile(join(ROOT, 'dist-standalone', 'index.html'), indexHtml(stats));
  const standaloneMs = Date.now() - t0;
  const js = (f: string) => f.endsWith('.js');
  return {
    pluginMs,
    standaloneMs,
    pluginJsBytes: await dirSize(join(ROOT, 'dist'), js),
    standaloneJsBytes: await dirSize(join(ROOT, 'dist-standalone'), js),
  };
}
