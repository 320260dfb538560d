// The backend's Koa app when a client goes away mid-answer: one debug JSON line, no stack trace on
// stderr (Koa's default listener prints one for ERR_STREAM_PREMATURE_CLOSE).
import { once } from 'node:events';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough, Readable } from 'node:stream';
import Router from '@koa/router';
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clientWentAway, createApp } from './app';

const info = { version: '0', namespace: 'ns', kubernetesVersion: 'v0', roles: [] };

function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const sink = new PassThrough();
  sink.on('data', (d: Buffer) => {
    for (const l of d.toString().split('\n').filter(Boolean))
      lines.push(JSON.parse(l) as Record<string, unknown>);
  });
  return { lines, log: pino({ level: 'debug', formatters: { level: (label) => ({ level: label }) } }, sink) };
}

async function serve(router: Router, log: pino.Logger) {
  const server = createServer(createApp(info, () => true, router, log).callback());
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, port: (server.address() as AddressInfo).port };
}

afterEach(() => vi.restoreAllMocks());

describe('the HTTP app', () => {
  it('logs a client that aborts a streamed answer as one debug JSON line, with no stack on stderr', async () => {
    const stderr = vi.spyOn(console, 'error');
    const { lines, log } = capturingLogger();
    const router = new Router();
    // A long streamed body (like a UI bundle): one chunk now, the rest never.
    router.get('/big', (ctx) => {
      const body = new Readable({ read() {} });
      body.push('x'.repeat(64 * 1024));
      ctx.type = 'text/plain';
      ctx.body = body;
    });
    const { server, port } = await serve(router, log);
    try {
      await new Promise<void>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, path: '/big' }, (res) => {
          res.once('data', () => {
            req.destroy(); // the client leaves mid-answer
            resolve();
          });
        });
        req.on('error', () => undefined);
        req.once('timeout', reject);
        req.end();
      });
      await vi.waitFor(() => expect(lines.some((l) => l.code === 'ERR_STREAM_PREMATURE_CLOSE')).toBe(true));
      const line = lines.find((l) => l.code === 'ERR_STREAM_PREMATURE_CLOSE')!;
      expect(line).toMatchObject({ level: 'debug', method: 'GET', path: '/big' });
      expect(line).not.toHaveProperty('stack');
      expect(stderr).not.toHaveBeenCalled();
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('logs any other failure as an error line with its stack, still not on stderr', async () => {
    const stderr = vi.spyOn(console, 'error');
    const { lines, log } = capturingLogger();
    const router = new Router();
    router.get('/broken', () => {
      throw new Error('boom');
    });
    const { server, port } = await serve(router, log);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/broken`);
      expect(res.status).toBe(500);
      await vi.waitFor(() => expect(lines.some((l) => l.err === 'boom')).toBe(true));
      expect(lines.find((l) => l.err === 'boom')).toMatchObject({ level: 'error', path: '/broken' });
      expect(lines.find((l) => l.err === 'boom')?.stack).toMatch(/boom/);
      expect(stderr).not.toHaveBeenCalled();
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('tells a client that went away from a real failure', () => {
    const coded = (code: string) => Object.assign(new Error(code), { code });
    expect(clientWentAway(coded('ERR_STREAM_PREMATURE_CLOSE'))).toBe(true);
    expect(clientWentAway(coded('ECONNRESET'))).toBe(true);
    expect(clientWentAway(coded('ENOENT'))).toBe(false);
    expect(clientWentAway(new Error('boom'))).toBe(false);
  });
});
