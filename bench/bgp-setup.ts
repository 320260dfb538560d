// What the BGP benchmarks share: the production bundle built, a BgpCluster of three nodes whose
// speakers run it, FRR as their router, and the configuration objects of one BGP setup.
import { execFileSync } from 'node:child_process';
import { startBgpCluster, ROUTER_V4, type BgpCluster } from '../integration-tests/dataplane/bgp-cluster';
import { NODE_ASN, startNodeFrr, type RouterOptions } from '../integration-tests/dataplane/bgp-fixtures';
import { dataplaneSkipReason, sweepStale, Testbed } from '../integration-tests/dataplane/netns';
import type { Frr } from '../integration-tests/dataplane/routers';
import { createConfig, createPool, ROOT } from '../integration-tests/dataplane/sim-cluster';

export interface BgpBench {
  tb: Testbed;
  c: BgpCluster;
  frr: Frr;
  close(): Promise<void>;
}

export async function startBgpBench(
  name: string,
  o: RouterOptions & { peer?: Record<string, unknown> } = {},
): Promise<BgpBench> {
  const skip = dataplaneSkipReason(name);
  if (skip) throw new Error(`${name} needs network namespaces: ${skip}`);
  execFileSync('npm', ['run', '-s', 'build', '--', '--server'], { cwd: ROOT, stdio: 'inherit' });
  sweepStale();
  const tb = new Testbed();
  try {
    const c = await startBgpCluster(tb, 3, { bundle: true });
    const frr = await startNodeFrr(tb, c, o);
    if (o.bfd) {
      await createConfig(c, 'BFDProfile', 'fast', {
        receiveInterval: 300,
        transmitInterval: 300,
        detectMultiplier: 3,
      });
    }
    const [ka, hold] = o.timers ?? [3, 9];
    await createConfig(c, 'BGPPeer', 'frr', {
      myASN: NODE_ASN,
      peerASN: 64501,
      peerAddress: ROUTER_V4,
      holdTime: `${hold}s`,
      keepaliveTime: `${ka}s`,
      connectTime: '1s',
      ...(o.bfd ? { bfdProfile: 'fast' } : {}),
      ...o.peer,
    });
    await createPool(c, 'bench', ['203.0.113.0/24']);
    await createConfig(c, 'BGPAdvertisement', 'bench', { ipAddressPools: ['bench'] });
    for (const n of c.nodes) c.startSpeaker(n);
    return {
      tb,
      c,
      frr,
      async close() {
        await c.stop();
        tb.destroy();
      },
    };
  } catch (err) {
    tb.destroy();
    throw err;
  }
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
