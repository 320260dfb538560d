// The UI's explain and preview endpoints. Both read the cluster as the caller (their bearer token),
// so an explanation never shows what the caller may not list.
import type Router from '@koa/router';
import { parse as parseYAML } from 'yaml';
import type { PreviewOperation } from '../../api/explain/types';
import type { MetalLBObject } from '../../api/types';
import type { BGPType } from '../../api/validation';
import type { ApiClient } from '../../k8s/api-client';
import { callerOf } from '../http/credentials';
import { answer } from '../http/json-answer';
import { readBody } from '../http/watch-stream';
import { explainService } from './explain';
import { isPreviewKind, previewChange } from './preview';
import { readServiceSnapshot, readSnapshot } from './read';

export interface ExplainDeps {
  client: ApiClient;
  namespace: string;
  dev: boolean;
  lbClass?: string;
  bgpType?: BGPType;
}

export function registerExplainAPI(router: Router, deps: ExplainDeps): void {
  const opts = {
    namespace: deps.namespace,
    ...(deps.lbClass ? { lbClass: deps.lbClass } : {}),
    ...(deps.bgpType ? { bgpType: deps.bgpType } : {}),
  };

  router.get('/api/v1/explain/services/:namespace/:name', async (ctx) => {
    const caller = callerOf(ctx, deps);
    if (!caller) return;
    await answer(ctx, async () => {
      const { namespace, name } = ctx.params as { namespace: string; name: string };
      const out = explainService(
        await readServiceSnapshot(caller, opts, { namespace, name }),
        namespace,
        name,
      );
      if (!out) {
        ctx.status = 404;
        return { error: `Service ${namespace}/${name} not found` };
      }
      return out;
    });
  });

  router.post('/api/v1/preview', async (ctx) => {
    const caller = callerOf(ctx, deps);
    if (!caller) return;
    await answer(ctx, async () => {
      const req = parsePreviewRequest(await readBody(ctx.req).catch(() => undefined));
      if (typeof req === 'string') {
        ctx.status = 400;
        return { error: req };
      }
      return previewChange(await readSnapshot(caller, opts), req.object, req.operation);
    });
  });
}

/** `{"object": {...}}` or `{"yaml": "..."}`, with `"operation": "apply" | "delete"`; or why not. */
export function parsePreviewRequest(
  body: unknown,
): { object: MetalLBObject; operation: PreviewOperation } | string {
  const b = (body ?? {}) as { object?: unknown; yaml?: unknown; operation?: unknown };
  let obj = b.object;
  if (typeof b.yaml === 'string') {
    try {
      obj = parseYAML(b.yaml);
    } catch (err) {
      return `yaml does not parse: ${(err as Error).message}`;
    }
  }
  const o = obj as { kind?: unknown; metadata?: { name?: unknown } } | undefined;
  if (!o || typeof o !== 'object' || typeof o.kind !== 'string' || typeof o.metadata?.name !== 'string') {
    return 'body must be {"object": {kind, metadata.name, spec}} or {"yaml": "..."}, with a metallb.io object';
  }
  if (!isPreviewKind(o.kind))
    return `cannot preview a ${o.kind}: only address pools, advertisements, BGP peers, BFD profiles and communities`;
  const operation = b.operation === 'delete' ? 'delete' : 'apply';
  return { object: obj as MetalLBObject, operation };
}
