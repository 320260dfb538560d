// The UI's REST API against a fake apiserver whose new CRD storage is still warming up (429 with
// Retry-After): the topology waits it out instead of handing the 429 to the browser. The retry is
// the shared client's (k8s/api-client.ts, reads only, until the call's deadline); this pins that
// the route reads through it and does not turn the first 429 into its own answer.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Router from '@koa/router';
import { KubeConfig } from '@kubernetes/client-node';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiClient } from '../../k8s/api-client';
import { createApp } from './app';
import { registerRestAPI } from './rest-api';

const WARMING = '/apis/metallb.io/v1beta1/namespaces/ns/ipaddresspools';
let apiserver: Server;
let backend: Server;
let client: ApiClient;
let url: string;
/** 429s still to answer for the warming kind; Infinity: it never warms up. */
let busyLeft = 0;
let busyAnswered = 0;
/** Paths the fake apiserver was asked for. */
const requested: string[] = [];

beforeAll(async () => {
  apiserver = createServer((req, res) => {
    requested.push(req.url ?? '');
    if (req.url?.startsWith(WARMING) && busyLeft > 0) {
      busyLeft--;
      busyAnswered++;
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '0' });
      res.end(
        '{"kind":"Status","message":"storage is (re)initializing","reason":"TooManyRequests","code":429}',
      );
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"items":[]}');
  });
  apiserver.listen(0, '127.0.0.1');
  await once(apiserver, 'listening');
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [
      {
        name: 'c',
        server: `http://127.0.0.1:${(apiserver.address() as AddressInfo).port}`,
        skipTLSVerify: true,
      },
    ],
    users: [{ name: 'u', token: 'backend-token' }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
    currentContext: 'x',
  });
  client = ApiClient.fromKubeConfig(kc, { timeoutMs: 1_000 });
  const router = new Router();
  registerRestAPI(router, { client, namespace: 'ns', dev: true });
  backend = createServer(
    createApp(
      { version: '0', namespace: 'ns', kubernetesVersion: 'v0', roles: ['ui'] },
      () => true,
      router,
      pino({ level: 'silent' }),
    ).callback(),
  );
  backend.listen(0, '127.0.0.1');
  await once(backend, 'listening');
  url = `http://127.0.0.1:${(backend.address() as AddressInfo).port}`;
});

afterAll(async () => {
  client.close();
  for (const s of [backend, apiserver]) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

beforeEach(() => {
  busyAnswered = 0;
  requested.length = 0;
});

describe('GET /api/v1/topology while a CRD warms up', () => {
  it.each([
    ['the backend (dev)', {}],
    ["the caller's token", { authorization: 'Bearer user-token' }],
  ])('asks again and answers the graph, acting as %s', async (_, headers) => {
    busyLeft = 3;
    const res = await fetch(`${url}/api/v1/topology`, { headers });
    expect(res.status).toBe(200);
    expect(await res.json()).toHaveProperty('nodes');
    expect(busyAnswered).toBe(3);
  });

  it('never passes the 429 on, even when the storage stays busy past the deadline', async () => {
    busyLeft = Infinity;
    const res = await fetch(`${url}/api/v1/topology`);
    expect(res.status).not.toBe(429);
    expect(res.status).toBeGreaterThanOrEqual(500);
    expect(busyAnswered).toBeGreaterThan(1);
    busyLeft = 0;
  });
});

describe('GET /api/v1/pools/usage', () => {
  it('lists no Service when no pool needs them (the pools carry the usage in their status)', async () => {
    const res = await fetch(`${url}/api/v1/pools/usage`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ pools: [] });
    expect(requested.some((p) => p.startsWith(WARMING))).toBe(true);
    expect(requested.some((p) => p.startsWith('/api/v1/services'))).toBe(false);
  });
});
