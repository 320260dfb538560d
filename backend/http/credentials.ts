// Whose credentials a UI request uses: the caller's bearer token, always. Only in development
// (`--dev`) may a request without a token use the backend's own kubeconfig credentials.
import type { Context } from 'koa';
import type { ApiClient } from '../../k8s/api-client';

export type Credentials = { kind: 'token'; token: string } | { kind: 'backend' };

export function credentialsOf(authorization: string | undefined, dev: boolean): Credentials | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (m) return { kind: 'token', token: m[1]! };
  return dev ? { kind: 'backend' } : undefined;
}

/** The client acting as the caller: with their token (and only the cluster's CA), or as us in dev. */
export function clientFor(backend: ApiClient, creds: Credentials): ApiClient {
  return creds.kind === 'token' ? backend.withBearerToken(creds.token) : backend;
}

/** The client acting as the request's caller, or undefined after answering 401. */
export function callerOf(ctx: Context, deps: { client: ApiClient; dev: boolean }): ApiClient | undefined {
  const creds = credentialsOf(ctx.get('authorization') || undefined, deps.dev);
  if (!creds) {
    ctx.status = 401;
    ctx.body = { error: 'log in with a bearer token' };
    return undefined;
  }
  return clientFor(deps.client, creds);
}
