// Explanations on the real apiserver: the controller allocates in-process (the harness), three
// Nodes kwok keeps Ready carry "speakers" (their ConfigurationStates, written by the speaker's own
// writer), and GET /api/v1/explain/... answers with the exact reason for each case.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Router from '@koa/router';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { EXCLUDE_LB_LABEL } from '../../api/announce/election';
import type { PreviewResult, ServiceExplanation } from '../../api/explain/types';
import { KUBE_KINDS, resourcePath } from '../../api/kinds';
import { kubectl, waitFor } from '../../integration-tests/cluster/test-env';
import { CONFIGURATION_STATE, FIELD_MANAGERS, STATUS_LABELS } from '../../api/operand';
import { ConfigurationStateWriter } from '../../k8s/configuration-state';
import { ControllerHarness } from '../controller/itest-harness';
import { createApp } from '../http/app';
import { registerExplainAPI } from './routes';

const h = new ControllerHarness();
let app: string;
let other: string;
let server: Server;
let url: string;
const nodes = [0, 1, 2].map((i) => `${h.ns}-n${i}`);

async function explain(name: string): Promise<ServiceExplanation> {
  const res = await fetch(`${url}/api/v1/explain/services/${app}/${name}`);
  expect(res.status).toBe(200);
  return (await res.json()) as ServiceExplanation;
}

