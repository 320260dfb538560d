// One HTTP exchange with the apiserver, and the translation of every way it can fail into a
// KubeError: no answer in time, aborted by the caller, no connection, or an error status.
import { request as httpRequest, type Agent, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { KubeError, parseStatus } from './errors';

export interface Exchange {
  method: string;
  url: URL;
  agent: Agent;
  headers: Record<string, string | number>;
  body?: string | NodeJS.ReadableStream | undefined;
  signal: AbortSignal;
}

/** Sends the request; resolves with the response as soon as its headers arrive. */
export function send(x: Exchange): Promise<IncomingMessage> {
  const request = x.url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      x.url,
      { method: x.method, agent: x.agent, headers: x.headers, signal: x.signal },
      resolve,
    );
    req.on('error', reject);
    if (typeof x.body === 'string') req.end(x.body);
    else if (x.body) x.body.pipe(req);
    else req.end();
  });
}

/** The whole body of a response; fails when the signal aborts before the end. */
export async function readBody(res: IncomingMessage, signal: AbortSignal): Promise<string> {
  const stop = () => res.destroy(new Error('aborted'));
  signal.addEventListener('abort', stop, { once: true });
  try {
    const chunks: Buffer[] = [];
    for await (const c of res) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    signal.removeEventListener('abort', stop);
  }
}

/** A KubeError for a non-2xx answer, from the Status object in its body. */
export function statusError(what: string, status: number, text: string): KubeError {
  const { message, reason } = parseStatus(text);
  return new KubeError(status, message || `${what}: HTTP ${status}`, reason, what);
}

/** What a failed exchange means, in the one error type. */
export function transportError(
  err: unknown,
  what: string,
  deadline: AbortSignal | undefined,
  timeoutMs: number,
  caller: AbortSignal | undefined,
): KubeError {
  if (err instanceof KubeError) return err;
  if (deadline?.aborted)
    return new KubeError(0, `${what}: no answer within ${timeoutMs} ms`, 'Timeout', what);
  if (caller?.aborted) return new KubeError(0, `${what}: aborted`, 'Aborted', what);
  return new KubeError(0, `${what}: ${(err as Error).message}`, 'ConnectionFailed', what);
}

/** The deadline of one call, combined with the caller's own signal if any. */
export function callSignal(
  timeoutMs: number,
  caller?: AbortSignal,
): { deadline: AbortSignal; signal: AbortSignal } {
  const deadline = AbortSignal.timeout(timeoutMs);
  return { deadline, signal: caller ? AbortSignal.any([caller, deadline]) : deadline };
}
