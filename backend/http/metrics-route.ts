// GET /metrics on the backend's own HTTP port, from the process-wide registry.
import type Router from '@koa/router';
import { registry } from '../../k8s/metrics';

const served = new WeakSet<Router>();

/** Adds GET /metrics to the backend's router (once per router: roles may each ask). */
export function serveMetrics(router: Router): void {
  if (served.has(router)) return;
  served.add(router);
  router.get('/metrics', async (ctx) => {
    ctx.type = registry.contentType;
    ctx.body = await registry.metrics();
  });
}
