// BGP convergence: SERVICES Services get their IP (the status write, as the controller does), each
// at its own time; for each, the time until its prefix is in FRR's routing table, as zebra installs
// it into the router's kernel (polled every 10 ms: the figures include up to 10 ms of polling).
// Three nodes run the production speaker bundle. Goal (issue): p99 < 1000 ms.
import { createLoadBalancer } from '../integration-tests/dataplane/sim-cluster';
import { percentile, sleep, startBgpBench } from './bgp-setup';
import { eventually } from '../integration-tests/dataplane/bgp-fixtures';
import type { Metrics } from './run';

const SERVICES = Number(process.env.BGP_CONVERGENCE_SERVICES ?? 200);

export async function run(): Promise<Metrics> {
  const b = await startBgpBench('bgp-convergence');
  try {
    await eventually(
      'sessions up',
      () => (b.c.nodes.every((n) => b.frr.neighborState(n.ipv4) === 'Established') ? true : undefined),
      60_000,
    );
    const assigned = new Map<string, number>();
    const seen = new Map<string, number>();
    let polling = true;
    const poller = (async () => {
      while (polling) {
        const out = b.tb.exec('router', 'ip', ['-j', 'route', 'show', 'proto', 'bgp']);
        const now = Date.now();
        for (const r of JSON.parse(out || '[]') as { dst: string }[]) {
          if (!seen.has(r.dst)) seen.set(r.dst, now);
        }
        await sleep(10);
      }
    })();
    for (let i = 0; i < SERVICES; i++) {
      const ip = `203.0.113.${(i % 250) + 1}`;
      if (i >= 250) throw new Error('at most 250 Services');
      assigned.set(ip, await createLoadBalancer(b.c, { name: `svc-${i}`, ips: [ip] }));
      await sleep(20); // Services arrive one by one, as they would in a cluster
    }
    await eventually('every prefix installed', () => (seen.size >= SERVICES ? true : undefined), 60_000);
    polling = false;
    await poller;
    const lat = [...assigned].map(([ip, t]) => seen.get(ip)! - t).sort((x, y) => x - y);
    return {
      medianMs: { value: percentile(lat, 50), unit: 'ms' },
      p99Ms: { value: percentile(lat, 99), unit: 'ms' },
      maxMs: { value: lat.at(-1)!, unit: 'ms' },
      services: { value: SERVICES, unit: 'count' },
    };
  } finally {
    await b.close();
  }
}
