import Koa from 'koa';
import Router from '@koa/router';
import { errorMessage } from '../../k8s/errors';
import type { Logger } from '../../k8s/log';

export interface AppInfo {
  version: string;
  namespace: string;
  kubernetesVersion: string;
  roles: string[];
}

/** Codes of a client that went away mid-answer (tab closed, fetch aborted, proxy gave up). */
const CLIENT_GONE = new Set(['ERR_STREAM_PREMATURE_CLOSE', 'ECONNRESET', 'EPIPE', 'ECONNABORTED']);

export function clientWentAway(err: unknown): boolean {
  return CLIENT_GONE.has((err as NodeJS.ErrnoException | undefined)?.code ?? '');
}

/**
 * Koa's default error listener prints stack traces to stderr, outside our JSON log; every error a
 * request leaves (a streamed body cut by the client included) becomes one log line instead. A
 * client leaving early is routine, so only debug; errors meant for the client (ctx.throw with
 * expose) were answered already.
 */
export function logRequestErrors(app: Koa, log: Logger): void {
  app.on('error', (err: Error & { expose?: boolean; status?: number }, ctx?: Koa.Context) => {
    const fields = {
      err: errorMessage(err),
      code: (err as NodeJS.ErrnoException).code,
      method: ctx?.method,
      path: ctx?.path,
    };
    if (clientWentAway(err)) log.debug(fields, 'client closed the connection before the answer ended');
    else if (err.expose || err.status === 404) log.debug(fields, 'request refused');
    else log.error({ ...fields, stack: err.stack }, 'request failed');
  });
}

/**
 * The backend's HTTP surface: health probes and a small JSON API; roles add their own routes to
 * `router` before the app starts serving.
 */
export function createApp(info: AppInfo, isReady: () => boolean, router: Router, log: Logger): Koa {
  const app = new Koa();
  logRequestErrors(app, log);
  router.get('/healthz', (ctx) => {
    ctx.body = 'ok';
  });
  router.get('/readyz', (ctx) => {
    const ready = isReady();
    ctx.status = ready ? 200 : 503;
    ctx.body = ready ? 'ok' : 'not ready';
  });
  router.get('/api/v1/info', (ctx) => {
    ctx.body = info;
  });
  app.use(router.routes()).use(router.allowedMethods());
  return app;
}
