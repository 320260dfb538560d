import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METALLB_KINDS, resourcePath } from '../../api/kinds';
import type {
  ServiceBGPStatus,
  ServiceBGPStatusStatus,
  ServiceL2Status,
  ServiceL2StatusStatus,
} from '../../api/types';
import { StatusTestEnv } from './itest-env';
import { BGP_STATUS, L2_STATUS, ServiceStatusWriter } from './service-status-writer';

const env = new StatusTestEnv('spk-svcstatus');
beforeAll(() => env.setup());
afterAll(() => env.cleanup());

const l2 = (node: string, ns: string, name: string, interfaces?: string[]): ServiceL2StatusStatus => ({
  node,
  serviceName: name,
  serviceNamespace: ns,
  ...(interfaces ? { interfaces: interfaces.map((i) => ({ name: i })) } : {}),
});

const summary = (objs: ServiceL2Status[]) =>
  objs
    .map((o) => [
      o.metadata.labels?.['metallb.io/service-namespace'],
      o.metadata.labels?.['metallb.io/service-name'],
      o.status,
    ])
    .sort((a, b) => String(a[1]).localeCompare(String(b[1])));

describe('ServiceStatusWriter (ServiceL2Status)', () => {
  it('creates the desired objects with generateName, labels, owner and status', async () => {
    const owner = await env.speakerPod('speaker-a');
    const w = new ServiceStatusWriter<ServiceL2StatusStatus>(env.client, {
      namespace: env.ns,
      node: 'node-a',
      kind: L2_STATUS,
      owner,
    });
    const counts = await w.reconcile(
      new Map([
        ['web/one', l2('node-a', 'web', 'one', ['eth0'])],
        ['web/two', l2('node-a', 'web', 'two')],
      ]),
    );
    expect(counts).toEqual({ created: 2, updated: 0, deleted: 0 });
    const objs = await env.list<ServiceL2Status>(METALLB_KINDS.ServiceL2Status, 'metallb.io/node=node-a');
    expect(objs).toHaveLength(2);
    for (const o of objs) {
      expect(o.metadata.name).toMatch(/^l2-[a-z0-9]+$/);
      expect(o.metadata.labels?.['metallb.io/node']).toBe('node-a');
      expect(o.metadata.ownerReferences).toEqual([expect.objectContaining({ kind: 'Pod', uid: owner.uid })]);
    }
    expect(summary(objs)).toEqual([
      ['web', 'one', l2('node-a', 'web', 'one', ['eth0'])],
      ['web', 'two', l2('node-a', 'web', 'two')],
    ]);
    // Nothing to do the second time.
    expect(
      await w.reconcile(
        new Map([
          ['web/one', l2('node-a', 'web', 'one', ['eth0'])],
          ['web/two', l2('node-a', 'web', 'two')],
        ]),
      ),
    ).toEqual({ created: 0, updated: 0, deleted: 0 });
  });

  it('updates changed content, deletes what is no longer desired, and leaves other nodes alone', async () => {
    const other = new ServiceStatusWriter<ServiceL2StatusStatus>(env.client, {
      namespace: env.ns,
      node: 'node-b',
      kind: L2_STATUS,
    });
    await other.reconcile(new Map([['web/three', l2('node-b', 'web', 'three')]]));
    const w = new ServiceStatusWriter<ServiceL2StatusStatus>(env.client, {
      namespace: env.ns,
      node: 'node-a',
      kind: L2_STATUS,
    });
    const before = await env.list<ServiceL2Status>(METALLB_KINDS.ServiceL2Status, 'metallb.io/node=node-a');
    const counts = await w.reconcile(new Map([['web/one', l2('node-a', 'web', 'one')]]));
    expect(counts).toEqual({ created: 0, updated: 1, deleted: 1 });
    const after = await env.list<ServiceL2Status>(METALLB_KINDS.ServiceL2Status, 'metallb.io/node=node-a');
    expect(summary(after)).toEqual([['web', 'one', l2('node-a', 'web', 'one')]]);
    // The same object was updated, not replaced.
    expect(before.map((o) => o.metadata.name)).toContain(after[0]!.metadata.name);
    const others = await env.list<ServiceL2Status>(METALLB_KINDS.ServiceL2Status, 'metallb.io/node=node-b');
    expect(summary(others)).toEqual([['web', 'three', l2('node-b', 'web', 'three')]]);
    await w.reconcile(new Map());
    expect(await env.list(METALLB_KINDS.ServiceL2Status, 'metallb.io/node=node-a')).toEqual([]);
    expect(await env.list(METALLB_KINDS.ServiceL2Status, 'metallb.io/node=node-b')).toHaveLength(1);
  });

  it('removes duplicates and stale objects left by an earlier run', async () => {
    const w = new ServiceStatusWriter<ServiceL2StatusStatus>(env.client, {
      namespace: env.ns,
      node: 'node-c',
      kind: L2_STATUS,
    });
    const labels = (name: string) => ({
      'metallb.io/node': 'node-c',
      'metallb.io/service-name': name,
      'metallb.io/service-namespace': 'web',
    });
    for (const name of ['dup', 'dup', 'stale']) {
      await env.client.create(resourcePath(METALLB_KINDS.ServiceL2Status, { namespace: env.ns }), {
        apiVersion: 'metallb.io/v1beta1',
        kind: 'ServiceL2Status',
        metadata: { generateName: 'l2-', labels: labels(name) },
        spec: {},
      });
    }
    const counts = await w.reconcile(new Map([['web/dup', l2('node-c', 'web', 'dup')]]));
    expect(counts).toEqual({ created: 0, updated: 1, deleted: 2 });
    const objs = await env.list<ServiceL2Status>(METALLB_KINDS.ServiceL2Status, 'metallb.io/node=node-c');
    expect(summary(objs)).toEqual([['web', 'dup', l2('node-c', 'web', 'dup')]]);
  });

  it('serialises concurrent reconciles (the last desired state wins)', async () => {
    const w = new ServiceStatusWriter<ServiceL2StatusStatus>(env.client, {
      namespace: env.ns,
      node: 'node-d',
      kind: L2_STATUS,
    });
    await Promise.all([
      w.reconcile(new Map([['web/x', l2('node-d', 'web', 'x')]])),
      w.reconcile(new Map([['web/x', l2('node-d', 'web', 'x', ['eth1'])]])),
      w.reconcile(new Map([['web/y', l2('node-d', 'web', 'y')]])),
    ]);
    const objs = await env.list<ServiceL2Status>(METALLB_KINDS.ServiceL2Status, 'metallb.io/node=node-d');
    expect(summary(objs)).toEqual([['web', 'y', l2('node-d', 'web', 'y')]]);
  });
});

