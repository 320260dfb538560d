// Requests to the Kubernetes API server on behalf of a UI caller: with the caller's token (and
// only the cluster's CA, never the backend's client certificate), or in development with the
// backend's kubeconfig credentials.
import { readFileSync } from 'node:fs';
import { request, type RequestOptions } from 'node:https';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { KubeConfig } from '@kubernetes/client-node';
import type { Credentials } from './credentials';

export interface UpstreamRequest {
  method: string;
  /** Path and query on the apiserver, e.g. `/apis/metallb.io/v1beta1/ipaddresspools?watch=true`. */
  path: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** The apiserver's HTTP status carried by an error from `APIServer.json` (undefined for others). */
export function upstreamStatus(err: unknown): number | undefined {
  return (err as { statusCode?: number }).statusCode;
}

export class APIServer {
  constructor(private readonly kc: KubeConfig) {}

  private async options(creds: Credentials): Promise<RequestOptions> {
    const cluster = this.kc.getCurrentCluster();
    if (!cluster) throw new Error('the kubeconfig has no current cluster');
    const opts: RequestOptions & { headers: Record<string, string> } = { headers: {} };
    if (creds.kind === 'backend') {
      await this.kc.applyToHTTPSOptions(opts);
    } else {
      if (cluster.caData) opts.ca = Buffer.from(cluster.caData, 'base64');
      else if (cluster.caFile) opts.ca = readFileSync(cluster.caFile);
      if (cluster.skipTLSVerify) opts.rejectUnauthorized = false;
      opts.headers.Authorization = `Bearer ${creds.token}`;
    }
    return opts;
  }

  /** Sends a request; the response is returned unread, so watches can be streamed. */
  async send(
    creds: Credentials,
    req: UpstreamRequest,
    body?: NodeJS.ReadableStream | string,
  ): Promise<IncomingMessage> {
    const cluster = this.kc.getCurrentCluster()!;
    const base = await this.options(creds);
    const url = new URL(req.path, cluster.server);
    const isHttps = url.protocol === 'https:';
    return new Promise((resolve, reject) => {
      const out = (isHttps ? request : httpRequest)(
        url,
        {
          ...base,
          method: req.method,
          headers: { ...(base.headers as Record<string, string>), ...req.headers },
          ...(req.signal ? { signal: req.signal } : {}),
        },
        resolve,
      );
      out.on('error', reject);
      if (typeof body === 'string') out.end(body);
      else if (body) body.pipe(out);
      else out.end();
    });
  }

  /** A JSON request; rejects with the apiserver's own message (and its status code). */
  async json<T>(creds: Credentials, method: string, path: string, payload?: unknown): Promise<T> {
    const res = await this.send(
      creds,
      {
        method,
        path,
        headers: { Accept: 'application/json', ...(payload ? { 'Content-Type': 'application/json' } : {}) },
      },
      payload ? JSON.stringify(payload) : undefined,
    );
    const chunks: Buffer[] = [];
    for await (const c of res) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const parsed = text ? (JSON.parse(text) as unknown) : undefined;
    if ((res.statusCode ?? 500) >= 400) {
      const message = (parsed as { message?: string } | undefined)?.message ?? `HTTP ${res.statusCode}`;
      throw Object.assign(new Error(message), { statusCode: res.statusCode });
    }
    return parsed as T;
  }

  /** The items of a list, `[]` when the kind is not served (404). */
  async list<T>(creds: Credentials, path: string): Promise<T[]> {
    try {
      return (await this.json<{ items: T[] }>(creds, 'GET', path)).items;
    } catch (err) {
      if (upstreamStatus(err) === 404) return [];
      throw err;
    }
  }
}
