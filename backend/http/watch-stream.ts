// POST /api/v1/watch: many apiserver watches over one response, for the standalone UI (a browser
// keeps at most six HTTP/1.1 connections per host; one per watch would starve the page). The body
// lists `{id, path}`; the answer is NDJSON: `{id, event}` per watch event, `{id, end, code?,
// message?}` when a watch ends (410 Gone: relist). Each watch runs with the caller's credentials.
import type { IncomingMessage } from 'node:http';
import type Router from '@koa/router';
import type { ApiClient } from '../../k8s/api-client';
import { errorMessage, parseStatus } from '../../k8s/errors';
import { readLines } from '../../k8s/ndjson';
import { clientFor, credentialsOf } from './credentials';

const MAX_WATCHES = 64;
const MAX_BODY = 256 * 1024;

export interface WatchRequest {
  id: number;
  path: string;
}

/** The watches of a request body, or the reason it is refused. */
export function parseWatchRequests(body: unknown): WatchRequest[] | string {
  const list = (body as { watches?: unknown } | undefined)?.watches;
  if (!Array.isArray(list) || list.length === 0)
    return 'body must be {"watches": [{"id": n, "path": "/apis/...?watch=true"}]}';
  if (list.length > MAX_WATCHES) return `at most ${MAX_WATCHES} watches per stream`;
  const out: WatchRequest[] = [];
  for (const w of list as { id?: unknown; path?: unknown }[]) {
    if (typeof w?.id !== 'number' || typeof w.path !== 'string')
      return 'each watch needs a numeric id and a path';
    const url = new URL(w.path.replace(/^\/api\/kubernetes/, ''), 'http://x');
    if (!/^\/apis?\//.test(url.pathname) || url.searchParams.get('watch') !== 'true') {
      return `not a watch of the Kubernetes API: ${w.path}`;
    }
    out.push({ id: w.id, path: url.pathname + url.search });
  }
  return out;
}

/** A JSON request body of at most MAX_BODY bytes. */
export async function readBody(req: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > MAX_BODY) throw new Error('body too large');
    chunks.push(c as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

async function pump(client: ApiClient, w: WatchRequest, signal: AbortSignal, write: (line: object) => void) {
  try {
    const res = await client.open('GET', w.path, { headers: { accept: 'application/json' }, signal });
    if ((res.statusCode ?? 500) >= 400) {
      let text = '';
      for await (const c of res) text += String(c);
      write({ id: w.id, end: true, code: res.statusCode, message: parseStatus(text).message });
      return;
    }
    for await (const line of readLines(res)) {
      const event = JSON.parse(line) as { type?: string; object?: { code?: number; message?: string } };
      if (event.type === 'ERROR') {
        write({ id: w.id, end: true, code: event.object?.code ?? 500, message: event.object?.message });
        return;
      }
      write({ id: w.id, event });
    }
    write({ id: w.id, end: true });
  } catch (err) {
    if (!signal.aborted) write({ id: w.id, end: true, code: 502, message: errorMessage(err) });
  }
}

export function registerWatchStream(router: Router, client: ApiClient, dev: boolean): void {
  router.post('/api/v1/watch', async (ctx) => {
    const creds = credentialsOf(ctx.get('authorization') || undefined, dev);
    if (!creds) {
      ctx.status = 401;
      ctx.body = { error: 'log in with a bearer token' };
      return;
    }
    let watches: WatchRequest[] | string;
    try {
      watches = parseWatchRequests(await readBody(ctx.req));
    } catch (err) {
      watches = (err as Error).message;
    }
    if (typeof watches === 'string') {
      ctx.status = 400;
      ctx.body = { error: watches };
      return;
    }
    const abort = new AbortController();
    ctx.res.on('close', () => abort.abort());
    ctx.respond = false;
    ctx.res.writeHead(200, {
      'Content-Type': 'application/x-ndjson',
      'Cache-Control': 'no-cache',
      'X-Accel-Buffering': 'no',
    });
    const write = (line: object) => {
      if (!ctx.res.writableEnded) ctx.res.write(`${JSON.stringify(line)}\n`);
    };
    const caller = clientFor(client, creds);
    await Promise.all(watches.map((w) => pump(caller, w, abort.signal, write)));
    ctx.res.end();
  });
}
