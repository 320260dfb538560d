import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { METALLB_KINDS, resourcePath } from '../../api/kinds';
import type { BGPSessionState } from '../../api/types';
import { waitFor } from '../../integration-tests/cluster/test-env';
import { StatusTestEnv } from './itest-env';
import { BGPSessionStateWriter } from './session-state-writer';

const env = new StatusTestEnv('spk-session');
beforeAll(() => env.setup());
afterAll(() => env.cleanup());

const sessions = (node: string) =>
  env.list<BGPSessionState>(METALLB_KINDS.BGPSessionState, `metallb.io/node=${node}`);

describe('BGPSessionStateWriter', () => {
  it('writes one object per node and peer, debounced, owned by the speaker Pod', async () => {
    const owner = await env.speakerPod('speaker-a');
    const w = new BGPSessionStateWriter(env.client, {
      namespace: env.ns,
      node: 'node-a',
      owner,
      debounceMs: 200,
    });
    const requests = vi.spyOn(env.client, 'request');
    w.set('tor1', { peerAddress: '192.0.2.1', bgpState: 'Connect', bfdState: 'N/A', prefixesSent: 0 });
    w.set('tor1', { peerAddress: '192.0.2.1', bgpState: 'OpenSent', bfdState: 'N/A', prefixesSent: 0 });
    w.set('tor1', {
      peerAddress: '192.0.2.1',
      bgpState: 'Established',
      bfdState: 'Up',
      establishedSince: '2026-11-26T10:00:00Z',
      prefixesSent: 3,
    });
    const objs = await waitFor('the session state', async () => {
      const list = await sessions('node-a');
      return list.length === 1 && list[0]!.status?.bgpState === 'Established' ? list : undefined;
    });
    // Three reports in one window: one apply of the object, one of its status.
    expect(requests.mock.calls.filter(([method]) => method === 'PATCH')).toHaveLength(2);
    requests.mockRestore();
    expect(objs[0]!.metadata.name).toBe('node-a-tor1');
    expect(objs[0]!.metadata.labels).toEqual({ 'metallb.io/node': 'node-a', 'metallb.io/peer': 'tor1' });
    expect(objs[0]!.metadata.ownerReferences).toEqual([expect.objectContaining({ uid: owner.uid })]);
    expect(objs[0]!.status).toEqual({
      node: 'node-a',
      peer: 'tor1',
      peerAddress: '192.0.2.1',
      bgpState: 'Established',
      bfdState: 'Up',
      establishedSince: '2026-11-26T10:00:00Z',
      prefixesSent: 3,
    });
    w.close();
  });

  it('replaces the whole status on change, skips unchanged reports, deletes on remove', async () => {
    const w = new BGPSessionStateWriter(env.client, {
      namespace: env.ns,
      node: 'node-b',
      debounceMs: 10_000,
    });
    w.set('tor1', {
      peerAddress: '192.0.2.1',
      bgpState: 'Established',
      prefixesSent: 2,
      establishedSince: '2026-11-26T10:00:00Z',
    });
    await w.flush();
    w.set('tor1', {
      peerAddress: '192.0.2.1',
      bgpState: 'Active',
      prefixesSent: 0,
      lastError: 'connection refused',
    });
    await w.flush();
    let objs = await sessions('node-b');
    expect(objs.map((o) => o.status)).toEqual([
      {
        node: 'node-b',
        peer: 'tor1',
        peerAddress: '192.0.2.1',
        bgpState: 'Active',
        prefixesSent: 0,
        lastError: 'connection refused',
      },
    ]);
    const requests = vi.spyOn(env.client, 'request');
    w.set('tor1', {
      peerAddress: '192.0.2.1',
      bgpState: 'Active',
      prefixesSent: 0,
      lastError: 'connection refused',
    });
    await w.flush();
    expect(requests).not.toHaveBeenCalled();
    requests.mockRestore();
    w.remove('tor1');
    await w.flush();
    objs = await sessions('node-b');
    expect(objs).toEqual([]);
    w.close();
  });

  it('recreates an object deleted behind its back, and prunes only its own node', async () => {
    const a = new BGPSessionStateWriter(env.client, {
      namespace: env.ns,
      node: 'node-c',
      debounceMs: 10,
      retryMs: 50,
    });
    const b = new BGPSessionStateWriter(env.client, { namespace: env.ns, node: 'node-d', debounceMs: 10 });
    a.set('tor1', { bgpState: 'Idle' });
    a.set('tor2', { bgpState: 'Idle' });
    b.set('tor1', { bgpState: 'Idle' });
    await a.flush();
    await b.flush();
    await env.client.delete(
      resourcePath(METALLB_KINDS.BGPSessionState, { namespace: env.ns, name: 'node-c-tor1' }),
    );
    a.set('tor1', { bgpState: 'Connect' });
    await waitFor('node-c-tor1 recreated', async () =>
      (await sessions('node-c')).some(
        (o) => o.metadata.name === 'node-c-tor1' && o.status?.bgpState === 'Connect',
      ),
    );
    expect(await a.prune(['tor1'])).toBe(1);
    expect((await sessions('node-c')).map((o) => o.metadata.name)).toEqual(['node-c-tor1']);
    expect((await sessions('node-d')).map((o) => o.metadata.name)).toEqual(['node-d-tor1']);
    a.close();
    b.close();
  });
});