beforeAll(async () => {
  await h.setup();
  app = await h.namespace(`${h.ns}-app`);
  other = await h.namespace(`${h.ns}-other`);
  for (const [i, name] of nodes.entries()) {
    await h.client.create(resourcePath(KUBE_KINDS.Node), {
      metadata: {
        name,
        labels: { 'mlb-explain': h.ns, ...(i === 2 ? { [EXCLUDE_LB_LABEL]: '' } : {}) },
      },
    });
    // What each node's speaker writes once it has loaded the configuration (its writer and identity).
    await new ConfigurationStateWriter(h.client, h.ns, {
      name: CONFIGURATION_STATE.speakerName(name),
      labels: { [STATUS_LABELS.componentType]: 'speaker', [STATUS_LABELS.nodeName]: name },
      conditionType: CONFIGURATION_STATE.speakerCondition,
      fieldManager: FIELD_MANAGERS.speaker,
    }).write([]);
  }
  await h.pool('one', { addresses: ['192.0.2.10/32'] });
  await h.pool('theirs', { addresses: ['198.51.100.0/30'], serviceAllocation: { namespaces: [other] } });
  await h.pool('shared', { addresses: ['192.0.2.20/32'], autoAssign: false });
  await h.pool('quiet', { addresses: ['192.0.2.40/32'], autoAssign: false });
  await kubectl(
    ['apply', '-f', '-'],
    JSON.stringify({
      apiVersion: 'metallb.io/v1beta1',
      kind: 'L2Advertisement',
      metadata: { name: 'l2', namespace: h.ns },
      spec: {
        ipAddressPools: ['one', 'shared'],
        nodeSelectors: [{ matchLabels: { 'mlb-explain': h.ns } }],
      },
    }),
  );
  await h.startLeader();
  const r = new Router();
  registerExplainAPI(r, { client: h.client, namespace: h.ns, dev: true, lbClass: h.lbClass });
  server = createServer(
    createApp(
      { version: '0', namespace: h.ns, kubernetesVersion: 'v0', roles: ['ui'] },
      () => true,
      r,
      pino({ level: 'silent' }),
    ).callback(),
  );
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await waitFor(
    'nodes Ready',
    async () => {
      const list = await h.client.list<{
        metadata: { name: string };
        status?: { conditions?: { type: string; status: string }[] };
      }>(resourcePath(KUBE_KINDS.Node), { labelSelector: `mlb-explain=${h.ns}` });
      return (
        list.items.filter((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'))
          .length === 3
      );
    },
    30_000,
  );
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  await Promise.all(nodes.map((n) => kubectl(['delete', 'node', n, '--wait=false']).catch(() => undefined)));
  await h.cleanup();
});

describe('why a Service is pending', () => {
  it('its namespace is not selected by the pool it asks for', async () => {
    await h.service({ ns: app, name: 'foreign', annotations: { 'metallb.io/address-pool': 'theirs' } });
    await h.event(app, 'foreign', 'AllocationFailed');
    const out = await explain('foreign');
    expect(out.ingressIPs).toEqual([]);
    expect(out.summary).toEqual({
      code: 'pending',
      params: { cause: 'poolNamespaceNotSelected', pool: 'theirs', namespace: app },
    });
    expect(out.pools.find((p) => p.pool === 'theirs')!.reason).toEqual({
      code: 'poolNamespaceNotSelected',
      params: { pool: 'theirs', namespace: app },
    });
  });

  it('the pool is exhausted', async () => {
    await h.service({ ns: app, name: 'first' });
    expect(await h.ingress(app, 'first')).toEqual(['192.0.2.10']);
    await h.service({ ns: app, name: 'second' });
    await h.event(app, 'second', 'AllocationFailed');
    const out = await explain('second');
    expect(out.summary).toEqual({ code: 'pending', params: { cause: 'poolExhausted', pool: 'one' } });
    expect(out.pools.map((p) => [p.pool, p.reason.code])).toEqual([
      ['one', 'poolExhausted'],
      ['quiet', 'poolAutoAssignDisabled'],
      ['shared', 'poolAutoAssignDisabled'],
      ['theirs', 'poolNamespaceNotSelected'],
    ]);
  });

  it('its sharing key conflicts with the Service holding the IP', async () => {
    const shared = (name: string, key: string, port: number) =>
      h.service({
        ns: app,
        name,
        ports: [{ port }],
        annotations: { 'metallb.io/allow-shared-ip': key, 'metallb.io/loadBalancerIPs': '192.0.2.20' },
      });
    await shared('keeper', 'k', 80);
    expect(await h.ingress(app, 'keeper')).toEqual(['192.0.2.20']);
    await shared('intruder', 'other', 8080);
    await h.event(app, 'intruder', 'AllocationFailed');
    const out = await explain('intruder');
    expect(out.summary.params).toMatchObject({
      cause: 'sharingConflict',
      ip: '192.0.2.20',
      holder: `${app}/keeper`,
    });
    expect(out.pools.find((p) => p.pool === 'shared')!.reason.code).toBe('sharingConflict');
  });
});

describe('why a node does not announce', () => {
  it('ETP Local without a local endpoint, and a node excluded by label', async () => {
    // "first" holds 192.0.2.10 (pool one, advertised by l2); make it ETP Local with one endpoint on n1.
    await h.patchService(app, 'first', { spec: { externalTrafficPolicy: 'Local' } });
    await h.client.create(resourcePath(KUBE_KINDS.EndpointSlice, { namespace: app }), {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'first-manual', labels: { 'kubernetes.io/service-name': 'first' } },
      addressType: 'IPv4',
      endpoints: [{ addresses: ['10.0.0.1'], nodeName: nodes[1], conditions: { ready: true } }],
      ports: [{ port: 80, protocol: 'TCP' }],
    });
    const out = await explain('first');
    expect(out.advertisements).toEqual([{ kind: 'L2Advertisement', name: 'l2' }]);
    const by = (n: string) => out.nodes.find((x) => x.node === n)!;
    expect(by(nodes[0]!).l2!.reason).toEqual({ code: 'noLocalEndpoint', params: { node: nodes[0] } });
    expect(by(nodes[2]!).l2!.reason).toEqual({
      code: 'nodeLabeledExcludeBalancers',
      params: { node: nodes[2], label: EXCLUDE_LB_LABEL },
    });
    // n1 wins the election; no speaker answers on the wire here, and the answer says so.
    expect(by(nodes[1]!).l2!.reason).toEqual({ code: 'notAnsweringOnWire', params: { node: nodes[1] } });
  });

  it('no advertisement selects the pool', async () => {
    await h.service({ ns: app, name: 'quiet', annotations: { 'metallb.io/address-pool': 'quiet' } });
    expect(await h.ingress(app, 'quiet')).toEqual(['192.0.2.40']);
    const out = await explain('quiet');
    expect(out.advertisements).toEqual([]);
    for (const n of nodes) {
      expect(out.nodes.find((x) => x.node === n)!.l2!.reason).toEqual({
        code: 'noAdvertisementSelectsPool',
        params: { pool: 'quiet' },
      });
    }
  });

  it('answers 404 for a Service that does not exist', async () => {
    const res = await fetch(`${url}/api/v1/explain/services/${app}/nope`);
    expect(res.status).toBe(404);
  });
});

describe('POST /api/v1/preview', () => {
  const preview = async (body: unknown) => {
    const res = await fetch(`${url}/api/v1/preview`, { method: 'POST', body: JSON.stringify(body) });
    expect(res.status).toBe(200);
    return (await res.json()) as PreviewResult;
  };

  it('a pool moved to another address takes the IP from the Service holding it', async () => {
    const out = await preview({
      yaml: [
        'apiVersion: metallb.io/v1beta1',
        'kind: IPAddressPool',
        'metadata: {name: one}',
        'spec: {addresses: [192.0.2.11/32]}',
      ].join('\n'),
    });
    expect(out.allowed).toBe(true);
    const first = out.changes.find((c) => c.service.name === 'first')!;
    expect(first).toMatchObject({ losesIPs: true, before: { ingressIPs: ['192.0.2.10'] } });
    expect(first.after.ingressIPs).not.toContain('192.0.2.10');
  });

  it('a node selector on the L2Advertisement moves the announcement', async () => {
    const out = await preview({
      object: {
        apiVersion: 'metallb.io/v1beta1',
        kind: 'L2Advertisement',
        metadata: { name: 'l2' },
        spec: {
          ipAddressPools: ['one', 'shared'],
          nodeSelectors: [{ matchLabels: { 'kubernetes.io/hostname': nodes[0] } }],
        },
      },
    });
    const first = out.changes.find((c) => c.service.name === 'first')!;
    expect(first.changes).toEqual(['l2Nodes']);
    expect(first.before.l2Nodes).toEqual([nodes[1]]);
    expect(first.after.l2Nodes).toEqual([]);
  });

  it('a change the webhook refuses comes back with its errors', async () => {
    const out = await preview({
      object: {
        apiVersion: 'metallb.io/v1beta1',
        kind: 'IPAddressPool',
        metadata: { name: 'overlapping' },
        spec: { addresses: ['192.0.2.10/32'] },
      },
    });
    expect(out.allowed).toBe(false);
    expect(out.errors[0]!.message).toContain('"one"');
  });
});

describe("acting with the caller's token", () => {
  let strict: Server;
  let strictURL: string;
  beforeAll(async () => {
    const r = new Router();
    registerExplainAPI(r, { client: h.client, namespace: h.ns, dev: false, lbClass: h.lbClass });
    strict = createServer(
      createApp(
        { version: '0', namespace: h.ns, kubernetesVersion: 'v0', roles: ['ui'] },
        () => true,
        r,
        pino({ level: 'silent' }),
      ).callback(),
    );
    strict.listen(0, '127.0.0.1');
    await once(strict, 'listening');
    strictURL = `http://127.0.0.1:${(strict.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    strict?.closeAllConnections();
    await new Promise((r) => strict?.close(r));
    await kubectl(['delete', 'clusterrolebinding', `${h.ns}-explain-admin`, '--ignore-not-found']);
  });

  /** A TokenRequest token of a new ServiceAccount in the app namespace. */
  const tokenOf = async (sa: string) => {
    await kubectl(['create', 'serviceaccount', sa, '-n', app]);
    return (await kubectl(['create', 'token', sa, '-n', app, '--duration', '10m'])).trim();
  };
  const get = (token?: string) =>
    fetch(`${strictURL}/api/v1/explain/services/${app}/first`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });

  it('refuses a request without a token, and answers 403 to a token that may not read', async () => {
    expect((await get()).status).toBe(401);
    const res = await get(await tokenOf('nobody'));
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: string }).error).toMatch(/forbidden/i);
  });

  it('answers a token allowed to read, with the same explanation', async () => {
    const token = await tokenOf('admin');
    await kubectl([
      'create',
      'clusterrolebinding',
      `${h.ns}-explain-admin`,
      '--clusterrole=cluster-admin',
      `--serviceaccount=${app}:admin`,
    ]);
    const res = await get(token);
    expect(res.status).toBe(200);
    expect(((await res.json()) as ServiceExplanation).summary).toEqual((await explain('first')).summary);
  });
});

describe('npm run explain', () => {
  const run = (args: string[]) =>
    new Promise<{ code: number | null; out: string }>((resolve) => {
      const p = spawn(process.execPath, ['--import', 'tsx', 'scripts/explain.ts', ...args], {
        env: {
          ...process.env,
          KUBECONFIG: inject('kubeconfig'),
          METALLB_NAMESPACE: h.ns,
          METALLB_LB_CLASS: h.lbClass,
        },
      });
      let out = '';
      p.stdout.on('data', (c: Buffer) => (out += c.toString()));
      p.stderr.on('data', (c: Buffer) => (out += c.toString()));
      p.on('close', (code) => resolve({ code, out }));
    });

  it('prints the reasons in English and Japanese, and JSON with --json', async () => {
    const en = await run(['-n', app, 'second', '--lang', 'en']);
    expect(en.code).toBe(0);
    expect(en.out).toContain(`Service ${app}/second: Pending: IPAddressPool "one" has no free address left`);
    const ja = await run(['-n', app, 'second', '--lang', 'ja']);
    expect(ja.out).toContain('保留中: IPAddressPool "one" に空きアドレスがありません');
    const json = await run(['-n', app, 'quiet', '--json']);
    expect((JSON.parse(json.out) as ServiceExplanation).advertisements).toEqual([]);
  });
});
