// The speaker's watches feeding the pure plan and the status writer, on the test cluster: the path
// speaker/main.ts will wire (watch → desiredState → ServiceL2Status / ServiceBGPStatus).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KUBE_KINDS, METALLB_KINDS, resourcePath, type MetalLBKindName } from '../../api/kinds';
import type { ServiceBGPStatusStatus, ServiceL2Status, ServiceL2StatusStatus } from '../../api/types';
import { validateConfig } from '../../api/validation';

import { uniqueName, waitFor } from '../../integration-tests/cluster/test-env';
import { desiredState, type DesiredState } from '../../api/announce/desired-state';
import { StatusTestEnv } from '../status/itest-env';
import { BGP_STATUS, L2_STATUS, ServiceStatusWriter } from '../status/service-status-writer';
import { SpeakerWatches } from './watches';

const env = new StatusTestEnv('spk-watch');
const appNs = uniqueName('spk-app');
let changes = 0;
let watches: SpeakerWatches;

const metallb = (kind: MetalLBKindName) => resourcePath(METALLB_KINDS[kind], { namespace: env.ns });

beforeAll(async () => {
  await env.setup();
  await env.client.create(resourcePath(KUBE_KINDS.Namespace), { metadata: { name: appNs } });
  watches = new SpeakerWatches(env.client, {
    namespace: env.ns,
    node: 'unused',
    debounceMs: 50,
    onChange: () => changes++,
  });
  await watches.start();
});
afterAll(async () => {
  watches?.stop();
  await env.client.delete(resourcePath(KUBE_KINDS.Namespace, { name: appNs })).catch(() => undefined);
  await env.cleanup();
});

function planFor(node: string, nodes: string[]): DesiredState {
  return desiredState({ node, members: new Set(nodes), ...watches.snapshot() });
}

