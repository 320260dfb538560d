// BGP failover on three simulated nodes with FRR as the router (bench/bgp-setup.ts): the time from
// a fault on node-3 to the router's kernel route of a Service IP no longer pointing at node-3. Two
// faults (a frozen speaker: SIGSTOP; a cut link at the switch), TRIALS trials each, first with BFD
// (300 ms x 3, FRR's bfdd and our speaker), then with the hold timer alone (keepalive 1 s, hold
// 3 s, FRR's lowest). Goal (issue): medianSecondsBfd < 1.2 s; the floor is 0.9 s (3 x 300 ms).
import { kernelNextHops, eventually } from '../integration-tests/dataplane/bgp-fixtures';
import { createLoadBalancer } from '../integration-tests/dataplane/sim-cluster';
import { percentile, sleep, startBgpBench, type BgpBench } from './bgp-setup';
import type { Metrics } from './run';

const TRIALS = Number(process.env.BGP_FAILOVER_TRIALS ?? 10);
const VIP = '203.0.113.10';
type Fault = 'freeze' | 'cutLink';

async function trial(b: BgpBench, fault: Fault, bfd: boolean): Promise<number> {
  const victim = b.c.nodes[2]!;
  await eventually(
    'all three next hops',
    () => (kernelNextHops(b.tb, 'router', VIP).length === 3 ? true : undefined),
    60_000,
  );
  if (bfd) {
    // Measure BFD, not the hold timer of a session whose BFD is still coming up.
    await eventually(
      'BFD up with node-3 on the router',
      () => {
        const peers = b.frr.json('show bfd peers json') as { peer: string; status: string }[];
        return peers.find((p) => p.peer === victim.ipv4)?.status === 'up' ? true : undefined;
      },
      60_000,
    );
  }
  await sleep(1_000); // BFD settles into its fast rate once Up
  const t0 = performance.now();
  if (fault === 'freeze') victim.speaker!.kill('SIGSTOP');
  else b.tb.setPort(victim.port, false);
  try {
    for (;;) {
      if (!kernelNextHops(b.tb, 'router', VIP).includes(victim.ipv4)) break;
      if (performance.now() - t0 > 60_000) throw new Error(`${fault}: the route kept node-3 for 60 s`);
      await sleep(5);
    }
    return (performance.now() - t0) / 1000;
  } finally {
    if (fault === 'freeze') victim.speaker!.kill('SIGCONT');
    else b.tb.setPort(victim.port, true);
  }
}

async function phase(bfd: boolean, metrics: Metrics): Promise<void> {
  const b = await startBgpBench('bgp-failover', bfd ? { bfd: true, timers: [3, 9] } : { timers: [1, 3] });
  try {
    b.c.serveOnNodes([VIP]);
    await createLoadBalancer(b.c, { name: 'web', ips: [VIP] });
    const all: number[] = [];
    for (const fault of ['freeze', 'cutLink'] as Fault[]) {
      const samples: number[] = [];
      for (let i = 0; i < TRIALS; i++) {
        samples.push(await trial(b, fault, bfd));
        process.stderr.write(
          `${bfd ? 'bfd' : 'hold'} ${fault} ${i + 1}/${TRIALS}: ${samples.at(-1)!.toFixed(3)} s\n`,
        );
      }
      samples.sort((x, y) => x - y);
      all.push(...samples);
      const tag = `${bfd ? 'Bfd' : 'HoldTimer'}${fault === 'freeze' ? 'Freeze' : 'CutLink'}`;
      metrics[`median${tag}Seconds`] = { value: +percentile(samples, 50).toFixed(3), unit: 's' };
      metrics[`max${tag}Seconds`] = { value: +samples.at(-1)!.toFixed(3), unit: 's' };
    }
    all.sort((x, y) => x - y);
    metrics[bfd ? 'medianSecondsBfd' : 'medianSecondsHoldTimer'] = {
      value: +percentile(all, 50).toFixed(3),
      unit: 's',
    };
  } finally {
    await b.close();
  }
}

export async function run(): Promise<Metrics> {
  const metrics: Metrics = {};
  await phase(true, metrics);
  await phase(false, metrics);
  metrics.trialsPerFault = { value: TRIALS, unit: 'count' };
  return metrics;
}
