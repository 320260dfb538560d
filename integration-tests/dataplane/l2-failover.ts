// Failover measurements on a simulated L2 cluster (l2-cluster.ts): a probe in the client namespace
// requests http://VIP:8080 every 20 ms with a 200 ms timeout; a trial injects a fault on the
// current owner and measures the time until the first answer that comes from another node.
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { SimCluster, SimNode } from './sim-cluster';
import type { Testbed } from './netns';

const PROBE = `
const http = require('http');
const [vip, port] = [process.argv[1], 8080];
const host = vip.includes(':') ? '[' + vip + ']' : vip;
function once() {
  const t = Date.now();
  const req = http.get({ host: vip, port, path: '/', timeout: 200, agent: false }, (res) => {
    let body = '';
    res.on('data', (c) => (body += c));
    res.on('end', () => { console.log(JSON.stringify({ at: t, node: body })); setTimeout(once, 20); });
  });
  req.on('timeout', () => req.destroy(new Error('timeout')));
  req.on('error', () => { console.log(JSON.stringify({ at: t, node: null })); setTimeout(once, 20); });
}
once();
`;

export interface Probe {
  /** The node names that answered, with the time of each request (ms since epoch). */
  readonly answers: { at: number; node: string | null }[];
  stop(): void;
}

export function startProbe(tb: Testbed, vip: string): Probe {
  const child: ChildProcess = tb.spawn('client', process.execPath, ['-e', PROBE, vip]);
  const answers: { at: number; node: string | null }[] = [];
  createInterface({ input: child.stdout! }).on('line', (l) => {
    try {
      answers.push(JSON.parse(l) as { at: number; node: string | null });
    } catch {
      // not ours
    }
  });
  return { answers, stop: () => child.kill('SIGKILL') };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until the last answers all come from one node; returns it. */
export async function stableOwner(probe: Probe, c: SimCluster, timeoutMs = 30_000): Promise<SimNode> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const last = probe.answers.slice(-10);
    if (last.length === 10 && last.every((a) => a.node && a.node === last[0]!.node)) {
      return c.nodes.find((n) => n.name === last[0]!.node)!;
    }
    await sleep(50);
  }
  throw new Error(`no stable owner; last answers: ${JSON.stringify(probe.answers.slice(-10))}`);
}

/** Seconds from `faultAt` to the first answer from a node other than `owner`. */
export async function recovery(
  probe: Probe,
  owner: SimNode,
  faultAt: number,
  timeoutMs = 30_000,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const hit = probe.answers.find((a) => a.at >= faultAt && a.node && a.node !== owner.name);
    if (hit) return (hit.at - faultAt) / 1000;
    await sleep(20);
  }
  throw new Error(`no node took over from ${owner.name} within ${timeoutMs} ms`);
}

export type Fault = 'killSpeaker' | 'cutLink';

/**
 * One trial: fault the owner, measure the takeover, then heal and wait until the elected node
 * (`elected`, all nodes alive) answers steadily again.
 */
export async function failoverTrial(
  tb: Testbed,
  c: SimCluster,
  probe: Probe,
  fault: Fault,
  elected: string,
): Promise<number> {
  const owner = await stableOwner(probe, c);
  if (owner.name !== elected) throw new Error(`${owner.name} answers, but ${elected} is elected`);
  const faultAt = Date.now();
  if (fault === 'killSpeaker') owner.speaker?.kill('SIGKILL');
  else tb.setPort(owner.port, false);
  // Killing the speaker alone leaves the node serving its old MAC; the client moves on only when
  // the new owner's gratuitous ARP arrives, which is what is measured.
  const seconds = await recovery(probe, owner, faultAt);
  if (fault === 'killSpeaker') c.startSpeaker(owner);
  else tb.setPort(owner.port, true);
  const deadline = Date.now() + 30_000;
  while ((await stableOwner(probe, c)).name !== elected) {
    if (Date.now() > deadline) throw new Error(`${elected} did not take its IP back after healing`);
    await sleep(200);
  }
  return seconds;
}

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
