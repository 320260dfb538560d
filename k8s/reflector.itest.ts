import { CoreV1Api, type V1ConfigMap } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { compactEtcd } from '../integration-tests/cluster/control-plane';
import { testKubeConfig, uniqueName, waitFor } from '../integration-tests/cluster/test-env';
import { KUBE_KINDS } from '../api/kinds';
import { ApiClient } from './api-client';
import { Reflector } from './reflector';
import { LAST_APPLIED_ANNOTATION, trimMetadata } from './trim';

const kc = testKubeConfig();
const core = kc.makeApiClient(CoreV1Api);
const client = ApiClient.fromKubeConfig(kc);
const ns = uniqueName('reflector');

const reflectorFor = (resumeFrom?: string) =>
  new Reflector<V1ConfigMap>(client, {
    resource: KUBE_KINDS.ConfigMap,
    namespace: ns,
    ...(resumeFrom ? { resumeFrom } : {}),
  });

beforeAll(async () => {
  await core.createNamespace({ body: { metadata: { name: ns } } });
  for (const name of ['a', 'b'])
    await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name } } });
});
afterAll(async () => {
  await core.deleteNamespace({ name: ns }).catch(() => undefined);
});

describe('Reflector', () => {
  it('lists, then follows adds, updates and deletes', async () => {
    const r = reflectorFor();
    const events: string[] = [];
    r.on('add', (o) => events.push(`add ${o.metadata?.name}`));
    r.on('update', (o) => events.push(`update ${o.metadata?.name}`));
    r.on('delete', (o) => events.push(`delete ${o.metadata?.name}`));
    await r.start();
    expect(
      r
        .list()
        .map((o) => o.metadata?.name)
        .sort(),
    ).toEqual(expect.arrayContaining(['a', 'b']));
    await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'c' } } });
    await core.replaceNamespacedConfigMap({
      name: 'c',
      namespace: ns,
      body: { metadata: { name: 'c' }, data: { k: 'v' } },
    });
    await core.deleteNamespacedConfigMap({ name: 'c', namespace: ns });
    await waitFor('delete event', async () => events.includes('delete c'));
    r.stop();
    expect(events.filter((e) => e.endsWith(' c'))).toEqual(['add c', 'update c', 'delete c']);
  });

  it('caches and emits objects through its transform, both listed and watched', async () => {
    const r = new Reflector<V1ConfigMap>(client, {
      resource: KUBE_KINDS.ConfigMap,
      namespace: ns,
      transform: trimMetadata,
    });
    const added: V1ConfigMap[] = [];
    r.on('add', (o) => added.push(o));
    await r.start();
    await core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: 'trimmed', annotations: { [LAST_APPLIED_ANNOTATION]: '{}', keep: 'me' } } },
    });
    await waitFor('watched add', async () => added.some((o) => o.metadata?.name === 'trimmed'));
    r.stop();
    const raw = await core.readNamespacedConfigMap({ name: 'trimmed', namespace: ns });
    expect(raw.metadata?.annotations?.[LAST_APPLIED_ANNOTATION]).toBe('{}');
    const cached = r.get('trimmed')!;
    expect(cached.metadata?.annotations).toEqual({ keep: 'me' });
    expect(added.find((o) => o.metadata?.name === 'trimmed')).toBe(cached);
    for (const o of [...added, ...r.list()]) expect(o.metadata?.managedFields).toBeUndefined();
    expect(r.get('a')?.metadata?.name).toBe('a');
  });

  it('lists in pages and then watches from the snapshot the pages belong to', async () => {
    const pages: (string | number | boolean | undefined)[][] = [];
    const paging = Object.create(client) as ApiClient;
    paging.list = (path, query, o) => {
      pages.push([query?.limit, query?.continue !== undefined]);
      return client.list(path, query, o);
    };
    const r = new Reflector<V1ConfigMap>(paging, {
      resource: KUBE_KINDS.ConfigMap,
      namespace: ns,
      pageSize: 1,
    });
    const names = (await core.listNamespacedConfigMap({ namespace: ns })).items.map((c) => c.metadata!.name!);
    await r.start();
    expect(
      r
        .list()
        .map((o) => o.metadata?.name)
        .sort(),
    ).toEqual(names.sort());
    // One object per page: the first without a continue token, every further one with it.
    expect(pages).toEqual(names.map((_, i) => [1, i > 0]));
    await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'after-pages' } } });
    await waitFor('watched after paging', async () => r.get('after-pages') !== undefined);
    r.stop();
  });

  it('relists when the apiserver answers 410 Gone for a resourceVersion it no longer has', async () => {
    const stale = (await core.listNamespacedConfigMap({ namespace: ns })).metadata!.resourceVersion!;
    // Two writes, so the compaction covers the first version the watch would start from.
    await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'while-away' } } });
    await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'while-away-2' } } });
    await compactEtcd(inject('etcd'));
    const r = reflectorFor(stale);
    await r.start();
    await waitFor('relist after 410', async () => r.stats.expired >= 1 && r.stats.lists >= 1);
    await waitFor('cache filled by the relist', async () => r.get('a') && r.get('b') && r.get('while-away'));
    // After the relist the watch works again from the fresh version.
    await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'after-410' } } });
    await waitFor('event after relist', async () => r.get('after-410'));
    expect(r.stats.expired).toBeGreaterThanOrEqual(1);
    r.stop();
  });
});
