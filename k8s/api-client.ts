// The one apiserver client of every program: plain JSON over keep-alive connections, a deadline
// on every call (streams end by their abort signal instead), one error type (KubeError), and the
// verbs the product uses: get/list, create/replace/delete, merge and JSON patch, server-side
// apply (objects and their status), watch. Bodies are sent as the JSON we built, never through
// client-node's typed models, which drop fields such as `default` and `x-kubernetes-validations`
// from CRD schemas.
import type { IncomingMessage } from 'node:http';
import type { KubeConfig } from '@kubernetes/client-node';
import { knownKind, resourcePath, type ResourceKind } from '../api/kinds';
import { BearerTokenConnection, KubeConfigConnection, SharedTokenAgent, type Connection } from './connection';
import { DiscoveryCache } from './discovery';
import { isStatus, KubeError } from './errors';
import { readLines } from './ndjson';
import { callSignal, readBody, send, statusError, transportError } from './transport';

export const CONTENT_TYPE = {
  json: 'application/json',
  mergePatch: 'application/merge-patch+json',
  jsonPatch: 'application/json-patch+json',
  apply: 'application/apply-patch+yaml',
} as const;

export const DEFAULT_TIMEOUT_MS = 30_000;

export type Query = Record<string, string | number | boolean | undefined>;

export interface ClientOptions {
  /** Deadline of every call that does not set its own. */
  timeoutMs?: number;
  /** Connections kept per credential. */
  maxSockets?: number;
}

export interface CallOptions {
  body?: unknown;
  contentType?: string;
  query?: Query;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface StreamOptions {
  headers?: Record<string, string>;
  body?: string | NodeJS.ReadableStream;
  query?: Query;
  /** Ends the stream; the deadline covers only the wait for the response's headers. */
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** What the client needs of any object: where it lives (client-node's and our types both fit). */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; resourceVersion?: string };
}

export interface ObjectList<T> {
  items: T[];
  metadata?: { resourceVersion?: string; continue?: string };
}

export interface WatchEvent<T> {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: T;
}

export interface ApplyOptions {
  fieldManager: string;
  /** Take over fields another manager owns (our objects: a manual edit is reverted). */
  force?: boolean;
  subresource?: 'status';
}

/**
 * The wait a 429 asks for (Retry-After seconds), between 100 ms (never a busy loop against a busy
 * server) and 1 s; 200 ms when it names none.
 */
export function retryAfterMs(header: string | string[] | undefined): number {
  const seconds = Number(Array.isArray(header) ? header[0] : header);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.min(Math.max(seconds * 1000, 100), 1000) : 200;
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), reject(new Error('aborted'))), { once: true });
  });
}

export function withQuery(path: string, query: Query | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path;
}

export class ApiClient {
  private readonly discovery = new DiscoveryCache((path) => this.find(path));

  private constructor(
    private readonly conn: Connection,
    private readonly timeoutMs: number,
    private readonly tokens: SharedTokenAgent | undefined,
  ) {}

  /** A client acting with the kubeconfig's credentials. */
  static fromKubeConfig(kc: KubeConfig, o: ClientOptions = {}): ApiClient {
    const maxSockets = o.maxSockets ?? 32;
    return new ApiClient(
      new KubeConfigConnection(kc, maxSockets),
      o.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      new SharedTokenAgent(kc, maxSockets),
    );
  }

  /** The same cluster with a caller's bearer token (and only the cluster's CA). */
  withBearerToken(token: string): ApiClient {
    if (!this.tokens) throw new Error('a bearer-token client cannot derive another one');
    return new ApiClient(new BearerTokenConnection(this.tokens, token), this.timeoutMs, undefined);
  }

  get server(): URL {
    return this.conn.server;
  }

  /** One call; resolves with the parsed JSON answer, rejects with a KubeError. */
  async request<T>(method: string, path: string, o: CallOptions = {}): Promise<T> {
    const timeoutMs = o.timeoutMs ?? this.timeoutMs;
    const { deadline, signal } = callSignal(timeoutMs, o.signal);
    const url = new URL(withQuery(path, o.query), this.conn.server);
    const what = `${method} ${url.pathname}`;
    const payload = o.body === undefined ? undefined : JSON.stringify(o.body);
    try {
      const { agent, headers } = await this.conn.options();
      const h: Record<string, string | number> = { ...headers, accept: CONTENT_TYPE.json };
      if (payload !== undefined) {
        h['content-type'] = o.contentType ?? CONTENT_TYPE.json;
        h['content-length'] = Buffer.byteLength(payload);
      }
      let res = await send({ method, url, agent, headers: h, body: payload, signal });
      let text = await readBody(res, signal);
      // A read the apiserver cannot serve yet (a new CRD's storage warming up, priority and
      // fairness) is asked again after its Retry-After until the call's deadline.
      while (res.statusCode === 429 && method === 'GET') {
        await pause(retryAfterMs(res.headers['retry-after']), signal);
        res = await send({ method, url, agent, headers: h, body: payload, signal });
        text = await readBody(res, signal);
      }
      const status = res.statusCode ?? 0;
      if (status < 200 || status >= 300) throw statusError(what, status, text);
      try {
        return (text ? JSON.parse(text) : undefined) as T;
      } catch {
        throw new KubeError(status, `${what}: the answer is not JSON`, 'InvalidResponse', what);
      }
    } catch (err) {
      throw transportError(err, what, deadline, timeoutMs, o.signal);
    }
  }

