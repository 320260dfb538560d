// A JSON route's answer: the work's result, or its error with the apiserver's status when that is
// the caller's fault (4xx: forbidden, not found), else 502 (the apiserver failed us).
import type { Context } from 'koa';
import { statusOf } from '../../k8s/errors';

export async function answer(ctx: Context, work: () => Promise<unknown>): Promise<void> {
  try {
    ctx.body = await work();
  } catch (err) {
    const code = statusOf(err);
    ctx.status = code && code >= 400 && code < 500 ? code : 502;
    ctx.body = { error: (err as Error).message };
  }
}
