// The HTTPS shell around the pure review functions: routing by path, a body size limit, JSON
// parsing with clear 4xx errors, and hot-swappable TLS material for certificate renewal.
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ReviewReply } from './admission-review';

/** Larger than any object etcd accepts (1.5 MiB) in a review wrapping an old and a new copy. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

export type ReviewHandler = (body: unknown) => Promise<ReviewReply> | ReviewReply;

export interface WebhookServerOptions {
  cert: string;
  key: string;
  handlers: Map<string, ReviewHandler>;
  onError?: (err: Error, path: string) => void;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) {
      reject(new HttpError(413, `request body of ${declared} bytes exceeds the limit of ${MAX_BODY_BYTES}`));
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HttpError(413, `request body exceeds the limit of ${MAX_BODY_BYTES} bytes`));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent || res.destroyed) return;
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

export async function handle(
  handlers: Map<string, ReviewHandler>,
  method: string | undefined,
  path: string,
  readRaw: () => Promise<Buffer>,
): Promise<ReviewReply> {
  if (path === '/healthz') return { status: 200, body: { status: 'ok' } };
  const handler = handlers.get(path);
  if (!handler) return { status: 404, body: { error: `no webhook at ${path}` } };
  if (method !== 'POST') return { status: 405, body: { error: `use POST for ${path}` } };
  const raw = await readRaw();
  if (raw.length === 0) throw new HttpError(400, 'empty request body: expected a JSON review');
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch (err) {
    throw new HttpError(400, `request body is not valid JSON: ${(err as Error).message}`);
  }
  return handler(parsed);
}

export function startWebhookServer(opts: WebhookServerOptions, port: number, host: string): Promise<Server> {
  const server = createServer({ cert: opts.cert, key: opts.key, minVersion: 'TLSv1.2' }, (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    handle(opts.handlers, req.method, path, () => readBody(req))
      .then((reply) => send(res, reply.status, reply.body))
      .catch((err: Error) => {
        if (err instanceof HttpError) {
          send(res, err.status, { error: err.message });
        } else {
          opts.onError?.(err, path);
          send(res, 500, { error: `internal error: ${err.message}` });
        }
      });
  });
  // Slow or stuck clients must not pin sockets forever.
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
