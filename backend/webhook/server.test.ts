import { describe, expect, it } from 'vitest';
import { handle, MAX_BODY_BYTES, type ReviewHandler } from './server';

const echo: ReviewHandler = (body) => ({ status: 200, body });
const handlers = new Map([['/validate', echo]]);
const raw = (s: string) => () => Promise.resolve(Buffer.from(s));

describe('webhook HTTP shell', () => {
  it('routes POSTed JSON to the handler of its path', async () => {
    expect(await handle(handlers, 'POST', '/validate', raw('{"a":1}'))).toEqual({
      status: 200,
      body: { a: 1 },
    });
  });

  it('answers 404 for unknown paths and 405 for other methods', async () => {
    expect((await handle(handlers, 'POST', '/nope', raw('{}'))).status).toBe(404);
    expect((await handle(handlers, 'GET', '/validate', raw(''))).status).toBe(405);
  });

  it('refuses garbage and empty bodies with 400 and a reason', async () => {
    await expect(handle(handlers, 'POST', '/validate', raw('{"a":'))).rejects.toMatchObject({ status: 400 });
    await expect(handle(handlers, 'POST', '/validate', raw(''))).rejects.toMatchObject({
      status: 400,
      message: /empty/,
    });
  });

  it('has a body limit above what etcd stores in one object', () => {
    expect(MAX_BODY_BYTES).toBeGreaterThan(3 * 1024 * 1024);
  });
});
