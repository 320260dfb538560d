// Plain JSON requests to the apiserver over a keep-alive connection pool, used by the controller and
// the speaker's status writers: the controller's writes are thousands of small patches, for which
// client-node's generated clients (model serialization, a new TLS connection per call unless told
// otherwise) cost more than the request itself.
import { Agent as HttpAgent, request as httpRequest, type RequestOptions } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { parseStatus } from './errors';

export class KubeError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly reason?: string,
  ) {
    super(message);
  }
}

export const MERGE_PATCH = 'application/merge-patch+json';
export const APPLY_PATCH = 'application/apply-patch+yaml';

/** How long connection options (credentials, tokens) are reused before being asked for again. */
const OPTIONS_TTL_MS = 30_000;

export class KubeClient {
  private readonly server: URL;
  private agent: HttpAgent | undefined;
  private base: RequestOptions | undefined;
  private baseAt = 0;

  constructor(
    private readonly kc: KubeConfig,
    private readonly maxSockets = 32,
  ) {
    const server = kc.getCurrentCluster()?.server;
    if (!server) throw new Error('no current cluster in the kubeconfig');
    this.server = new URL(server);
  }

  /** Sends one request; resolves with the parsed JSON body, rejects with a KubeError on non-2xx. */
  async request<T>(
    method: string,
    path: string,
    body?: unknown,
    contentType = 'application/json',
    timeoutMs = 30_000,
  ): Promise<T> {
    const base = await this.options();
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string | number> = { ...(base.headers as Record<string, string>) };
    headers.accept = 'application/json';
    if (payload !== undefined) {
      headers['content-type'] = contentType;
      headers['content-length'] = Buffer.byteLength(payload);
    }
    const url = new URL(path, this.server);
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<T>((resolve, reject) => {
      const req = send(url, { ...base, method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) {
            try {
              resolve((text ? JSON.parse(text) : undefined) as T);
            } catch (err) {
              reject(err as Error);
            }
            return;
          }
          const { message, reason } = parseStatus(text);
          reject(new KubeError(status, `${method} ${url.pathname}: ${status} ${message}`, reason));
        });
      });
      req.setTimeout(timeoutMs, () => req.destroy(new Error(`${method} ${url.pathname}: timed out`)));
      req.on('error', reject);
      req.end(payload);
    });
  }

  close(): void {
    this.agent?.destroy();
    this.agent = undefined;
    this.base = undefined;
  }

  private async options(): Promise<RequestOptions> {
    if (this.base && Date.now() - this.baseAt < OPTIONS_TTL_MS) return this.base;
    const opts: RequestOptions & Record<string, unknown> = { headers: {} };
    await this.kc.applyToHTTPSOptions(opts);
    if (!this.agent) {
      const tls = {
        ca: opts.ca,
        cert: opts.cert,
        key: opts.key,
        pfx: opts.pfx,
        passphrase: opts.passphrase,
        ...(opts.rejectUnauthorized !== undefined ? { rejectUnauthorized: opts.rejectUnauthorized } : {}),
      } as Record<string, unknown>;
      const common = { keepAlive: true, maxSockets: this.maxSockets, maxFreeSockets: this.maxSockets };
      this.agent =
        this.server.protocol === 'https:' ? new HttpsAgent({ ...common, ...tls }) : new HttpAgent(common);
    }
    opts.agent = this.agent;
    this.base = opts;
    this.baseAt = Date.now();
    return opts;
  }
}

export function isStatus(err: unknown, ...codes: number[]): boolean {
  return err instanceof KubeError && codes.includes(err.status);
}
