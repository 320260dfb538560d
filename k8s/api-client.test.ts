// The client against an apiserver that misbehaves: accepts connections and never answers, or
// answers a watch and then stays silent. Real sockets on loopback; no Kubernetes needed.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METALLB_KINDS, resourcePath } from '../api/kinds';
import { ApiClient, DEFAULT_TIMEOUT_MS, retryAfterMs } from './api-client';
import { ConfigurationStateWriter } from './configuration-state';
import { KubeError } from './errors';

const TIMEOUT_MS = 300;
let server: Server;
let client: ApiClient;
const held: ServerResponse[] = [];
let busyCalls = 0;

function kubeconfigFor(url: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    // client-node sends a token over plain http only when told TLS is not checked.
    clusters: [{ name: 'c', server: url, skipTLSVerify: true }],
    users: [{ name: 'u', token: 'test-token' }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
    currentContext: 'x',
  });
  return kc;
}

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    held.push(res);
    if (req.url?.startsWith('/busy')) {
      busyCalls++;
      if (busyCalls <= 2) {
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '0' });
        res.end(
          '{"kind":"Status","message":"storage is (re)initializing","reason":"TooManyRequests","code":429}',
        );
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"items":[]}');
      }
    } else if (req.url?.startsWith('/echo')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ authorization: req.headers.authorization ?? null }));
    } else if (req.url?.includes('/notfound')) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(
        '{"kind":"Status","status":"Failure","message":"widgets \\"w\\" not found","reason":"NotFound","code":404}',
      );
    } else if (req.url?.includes('watch=true') && !req.url.includes('/hang')) {
      // Headers, then silence: a watch with nothing to report.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.flushHeaders();
    }
    // Anything else: accepted, read, never answered.
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  client = ApiClient.fromKubeConfig(kubeconfigFor(`http://127.0.0.1:${port}`), { timeoutMs: TIMEOUT_MS });
});

afterAll(async () => {
  client.close();
  for (const r of held) r.destroy();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

/** Runs `call`, expecting a KubeError Timeout; resolves with the time it took. */
async function timesOut(call: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  const err = await call().then(
    () => undefined,
    (e: unknown) => e,
  );
  const ms = performance.now() - t0;
  expect(err).toBeInstanceOf(KubeError);
  expect((err as KubeError).reason).toBe('Timeout');
  expect((err as KubeError).status).toBe(0);
  expect((err as KubeError).message).toMatch(`no answer within ${TIMEOUT_MS} ms`);
  return ms;
}

const pool = {
  apiVersion: 'metallb.io/v1beta1',
  kind: 'IPAddressPool',
  metadata: { name: 'p', namespace: 'ns' },
  spec: { addresses: ['192.0.2.0/28'] },
};
const poolPath = resourcePath(METALLB_KINDS.IPAddressPool, { namespace: 'ns', name: 'p' });

describe('ApiClient against an apiserver that never answers', () => {
  it('has a default deadline for every call', () => {
    expect(DEFAULT_TIMEOUT_MS).toBe(30_000);
  });

  it.each([
    ['get', () => client.get(poolPath)],
    ['list', () => client.list(resourcePath(METALLB_KINDS.IPAddressPool))],
    ['apply', () => client.apply(pool, { fieldManager: 'test' })],
    ['merge patch', () => client.mergePatch(poolPath, { spec: { autoAssign: false } })],
    ['JSON patch', () => client.jsonPatch(poolPath, [{ op: 'add', path: '/spec/autoAssign', value: false }])],
    [
      'status apply',
      () => client.apply({ ...pool, status: {} }, { fieldManager: 'test', subresource: 'status' }),
    ],
    ['ConfigurationState write', () => new ConfigurationStateWriter(client, 'ns').write([])],
    ['server version', () => client.serverVersion()],
  ])('%s fails with a KubeError Timeout within the deadline', async (_what, call) => {
    const ms = await timesOut(call);
    expect(ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
    expect(ms).toBeLessThan(TIMEOUT_MS + 1_000);
  });

  it('a call may set its own, shorter deadline', async () => {
    const t0 = performance.now();
    await expect(client.get(poolPath, { timeoutMs: 50 })).rejects.toMatchObject({ reason: 'Timeout' });
    expect(performance.now() - t0).toBeLessThan(TIMEOUT_MS);
  });

  it('a caller abort ends a call as Aborted, not Timeout', async () => {
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 20);
    await expect(client.get(poolPath, { signal: abort.signal })).rejects.toMatchObject({
      name: 'KubeError',
      reason: 'Aborted',
    });
  });

  it("an error answer carries the apiserver's status, reason and message", async () => {
    const err = (await client.get('/apis/example.com/v1/notfound').catch((e: unknown) => e)) as KubeError;
    expect(err).toBeInstanceOf(KubeError);
    expect({ status: err.status, reason: err.reason, message: err.message }).toEqual({
      status: 404,
      reason: 'NotFound',
      message: 'widgets "w" not found',
    });
    expect(err.request).toBe('GET /apis/example.com/v1/notfound');
  });
});

describe('a busy apiserver (429)', () => {
  it('is asked again for reads, after its Retry-After, until it answers', async () => {
    busyCalls = 0;
    expect(await client.get('/busy')).toEqual({ items: [] });
    expect(busyCalls).toBe(3);
  });

  it('is not asked again for writes', async () => {
    busyCalls = 0;
    await expect(client.create('/busy', {})).rejects.toMatchObject({
      status: 429,
      reason: 'TooManyRequests',
    });
    expect(busyCalls).toBe(1);
  });

  it('waits as long as Retry-After says, at least 100 ms and at most a second', () => {
    expect([retryAfterMs('0'), retryAfterMs('1'), retryAfterMs('30'), retryAfterMs(undefined)]).toEqual([
      100, 1000, 1000, 200,
    ]);
  });
});

describe('credentials', () => {
  it("send the kubeconfig's token, or the caller's own token instead", async () => {
    expect(await client.get('/echo')).toEqual({ authorization: 'Bearer test-token' });
    expect(await client.withBearerToken('user-token').get('/echo')).toEqual({
      authorization: 'Bearer user-token',
    });
  });
});

describe('a watch', () => {
  it('outlives the call deadline and ends when its abort signal fires', async () => {
    const abort = new AbortController();
    let opened = false;
    const t0 = performance.now();
    const watching = client.watch(
      resourcePath(METALLB_KINDS.IPAddressPool),
      {},
      () => undefined,
      abort.signal,
      () => {
        opened = true;
      },
    );
    await new Promise((r) => setTimeout(r, TIMEOUT_MS * 2));
    expect(opened).toBe(true);
    abort.abort();
    await expect(watching).resolves.toBeUndefined();
    const ms = performance.now() - t0;
    expect(ms).toBeGreaterThanOrEqual(TIMEOUT_MS * 2 - 5);
    expect(ms).toBeLessThan(TIMEOUT_MS * 2 + 1_000);
  });

  it('that is never accepted fails at the deadline like any call', async () => {
    const abort = new AbortController();
    await timesOut(() => client.watch('/apis/example.com/v1/hang', {}, () => undefined, abort.signal));
  });
});