describe('SpeakerWatches', () => {
  it('calls onChange once after the initial sync, then after relevant changes', async () => {
    await waitFor('initial onChange', async () => changes >= 1);
    const before = changes;
    watches.takeCauses();
    await env.client.create(metallb('IPAddressPool'), {
      apiVersion: 'metallb.io/v1beta1',
      kind: 'IPAddressPool',
      metadata: { name: 'pool', labels: { tier: 'gold' } },
      spec: { addresses: ['198.51.100.0/24'] },
    });
    await env.client.create(metallb('L2Advertisement'), {
      apiVersion: 'metallb.io/v1beta1',
      kind: 'L2Advertisement',
      metadata: { name: 'l2' },
      spec: { ipAddressPoolSelectors: [{ matchLabels: { tier: 'gold' } }] },
    });
    await env.client.create(metallb('BGPPeer'), {
      apiVersion: 'metallb.io/v1beta2',
      kind: 'BGPPeer',
      metadata: { name: 'tor' },
      spec: { myASN: 64512, peerASN: 64513, peerAddress: '192.0.2.1' },
    });
    await env.client.create(metallb('BGPAdvertisement'), {
      apiVersion: 'metallb.io/v1beta1',
      kind: 'BGPAdvertisement',
      metadata: { name: 'bgp' },
      spec: { ipAddressPools: ['pool'], communities: ['65000:1'] },
    });
    await waitFor('the configuration in the caches', async () => {
      const s = watches.snapshot();
      return (
        s.pools.length === 1 &&
        s.l2Advertisements.length === 1 &&
        s.bgpPeers.length === 1 &&
        s.bgpAdvertisements.length === 1
      );
    });
    await waitFor('onChange after the writes', async () => changes > before);
    // Four writes close together coalesce into few calls.
    expect(changes - before).toBeLessThanOrEqual(4);
    // The debug log says what asked for the passes.
    expect(watches.takeCauses()).toMatchObject({
      'ipaddresspools:add': 1,
      'l2advertisements:add': 1,
      'bgppeers:add': 1,
      'bgpadvertisements:add': 1,
    });
    expect(watches.takeCauses()).toEqual({});
  });

  it('feeds Services, EndpointSlices and Nodes to the plan, and the plan to the status writers', async () => {
    await env.client.create(resourcePath(KUBE_KINDS.Service, { namespace: appNs }), {
      metadata: { name: 'web', labels: { app: 'web' } },
      spec: { type: 'LoadBalancer', ports: [{ port: 80 }] },
    });
    await env.client.mergePatch(
      resourcePath(KUBE_KINDS.Service, { namespace: appNs, name: 'web', subresource: 'status' }),
      {
        status: { loadBalancer: { ingress: [{ ip: '198.51.100.7' }] } },
      },
    );
    const nodes = watches.nodes
      .list()
      .map((n) => n.metadata!.name!)
      .sort();
    expect(nodes.length).toBeGreaterThanOrEqual(2);
    await env.client.create(resourcePath(KUBE_KINDS.EndpointSlice, { namespace: appNs }), {
      metadata: { name: 'web-1', labels: { 'kubernetes.io/service-name': 'web' } },
      addressType: 'IPv4',
      endpoints: [{ addresses: ['10.244.0.5'], nodeName: nodes[1], conditions: { ready: true } }],
      ports: [{ port: 80 }],
    });
    const key = `${appNs}/web`;
    await waitFor('the Service announced by exactly one node', async () => {
      const owners = nodes.filter((n) => planFor(n, nodes).l2Statuses.has(key));
      return owners.length === 1;
    });
    const owner = nodes.find((n) => planFor(n, nodes).l2Statuses.has(key))!;
    // BGP (ETP Cluster): every node advertises to the peer.
    for (const n of nodes) {
      const s = planFor(n, nodes);
      expect(s.bgpStatuses.get(key)?.peers).toEqual(['tor']);
      expect(s.bgp.sessions.map((x) => [x.peer, x.routes.map((r) => r.prefix)])).toEqual([
        ['tor', ['198.51.100.7/32']],
      ]);
    }

    const writers = nodes.map((n) => ({
      node: n,
      l2: new ServiceStatusWriter<ServiceL2StatusStatus>(env.client, {
        namespace: env.ns,
        node: n,
        kind: L2_STATUS,
      }),
      bgp: new ServiceStatusWriter<ServiceBGPStatusStatus>(env.client, {
        namespace: env.ns,
        node: n,
        kind: BGP_STATUS,
      }),
    }));
    const writeAll = async () => {
      for (const w of writers) {
        const s = planFor(w.node, nodes);
        await w.l2.reconcile(s.l2Statuses);
        await w.bgp.reconcile(s.bgpStatuses);
      }
    };
    await writeAll();
    const l2 = await env.list<ServiceL2Status>(METALLB_KINDS.ServiceL2Status);
    expect(l2.map((o) => [o.status?.node, o.status?.serviceName, o.status?.serviceNamespace])).toEqual([
      [owner, 'web', appNs],
    ]);
    expect(await env.list(METALLB_KINDS.ServiceBGPStatus)).toHaveLength(nodes.length);

    // ETP Local: only the endpoint's node keeps the Service, in both protocols.
    await env.client.mergePatch(resourcePath(KUBE_KINDS.Service, { namespace: appNs, name: 'web' }), {
      spec: { externalTrafficPolicy: 'Local' },
    });
    await waitFor(
      'ETP Local in the cache',
      async () => watches.services.get('web', appNs)?.spec?.externalTrafficPolicy === 'Local',
    );
    await writeAll();
    const l2After = await env.list<ServiceL2Status>(METALLB_KINDS.ServiceL2Status);
    expect(l2After.map((o) => o.status?.node)).toEqual([nodes[1]]);
    const bgpAfter = await env.list<ServiceL2Status>(METALLB_KINDS.ServiceBGPStatus);
    expect(bgpAfter.map((o) => o.status?.node)).toEqual([nodes[1]]);
  });

  it('validates the watched configuration', async () => {
    const result = validateConfig(watches.configInput(), { namespace: env.ns, bgpType: 'native' });
    expect(result.errors).toEqual([]);
  });
});
