// The preview (POST /api/v1/preview, backend/explain/preview.ts) at the scale bench's size, on a
// snapshot built in memory: BENCH_NODES nodes (default 1,000), BENCH_SERVICES Services (default
// 10,000) over BENCH_POOLS /22 pools (default 20; the first half announced by Layer 2, the rest by
// BGP to one peer), one ready endpoint per Service on node (i mod nodes), every speaker running.
// Three changes an administrator previews: a pool shrunk under its Services, a node selector added
// to the L2Advertisement (half the Services move), communities added to the BGPAdvertisement (every
// node's routes of half the Services change). Time and heap of each, one run each.
import type { V1Service } from '@kubernetes/client-node';
import { previewChange } from '../backend/explain/preview';
import type { ClusterSnapshot } from '../backend/explain/snapshot';
import {
  allocated,
  bgpad,
  ippool,
  l2ad,
  node,
  peer,
  slice,
  snapshot,
  svc,
} from '../backend/explain/test-snapshot';
import type { MetalLBObject } from '../api/types';
import type { Metrics } from './run';

const NODES = Number(process.env.BENCH_NODES ?? 1000);
const SERVICES = Number(process.env.BENCH_SERVICES ?? 10_000);
const POOLS = Number(process.env.BENCH_POOLS ?? 20);

function cluster(): ClusterSnapshot {
  const nodes = Array.from({ length: NODES }, (_, i) => node(`node-${i}`));
  const pools = Array.from({ length: POOLS }, (_, k) =>
    ippool(`pool-${k}`, { addresses: [`198.18.${4 * k}.0/22`] }),
  );
  const services: V1Service[] = [];
  for (let i = 0; i < SERVICES; i++) {
    const k = i % POOLS;
    const j = Math.floor(i / POOLS) + 1;
    services.push(
      allocated(
        svc(`svc-${i}`, { namespace: 'bench', ips: [`198.18.${4 * k + (j >> 8)}.${j & 255}`] }),
        `pool-${k}`,
      ),
    );
  }
  const half = Math.ceil(POOLS / 2);
  const names = pools.map((p) => p.metadata!.name!);
  return snapshot({
    nodes,
    pools,
    l2Advertisements: [l2ad('l2', { ipAddressPools: names.slice(0, half) })],
    bgpAdvertisements: [bgpad('bgp', { ipAddressPools: names.slice(half) })],
    bgpPeers: [peer('router', { peerAddress: '203.0.113.1' })],
    services,
    namespaces: [{ metadata: { name: 'bench', labels: {} } }],
    endpointSlices: services.map((s, i) => slice(s.metadata!.name!, [`node-${i % NODES}`], 'bench')),
    // Every speaker runs (the members of the Layer 2 election).
    configurationStates: nodes.map((n) => ({
      apiVersion: 'metallb.io/v1beta1' as const,
      kind: 'ConfigurationState' as const,
      metadata: { name: `speaker-${n.metadata?.name}`, namespace: 'metallb-system' },
      spec: {},
    })),
  });
}

function measure(
  snap: ClusterSnapshot,
  obj: MetalLBObject,
): { ms: number; changes: number; heapMiB: number } {
  globalThis.gc?.();
  const t0 = performance.now();
  const out = previewChange(snap, obj);
  const ms = performance.now() - t0;
  if (!out.allowed) throw new Error(`preview refused: ${JSON.stringify(out.errors)}`);
  return { ms, changes: out.changes.length, heapMiB: process.memoryUsage().heapUsed / 2 ** 20 };
}

export async function run(): Promise<Metrics> {
  const snap = cluster();
  const out: Metrics = {
    nodes: { value: NODES, unit: 'nodes' },
    services: { value: SERVICES, unit: 'services' },
  };
  const cases: [string, MetalLBObject][] = [
    // pool-0 from /22 to /26: the Services past its 64 addresses lose their IPs.
    ['poolShrink', { ...snap.pools[0]!, spec: { addresses: ['198.18.0.0/26'] } } as MetalLBObject],
    [
      'l2NodeSelector',
      {
        ...snap.l2Advertisements[0]!,
        spec: {
          ...snap.l2Advertisements[0]!.spec,
          nodeSelectors: [{ matchLabels: { 'kubernetes.io/hostname': 'node-7' } }],
        },
      } as MetalLBObject,
    ],
    [
      'bgpCommunities',
      {
        ...snap.bgpAdvertisements[0]!,
        spec: { ...snap.bgpAdvertisements[0]!.spec, communities: ['64512:9'] },
      } as MetalLBObject,
    ],
  ];
  for (const [name, obj] of cases) {
    const r = measure(snap, obj);
    console.error(
      `${name}: ${r.ms.toFixed(0)} ms, ${r.changes} Services change, heap ${r.heapMiB.toFixed(0)} MiB`,
    );
    out[`${name}Ms`] = { value: Math.round(r.ms), unit: 'ms (previewChange, one run)' };
    out[`${name}Changes`] = { value: r.changes, unit: 'services listed' };
    out[`${name}HeapMiB`] = { value: Math.round(r.heapMiB), unit: 'MiB (V8 heap used right after)' };
  }
  return out;
}