describe('ServiceStatusWriter (ServiceBGPStatus)', () => {
  it('writes peers, updates them and deletes the object when no longer desired', async () => {
    const w = new ServiceStatusWriter<ServiceBGPStatusStatus>(env.client, {
      namespace: env.ns,
      node: 'node-a',
      kind: BGP_STATUS,
    });
    const status = (peers: string[]) => ({
      node: 'node-a',
      serviceName: 's',
      serviceNamespace: 'web',
      peers,
    });
    await w.reconcile(new Map([['web/s', status(['p1'])]]));
    let objs = await env.list<ServiceBGPStatus>(METALLB_KINDS.ServiceBGPStatus, 'metallb.io/node=node-a');
    expect(objs.map((o) => [o.metadata.name?.startsWith('bgp-'), o.metadata.labels, o.status])).toEqual([
      [
        true,
        {
          'metallb.io/node': 'node-a',
          'metallb.io/service-name': 's',
          'metallb.io/service-namespace': 'web',
        },
        status(['p1']),
      ],
    ]);
    await w.reconcile(new Map([['web/s', status(['p1', 'p2'])]]));
    objs = await env.list<ServiceBGPStatus>(METALLB_KINDS.ServiceBGPStatus, 'metallb.io/node=node-a');
    expect(objs.map((o) => o.status?.peers)).toEqual([['p1', 'p2']]);
    await w.reconcile(new Map());
    expect(await env.list(METALLB_KINDS.ServiceBGPStatus, 'metallb.io/node=node-a')).toEqual([]);
  });
});

describe('ServiceStatusWriter in the background (submit)', () => {
  const status = (name: string, peers: string[]) => ({
    node: 'node-e',
    serviceName: name,
    serviceNamespace: 'web',
    peers,
  });
  const many = (n: number, peers: string[]) =>
    new Map(Array.from({ length: n }, (_, i) => [`web/s${i}`, status(`s${i}`, peers)] as const));

  it('returns at once, writes only the latest state, and writes many objects concurrently', async () => {
    const w = new ServiceStatusWriter<ServiceBGPStatusStatus>(env.client, {
      namespace: env.ns,
      node: 'node-e',
      kind: BGP_STATUS,
    });
    w.submit(many(200, ['p1']));
    w.submit(many(150, ['p1']));
    w.submit(many(120, ['p1', 'p2']));
    await w.idle();
    const objs = await env.list<ServiceBGPStatus>(METALLB_KINDS.ServiceBGPStatus, 'metallb.io/node=node-e');
    expect(objs).toHaveLength(120);
    expect(new Set(objs.map((o) => o.status?.peers?.join(',')))).toEqual(new Set(['p1,p2']));
    w.submit(new Map());
    await w.idle();
    expect(await env.list(METALLB_KINDS.ServiceBGPStatus, 'metallb.io/node=node-e')).toEqual([]);
  });

  it('recreates an object deleted behind its back once a write to it fails', async () => {
    const w = new ServiceStatusWriter<ServiceBGPStatusStatus>(env.client, {
      namespace: env.ns,
      node: 'node-f',
      kind: BGP_STATUS,
      retryMs: 50,
    });
    const one = (peers: string[]) =>
      new Map([['web/s', { node: 'node-f', serviceName: 's', serviceNamespace: 'web', peers }]]);
    await w.reconcile(one(['p1']));
    const [first] = await env.list<ServiceBGPStatus>(
      METALLB_KINDS.ServiceBGPStatus,
      'metallb.io/node=node-f',
    );
    await env.client.delete(
      resourcePath(METALLB_KINDS.ServiceBGPStatus, { namespace: env.ns, name: first!.metadata.name }),
    );
    // The writer still believes in the deleted object: its patch fails (404), it lists again and creates.
    w.submit(one(['p2']));
    await w.idle();
    const after = await env.list<ServiceBGPStatus>(METALLB_KINDS.ServiceBGPStatus, 'metallb.io/node=node-f');
    expect(after.map((o) => o.status?.peers)).toEqual([['p2']]);
    expect(after[0]!.metadata.name).not.toBe(first!.metadata.name);
  });
});