  get<T>(path: string, o?: CallOptions): Promise<T> {
    return this.request<T>('GET', path, o);
  }

  /** The object, or undefined when it does not exist (404). */
  async find<T>(path: string, o?: CallOptions): Promise<T | undefined> {
    try {
      return await this.get<T>(path, o);
    } catch (err) {
      if (isStatus(err, 404)) return undefined;
      throw err;
    }
  }

  list<T>(path: string, query?: Query, o?: CallOptions): Promise<ObjectList<T>> {
    return this.request<ObjectList<T>>('GET', path, { ...o, query: { ...o?.query, ...query } });
  }

  create<T>(path: string, body: unknown, o?: CallOptions): Promise<T> {
    return this.request<T>('POST', path, { ...o, body });
  }

  replace<T>(path: string, body: unknown, o?: CallOptions): Promise<T> {
    return this.request<T>('PUT', path, { ...o, body });
  }

  delete(path: string, o?: CallOptions): Promise<unknown> {
    return this.request('DELETE', path, o);
  }

  mergePatch<T>(path: string, patch: unknown, o?: CallOptions): Promise<T> {
    return this.request<T>('PATCH', path, { ...o, body: patch, contentType: CONTENT_TYPE.mergePatch });
  }

  jsonPatch<T>(path: string, ops: unknown[], o?: CallOptions): Promise<T> {
    return this.request<T>('PATCH', path, { ...o, body: ops, contentType: CONTENT_TYPE.jsonPatch });
  }

  /** Server-side apply of `obj` (or of its status), creating it if needed. */
  async apply<T extends KubeObject>(obj: T, a: ApplyOptions, o?: CallOptions): Promise<T> {
    const path = await this.pathOf(obj, a.subresource);
    return this.request<T>('PATCH', path, {
      ...o,
      body: obj,
      contentType: CONTENT_TYPE.apply,
      query: { ...o?.query, fieldManager: a.fieldManager, force: a.force ?? true },
    });
  }

  /** The apiserver path of an object, from our kind table or else discovery. */
  async pathOf(obj: KubeObject, subresource?: 'status'): Promise<string> {
    const kind = await this.kindOf(obj.apiVersion ?? '', obj.kind ?? '');
    return resourcePath(kind, { namespace: obj.metadata?.namespace, name: obj.metadata?.name, subresource });
  }

  async kindOf(apiVersion: string, kind: string): Promise<ResourceKind> {
    const found = knownKind(apiVersion, kind) ?? (await this.discovery.resource(apiVersion, kind));
    if (!found)
      throw new KubeError(404, `the API server does not serve ${kind} in ${apiVersion}`, 'NotFound');
    return found;
  }

  /** Whether the apiserver serves `kind` in `apiVersion` now (asked afresh each time). */
  async servesKind(apiVersion: string, kind: string): Promise<boolean> {
    return (await this.discovery.resource(apiVersion, kind, true)) !== undefined;
  }

  async serverVersion(): Promise<string> {
    return (await this.get<{ gitVersion: string }>('/version')).gitVersion;
  }

  /**
   * A raw exchange whose answer is returned unread (watches, the UI's proxy). Non-2xx answers are
   * returned too: the caller forwards or reads them.
   */
  async open(method: string, path: string, o: StreamOptions = {}): Promise<IncomingMessage> {
    const timeoutMs = o.timeoutMs ?? this.timeoutMs;
    const headersDeadline = AbortSignal.timeout(timeoutMs);
    const waiting = o.signal ? AbortSignal.any([o.signal, headersDeadline]) : headersDeadline;
    // The request lives on until the caller's signal; only the wait for headers has a deadline.
    const life = new AbortController();
    const cut = () => life.abort();
    waiting.addEventListener('abort', cut, { once: true });
    const url = new URL(withQuery(path, o.query), this.conn.server);
    const what = `${method} ${url.pathname}`;
    try {
      const { agent, headers } = await this.conn.options();
      const res = await send({
        method,
        url,
        agent,
        headers: { ...headers, ...o.headers },
        body: o.body,
        signal: life.signal,
      });
      waiting.removeEventListener('abort', cut);
      if (o.signal) {
        if (o.signal.aborted) life.abort();
        else o.signal.addEventListener('abort', cut, { once: true });
      }
      return res;
    } catch (err) {
      throw transportError(err, what, headersDeadline, timeoutMs, o.signal);
    }
  }

  /**
   * Follows a watch until the server ends it (resolves), the signal aborts it (resolves) or it
   * fails (rejects with a KubeError; a 410 at the start means: relist).
   */
  async watch<T>(
    path: string,
    query: Query,
    onEvent: (e: WatchEvent<T>) => void,
    signal: AbortSignal,
    onOpen?: () => void,
  ): Promise<void> {
    const res = await this.open('GET', path, {
      query: { ...query, watch: true },
      headers: { accept: CONTENT_TYPE.json },
      signal,
    });
    const what = `watch ${path}`;
    const status = res.statusCode ?? 0;
    if (status < 200 || status >= 300) throw statusError(what, status, await readBody(res, signal));
    onOpen?.();
    try {
      for await (const line of readLines(res)) onEvent(JSON.parse(line) as WatchEvent<T>);
    } catch (err) {
      if (signal.aborted) return;
      throw transportError(err, what, undefined, 0, signal);
    }
  }

  close(): void {
    this.conn.close();
    this.tokens?.close();
  }
}
