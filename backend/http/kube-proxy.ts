// `/api/kubernetes/...`: the apiserver as the UI's SDK calls it, forwarded with the caller's
// credentials (watches stream through). The console's own bridge serves the same path.
import type Router from '@koa/router';
import type { ApiClient } from '../../k8s/api-client';
import { errorMessage } from '../../k8s/errors';
import { clientFor, credentialsOf } from './credentials';

export const KUBE_PREFIX = '/api/kubernetes';
const FORWARDED_REQUEST_HEADERS = ['accept', 'content-type'];
const FORWARDED_RESPONSE_HEADERS = ['content-type', 'cache-control', 'warning', 'audit-id'];

export function registerKubeProxy(router: Router, client: ApiClient, dev: boolean): void {
  router.all(`${KUBE_PREFIX}/{*rest}`, async (ctx) => {
    const creds = credentialsOf(ctx.get('authorization') || undefined, dev);
    if (!creds) {
      ctx.status = 401;
      ctx.body = {
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        reason: 'Unauthorized',
        code: 401,
        message: 'log in with a bearer token',
      };
      return;
    }
    const headers: Record<string, string> = {};
    for (const h of FORWARDED_REQUEST_HEADERS) {
      const v = ctx.get(h);
      if (v) headers[h] = v;
    }
    const abort = new AbortController();
    ctx.res.on('close', () => abort.abort());
    let upstream;
    try {
      const body = ctx.method === 'GET' || ctx.method === 'HEAD' ? undefined : ctx.req;
      upstream = await clientFor(client, creds).open(ctx.method, ctx.url.slice(KUBE_PREFIX.length), {
        headers,
        signal: abort.signal,
        ...(body ? { body } : {}),
      });
    } catch (err) {
      ctx.status = 502;
      ctx.body = {
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        code: 502,
        message: `API server unreachable: ${errorMessage(err)}`,
      };
      return;
    }
    ctx.respond = false;
    const out: Record<string, string> = {};
    for (const h of FORWARDED_RESPONSE_HEADERS) {
      const v = upstream.headers[h];
      if (typeof v === 'string') out[h] = v;
    }
    // A watch answers in chunks; don't let anything buffer them.
    if (ctx.query.watch === 'true' || ctx.query.watch === '1') out['x-accel-buffering'] = 'no';
    ctx.res.writeHead(upstream.statusCode ?? 502, out);
    upstream.pipe(ctx.res);
    upstream.on('error', () => ctx.res.destroy());
  });
}
