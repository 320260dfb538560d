import Koa from 'koa';
import Router from '@koa/router';

export interface AppInfo {
  version: string;
  namespace: string;
  kubernetesVersion: string;
  roles: string[];
}

/**
 * The backend's HTTP surface: health probes and a small JSON API; roles add their own routes to
 * `router` before the app starts serving.
 */
export function createApp(info: AppInfo, isReady: () => boolean, router: Router): Koa {
  const app = new Koa();
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
