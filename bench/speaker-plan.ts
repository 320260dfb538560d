// The speaker's plan alone (snapshot already taken: desiredState, the pure core every pass runs) at
// the scale bench's size: BENCH_NODES nodes (default 1,000), BENCH_SERVICES Services (default
// 10,000) over BENCH_POOLS pools (default 20; half announced by Layer 2, half by BGP to one peer),
// every Service with one ready endpoint on node (i mod nodes), as `npm run bench -- scale` creates
// them. Planned for node-0, the way the speaker's passes run: a first pass, then passes with nothing
// changed (kwok's heartbeats), then passes after one Service changed. Medians of ROUNDS rounds.
import { performance } from 'node:perf_hooks';
import { desiredState, ServicePlanMemo } from '../api/announce/desired-state';
import type { PlanInput, ServiceInput } from '../api/announce/inputs';
import { L2RankingMemo } from '../api/announce/l2-ranking';
import { bgpad, l2ad, node, peer, pool, service, slice } from '../api/announce/test-fixtures';
import type { Metrics } from './run';

const NODES = Number(process.env.BENCH_NODES ?? 1000);
const SERVICES = Number(process.env.BENCH_SERVICES ?? 10_000);
const POOLS = Number(process.env.BENCH_POOLS ?? 20);
const ROUNDS = 5;

function input(): PlanInput {
  const names = Array.from({ length: POOLS }, (_, k) => `pool-${k}`);
  const half = Math.ceil(POOLS / 2);
  const services: ServiceInput[] = [];
  for (let i = 0; i < SERVICES; i++) {
    const k = i % POOLS;
    const n = Math.floor(i / POOLS);
    services.push(
      service(`svc-${i}`, {
        namespace: 'bench',
        ips: [`198.18.${4 * k + (n >> 8)}.${n & 255}`],
        annotations: { 'metallb.io/ip-allocated-from-pool': names[k]! },
      }),
    );
  }
  return {
    node: 'node-0',
    nodes: Array.from({ length: NODES }, (_, i) => node(`node-${i}`)),
    services,
    endpointSlices: services.map((s, i) => slice(s.metadata!.name!, [`node-${i % NODES}`], 'bench')),
    pools: names.map((name, k) => pool(name, [`198.18.${4 * k}.0/22`])),
    l2Advertisements: [l2ad('l2', { ipAddressPools: names.slice(0, half) })],
    bgpAdvertisements: [bgpad('bgp', { ipAddressPools: names.slice(half) })],
    bgpPeers: [peer('router', { peerASN: 64513, peerAddress: '127.0.0.1' })],
    bfdProfiles: [],
    communities: [],
    members: null,
  };
}

function timed(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

export async function run(): Promise<Metrics> {
  const first: number[] = [];
  const steady: number[] = [];
  const changed: number[] = [];
  let announced = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const base = { ...input(), l2Memo: new L2RankingMemo(), serviceMemo: new ServicePlanMemo() };
    first.push(timed(() => (announced = desiredState(base).l2.announce.length)));
    steady.push(timed(() => desiredState(base)));
    // One Service's labels changed: a new object in a new array, everything else the same objects.
    const services = [...base.services];
    services[7] = { ...services[7]!, metadata: { ...services[7]!.metadata, labels: { touched: String(r) } } };
    changed.push(timed(() => desiredState({ ...base, services })));
    console.error(
      `round ${r}: first ${first.at(-1)!.toFixed(1)} ms, unchanged ${steady.at(-1)!.toFixed(1)} ms, ` +
        `one Service changed ${changed.at(-1)!.toFixed(1)} ms`,
    );
  }
  return {
    nodes: { value: NODES, unit: 'nodes' },
    services: { value: SERVICES, unit: 'services' },
    l2AnnouncedByNode0: { value: announced, unit: 'services' },
    firstPlanMs: {
      value: Number(median(first).toFixed(1)),
      unit: 'ms (median of rounds, fresh process state)',
    },
    unchangedPlanMs: { value: Number(median(steady).toFixed(1)), unit: 'ms (same inputs again)' },
    oneServiceChangedPlanMs: { value: Number(median(changed).toFixed(1)), unit: 'ms' },
  };
}
