// Files of the built UI: the plugin (dist/) where the console and the standalone host fetch it,
// the standalone UI's assets, and its index.html for every page URL (client-side routes).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type Router from '@koa/router';
import type { Context } from 'koa';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

/** Paths the UI must never shadow (the API and the probes). */
const RESERVED = /^\/(api|healthz|readyz|metrics)(\/|$)/;

async function sendFile(ctx: Context, root: string, rel: string, cache: string): Promise<boolean> {
  const file = normalize(join(root, rel));
  if (!file.startsWith(root + sep)) return false;
  const s = await stat(file).catch(() => undefined);
  if (!s?.isFile()) return false;
  ctx.type = TYPES[extname(file)] ?? 'application/octet-stream';
  ctx.length = s.size;
  ctx.set('Cache-Control', cache);
  ctx.body = createReadStream(file);
  return true;
}

export interface UIDirs {
  /** The console plugin build (plugin-manifest.json at its root). */
  plugin: string;
  /** The standalone UI build (index.html and assets). */
  standalone: string;
}

/**
 * Where the plugin is served: the console's own path for it (used by the standalone host and test
 * hosts), and the root, which is the ConsolePlugin service's basePath (`/`): plugin files and the
 * standalone UI's pages share the root without clashing (the UI's assets live under /static/).
 */
export const PLUGIN_PATH = '/api/plugins/metallb-console-plugin';

/** The manifest and the locales keep their names across builds; chunks are content-hashed. */
function pluginCache(rel: string): string {
  return /\.(min\.js|css)$/.test(rel) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

export function registerStaticFiles(router: Router, dirs: UIDirs): void {
  const notBuilt = (ctx: Context, what: string) => {
    ctx.status = 503;
    ctx.type = 'text/plain';
    ctx.body = `the ${what} is not built: run npm run build\n`;
  };
  router.get(`${PLUGIN_PATH}/{*file}`, async (ctx) => {
    const rel = ctx.path.slice(PLUGIN_PATH.length + 1) || 'plugin-manifest.json';
    if (!(await sendFile(ctx, dirs.plugin, rel, pluginCache(rel)))) {
      if (rel === 'plugin-manifest.json') notBuilt(ctx, 'console plugin');
      else ctx.status = 404;
    }
  });
  router.get('/static/{*file}', async (ctx) => {
    if (
      !(await sendFile(
        ctx,
        dirs.standalone,
        ctx.path.slice('/static/'.length),
        'public, max-age=31536000, immutable',
      ))
    ) {
      ctx.status = 404;
    }
  });
  router.get('/{*page}', async (ctx, next) => {
    if (RESERVED.test(ctx.path) || ctx.path.startsWith('/static/')) return next();
    const rel = ctx.path.slice(1);
    if (rel && (await sendFile(ctx, dirs.plugin, rel, pluginCache(rel)))) return;
    if (rel === 'plugin-manifest.json') return notBuilt(ctx, 'console plugin');
    if (!(await sendFile(ctx, dirs.standalone, 'index.html', 'no-cache'))) notBuilt(ctx, 'standalone UI');
  });
}
