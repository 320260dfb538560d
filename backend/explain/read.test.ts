import { describe, expect, it } from 'vitest';
import type { ApiClient, Query } from '../../k8s/api-client';
import { readServiceSnapshot, readSnapshot } from './read';
import { appSlice, bgpad, ippool, svc } from './test-snapshot';

/** A client answering lists from a table by path, recording every list with its query. */
function fakeClient(lists: Record<string, object[]>) {
  const calls: { path: string; labelSelector?: string }[] = [];
  const client = {
    list: async (path: string, query?: Query) => {
      calls.push({ path, ...(query?.labelSelector ? { labelSelector: String(query.labelSelector) } : {}) });
      return { items: lists[path] ?? [] };
    },
  } as unknown as ApiClient;
  return { client, calls };
}

const opts = { namespace: 'metallb-system' };
const SLICES = '/apis/discovery.k8s.io/v1/endpointslices';
const APP_SLICES = '/apis/discovery.k8s.io/v1/namespaces/app/endpointslices';
const L2 = '/apis/metallb.io/v1beta1/namespaces/metallb-system/servicel2statuses';

describe('readServiceSnapshot', () => {
  const lists = {
    '/apis/metallb.io/v1beta1/namespaces/metallb-system/ipaddresspools': [
      ippool('p', { addresses: ['192.0.2.0/24'] }),
    ],
    '/apis/metallb.io/v1beta1/namespaces/metallb-system/bgpadvertisements': [
      bgpad('b', { aggregationLength: 30 }),
    ],
    '/api/v1/services': [
      svc('web', { ips: ['192.0.2.1'] }),
      svc('near', { ips: ['192.0.2.2'] }),
      svc('far', { ips: ['192.0.2.9'] }),
    ],
    [SLICES]: [appSlice('web', ['n']), appSlice('near', ['n']), appSlice('far', ['n'])],
  };

  it("lists only the Service's ServiceL2Statuses and the EndpointSlices of the Services bearing on it", async () => {
    const { client, calls } = fakeClient(lists);
    const snap = await readServiceSnapshot(client, opts, { namespace: 'app', name: 'web' });
    expect(snap.services).toHaveLength(3);
    expect(calls.find((c) => c.path === L2)).toEqual({
      path: L2,
      labelSelector: 'metallb.io/service-name=web,metallb.io/service-namespace=app',
    });
    expect(calls.find((c) => c.path.endsWith('/endpointslices'))).toEqual({
      path: APP_SLICES,
      labelSelector: 'kubernetes.io/service-name in (near,web)',
    });
    expect(calls.some((c) => c.path.endsWith('/servicebgpstatuses'))).toBe(false);
  });

  it('selects nothing for a name no Service can have', async () => {
    const { client, calls } = fakeClient(lists);
    const snap = await readServiceSnapshot(client, opts, { namespace: 'app', name: 'web,x' });
    expect(snap).toMatchObject({ endpointSlices: [], l2Statuses: [] });
    expect(calls.some((c) => c.labelSelector)).toBe(false);
  });

  it('the preview still reads every EndpointSlice and ServiceL2Status', async () => {
    const { client, calls } = fakeClient(lists);
    const snap = await readSnapshot(client, opts);
    expect(snap.endpointSlices).toHaveLength(3);
    expect(calls.filter((c) => c.path === SLICES || c.path === L2)).toEqual([{ path: SLICES }, { path: L2 }]);
  });
});
