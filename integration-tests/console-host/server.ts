// The test host's HTTP server, in the console bridge's place: the host bundle at `/static/`, its
// index.html (with `SERVER_FLAGS.consolePlugins`) for every other page, the plugin's files at
// `/api/plugins/<name>/`, the plugin's catalogues at `/locales/resource.json`, and everything
// else under `/api/` (the Kubernetes API at `/api/kubernetes/`, the backend's REST API) proxied to
// the backend, streams included.
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

export interface HostServerOptions {
  /** The built host (index.html and the bundle). */
  hostDir: string;
  /** The plugin's production build (plugin-manifest.json, chunks, locales/). */
  pluginDir: string;
  pluginName: string;
  /** The backend's base URL, e.g. `http://127.0.0.1:1234/`. */
  backendUrl: string;
  language?: string;
}

export interface HostServer {
  url: string;
  /** Requests answered, as `METHOD path status`, for failures worth reporting. */
  log: string[];
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.css': 'text/css',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.png': 'image/png',
  '.txt': 'text/plain',
};

/** `rel` inside `dir`, or undefined when it would leave it. */
function inside(dir: string, rel: string): string | undefined {
  const p = normalize(join(dir, decodeURIComponent(rel)));
  return p === dir || p.startsWith(dir.endsWith(sep) ? dir : dir + sep) ? p : undefined;
}

async function sendFile(res: ServerResponse, file: string | undefined): Promise<number> {
  const s = file ? await stat(file).catch(() => undefined) : undefined;
  if (!file || !s?.isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return 404;
  }
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'content-length': s.size,
    'cache-control': 'no-store',
  });
  createReadStream(file).pipe(res);
  return 200;
}

function proxy(req: IncomingMessage, res: ServerResponse, backend: URL): Promise<number> {
  return new Promise((resolve) => {
    const target = new URL(req.url ?? '/', backend);
    const upstream = request(
      target,
      { method: req.method, headers: { ...req.headers, host: target.host } },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
        resolve(up.statusCode ?? 502);
      },
    );
    let clientGone = false;
    upstream.on('error', (err) => {
      // 499: the browser went away first (a watch stream it reopened, a page it left).
      if (clientGone) return resolve(499);
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`proxy error: ${err.message}`);
      resolve(502);
    });
    res.on('close', () => {
      clientGone = !res.writableFinished;
      upstream.destroy();
    });
    req.pipe(upstream);
  });
}

export async function startHostServer(opts: HostServerOptions): Promise<HostServer> {
  const backend = new URL(opts.backendUrl);
  const pluginPrefix = `/api/plugins/${opts.pluginName}/`;
  const template = await readFile(join(opts.hostDir, 'index.html'), 'utf8');
  const flags = { consolePlugins: [opts.pluginName], language: opts.language ?? 'en' };
  const index = template.replace(
    '<head>',
    `<head>\n    <script>window.SERVER_FLAGS = ${JSON.stringify(flags)};</script>`,
  );
  const log: string[] = [];

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<number> => {
    const url = new URL(req.url ?? '/', 'http://host');
    const path = url.pathname;
    if (path.startsWith(pluginPrefix))
      return sendFile(res, inside(opts.pluginDir, path.slice(pluginPrefix.length)));
    if (path === '/locales/resource.json') {
      const lng = url.searchParams.get('lng') ?? '';
      const ns = url.searchParams.get('ns') ?? '';
      const ok = /^[a-zA-Z-]+$/.test(lng) && ns === `plugin__${opts.pluginName}`;
      return sendFile(res, ok ? inside(opts.pluginDir, `locales/${lng}/${ns}.json`) : undefined);
    }
    if (path.startsWith('/api/')) return proxy(req, res, backend);
    if (path.startsWith('/static/'))
      return sendFile(res, inside(opts.hostDir, path.slice('/static/'.length)));
    res.writeHead(200, { 'content-type': TYPES['.html']!, 'cache-control': 'no-store' }).end(index);
    return 200;
  };

  const server = createServer((req, res) => {
    handle(req, res).then(
      (status) => {
        if (status >= 400 && status !== 499) log.push(`${req.method} ${req.url} ${status}`);
      },
      (err: Error) => {
        log.push(`${req.method} ${req.url} 500 ${err.message}`);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(err.message);
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    log,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
