import Koa from 'koa';
import Router from '@koa/router';

export interface AppInfo {
  version: string;
  namespace: string;
  kubernetesVersion: string;
}

/** The backend's HTTP surface: health probes and a small JSON API for the UI. */
export function createApp(info: AppInfo, isReady: () => boolean): Koa {
  const app = new Koa();
  const router = new Router();
  router.get('/healthz', (ctx) => {
    ctx.body = 'ok';
  });
  router.get('/readyz', (ctx) => {
    ctx.status = isReady() ? 200 : 503;
    ctx.body = isReady() ? 'ok' : 'not ready';
  });
  router.get('/api/v1/info', (ctx) => {
    ctx.body = info;
  });
  app.use(router.routes()).use(router.allowedMethods());
  return app;
}
