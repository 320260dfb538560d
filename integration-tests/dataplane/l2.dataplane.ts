// Layer 2 on the wire: three node namespaces with real speaker processes for three Nodes of a real
// control plane, and a client on the same bridge. The client resolves each VIP with arping/ndisc6
// and reaches it over HTTP; only the elected node answers, and the ServiceL2Status names it.

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KUBE_KINDS, METALLB_KINDS, resourcePath } from '../../api/kinds';
import type { ServiceL2Status } from '../../api/types';
import { sortL2Candidates } from '../../api/announce/election';
import { APP_NAMESPACE, createL2Service, NAMESPACE, startSimCluster, type SimCluster } from './sim-cluster';
import { failoverTrial, startProbe, stableOwner } from './l2-failover';
import { dataplaneSkipReason, sweepStale, Testbed } from './netns';

const unavailable = dataplaneSkipReason('Layer 2 dataplane tests');
const VIP4 = '192.0.2.200';
const VIP6 = '2001:db8::200';

/** The MAC the client learns for `ip` (arping for IPv4, ndisc6 for IPv6), or '' when nobody answers. */
function resolve(tb: Testbed, ip: string): string {
  try {
    const out = ip.includes(':')
      ? tb.exec('client', 'ndisc6', ['-1', '-r', '2', '-w', '300', ip, 'eth0'])
      : tb.exec('client', 'arping', ['-c', '1', '-w', '2', '-I', 'eth0', ip]);
    const m = /([0-9a-f]{2}(?::[0-9a-f]{2}){5})/i.exec(out);
    return m ? m[1]!.toLowerCase() : '';
  } catch {
    return '';
  }
}

/** How many distinct MACs answer one ARP request (arping keeps listening for 1 s). */
function arpAnswerers(tb: Testbed, ip: string): string[] {
  let out = '';
  try {
    out = tb.exec('client', 'arping', ['-c', '1', '-w', '1', '-I', 'eth0', ip]);
  } catch (err) {
    out = (err as Error).message;
  }
  return [...new Set([...out.matchAll(/from ([0-9a-f:]{17})/gi)].map((m) => m[1]!.toLowerCase()))];
}

function http(tb: Testbed, ip: string): string {
  const host = ip.includes(':') ? `[${ip}]` : ip;
  return tb.exec('client', 'curl', ['-s', '-m', '2', `http://${host}:8080/`]).trim();
}

type Falsy = undefined | false | '';
async function until<T>(what: string, f: () => T | Falsy | Promise<T | Falsy>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const v = await f();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe.skipIf(unavailable !== undefined)('Layer 2: ARP and NDP answered by the elected node', () => {
  let tb: Testbed;
  let c: SimCluster;

  beforeAll(async () => {
    sweepStale();
    tb = new Testbed();
    c = await startSimCluster(tb, 3);
    for (const n of c.nodes) {
      // kube-proxy's part: the VIPs are delivered locally on every node; the kernel itself must
      // not answer ARP for them (only addresses on the asking interface), the speaker does.
      tb.exec(n.name, 'sysctl', ['-qw', 'net.ipv4.conf.all.arp_ignore=1']);
      tb.exec(n.name, 'ip', ['route', 'add', 'local', `${VIP4}/32`, 'dev', 'lo']);
      tb.exec(n.name, 'ip', ['-6', 'route', 'add', 'local', `${VIP6}/128`, 'dev', 'lo']);
    }
    for (const n of c.nodes) c.startSpeaker(n);
    await createL2Service(c, { name: 'web', ips: [VIP4, VIP6] });
  }, 120_000);

  afterAll(async () => {
    await c?.stop();
    tb?.destroy();
  });

  const winner = () =>
    c.nodes.find(
      (n) =>
        n.name ===
        sortL2Candidates(
          c.nodes.map((x) => x.name),
          VIP4,
        )[0],
    )!;

  it('resolves the IPv4 VIP to the elected node only, and HTTP reaches that node', async () => {
    const owner = winner();
    await until('an ARP answer', () => resolve(tb, VIP4) === owner.mac);
    // A speaker that started before the others may have answered briefly; after handing over it
    // answers only unicast re-probes to its MAC (L3 grace), so a broadcast request gets one answer.
    await until('the owner alone', () => {
      const macs = arpAnswerers(tb, VIP4);
      return macs.length === 1 && macs[0] === owner.mac;
    });
    expect(http(tb, VIP4)).toBe(owner.name);
  });

  it('resolves the IPv6 VIP of the same Service to the same node (first IP elects)', async () => {
    const owner = winner();
    await until('a neighbour advertisement', () => resolve(tb, VIP6) === owner.mac);
    expect(http(tb, VIP6)).toBe(owner.name);
  });

  it('writes one ServiceL2Status, by the owner, naming the interface that answers', async () => {
    const owner = winner();
    const path = resourcePath(METALLB_KINDS.ServiceL2Status, { namespace: NAMESPACE });
    let statuses: ServiceL2Status[] = [];
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      statuses = (await c.client.list<ServiceL2Status>(path)).items;
      if (statuses.length === 1 && statuses[0]!.status?.interfaces?.length) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(statuses.map((s) => s.status)).toEqual([
      {
        node: owner.name,
        serviceName: 'web',
        serviceNamespace: APP_NAMESPACE,
        interfaces: [{ name: 'eth0' }],
      },
    ]);
  });

  it('moves the VIP with externalTrafficPolicy Local to a node with a ready endpoint, losing no request', async () => {
    const owner = winner();
    const other = c.nodes.find((n) => n !== owner)!;
    await c.client.mergePatch(resourcePath(KUBE_KINDS.Service, { namespace: APP_NAMESPACE, name: 'web' }), {
      spec: { externalTrafficPolicy: 'Local' },
    });
    await c.client.mergePatch(
      resourcePath(KUBE_KINDS.EndpointSlice, { namespace: APP_NAMESPACE, name: 'web-1' }),
      {
        endpoints: [
          { addresses: ['10.244.9.10'], conditions: { ready: true, serving: true }, nodeName: other.name },
        ],
      },
    );
    // Requests keep working throughout: the client follows the new owner's gratuitous ARP, and the
    // old owner keeps answering unicast re-probes for its grace period (L3) from clients that have not yet.
    const answers: string[] = [];
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && answers.at(-1) !== other.name) {
      answers.push(http(tb, VIP4));
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(answers.at(-1)).toBe(other.name);
    expect(answers.filter((a) => a !== owner.name && a !== other.name)).toEqual([]);
    expect(arpAnswerers(tb, VIP4)).toContain(other.mac);
    // A broadcast request is answered by the new owner alone.
    await until(
      'the old owner to fall silent',
      () => {
        const macs = arpAnswerers(tb, VIP4);
        return macs.length === 1 && macs[0] === other.mac;
      },
      20_000,
    );
  });

  it('fails over within two seconds when the owner speaker is killed or its link is cut, and takes the IP back after', async () => {
    // Back to Cluster with endpoints everywhere: any node may take over.
    await c.client.mergePatch(resourcePath(KUBE_KINDS.Service, { namespace: APP_NAMESPACE, name: 'web' }), {
      spec: { externalTrafficPolicy: 'Cluster' },
    });
    await c.client.mergePatch(
      resourcePath(KUBE_KINDS.EndpointSlice, { namespace: APP_NAMESPACE, name: 'web-1' }),
      {
        endpoints: c.nodes.map((n, i) => ({
          addresses: [`10.244.${i}.10`],
          conditions: { ready: true, serving: true },
          nodeName: n.name,
        })),
      },
    );
    await until('the elected owner', () => resolve(tb, VIP4) === winner().mac);
    const probe = startProbe(tb, VIP4);
    try {
      const elected = await stableOwner(probe, c);
      expect(elected.name).toBe(winner().name);
      for (const fault of ['killSpeaker', 'cutLink'] as const) {
        const seconds = await failoverTrial(tb, c, probe, fault, elected.name);
        expect(seconds, fault).toBeLessThan(2);
      }
      // Healed: the elected node owns the IP again (no flapping between owners).
      await until('the elected owner back', () => resolve(tb, VIP4) === elected.mac);
      expect((await stableOwner(probe, c)).name).toBe(elected.name);
    } finally {
      probe.stop();
    }
  });

  const advertisement = resourcePath(METALLB_KINDS.L2Advertisement, {
    namespace: NAMESPACE,
    name: 'l2-pool',
  });
  const nodePath = (name: string) => resourcePath(KUBE_KINDS.Node, { name });
  const quietAfter = (probe: ReturnType<typeof startProbe>, from: number) =>
    probe.answers.filter((a) => a.at >= from && a.node === null);

  it('moves the VIP when the L2Advertisement selects other nodes, losing no request', async () => {
    const probe = startProbe(tb, VIP4);
    try {
      const owner = await stableOwner(probe, c);
      const target = c.nodes.find((n) => n !== owner)!;
      const t0 = Date.now();
      await c.client.mergePatch(advertisement, {
        spec: { nodeSelectors: [{ matchLabels: { 'kubernetes.io/hostname': target.name } }] },
      });
      await until('the selected node', () => probe.answers.at(-1)?.node === target.name);
      expect(quietAfter(probe, t0)).toEqual([]);
      await c.client.mergePatch(advertisement, { spec: { nodeSelectors: null } });
      await until('the elected owner back', () => probe.answers.at(-1)?.node === winner().name);
      expect(quietAfter(probe, t0)).toEqual([]);
    } finally {
      probe.stop();
      // Whatever failed above, the next tests start from every node selected.
      await c.client.mergePatch(advertisement, { spec: { nodeSelectors: null } });
    }
  });

  it('never answers from a node labelled exclude-from-external-load-balancers', async () => {
    const owner = winner();
    await c.client.mergePatch(nodePath(owner.name), {
      metadata: { labels: { 'node.kubernetes.io/exclude-from-external-load-balancers': '' } },
    });
    const next = c.nodes.find(
      (n) =>
        n.name ===
        sortL2Candidates(
          c.nodes.filter((x) => x !== owner).map((x) => x.name),
          VIP4,
        )[0],
    )!;
    await until('the next candidate to answer', () => http(tb, VIP4) === next.name);
    // The excluded node answers only unicast re-probes during its grace period (L3), not broadcasts.
    await until('only the next candidate answers', () => {
      const macs = arpAnswerers(tb, VIP4);
      return macs.length === 1 && macs[0] === next.mac;
    });
    await c.client.mergePatch(nodePath(owner.name), {
      metadata: { labels: { 'node.kubernetes.io/exclude-from-external-load-balancers': null } },
    });
    await until('the elected owner back', () => http(tb, VIP4) === owner.name);
  });

  it('answers only on the interfaces the L2Advertisement lists, and claims nothing when none exists', async () => {
    await c.client.mergePatch(advertisement, { spec: { interfaces: ['eth9'] } });
    await until('silence', () => arpAnswerers(tb, VIP4).length === 0);
    const statuses = resourcePath(METALLB_KINDS.ServiceL2Status, { namespace: NAMESPACE });
    await until('no ServiceL2Status', async () => (await c.client.list(statuses)).items.length === 0);
    await c.client.mergePatch(advertisement, { spec: { interfaces: ['eth0'] } });
    await until('the elected owner on eth0', () => resolve(tb, VIP4) === winner().mac);
  });

  it('never answers from a node whose network is unavailable', async () => {
    const owner = winner();
    const status = resourcePath(KUBE_KINDS.Node, { name: owner.name, subresource: 'status' });
    const conditions = (networkUnavailable: 'True' | 'False') => ({
      status: {
        conditions: [
          { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'simulated' },
          {
            type: 'NetworkUnavailable',
            status: networkUnavailable,
            reason: 'Simulated',
            message: 'simulated',
          },
        ],
      },
    });
    await c.client.mergePatch(status, conditions('True'));
    await until('another node to answer', () => {
      const macs = arpAnswerers(tb, VIP4);
      return macs.length === 1 && macs[0] !== owner.mac;
    });
    await c.client.mergePatch(status, conditions('False'));
    await until('the elected owner back', () => http(tb, VIP4) === owner.name);
  });

  it('never answers on an interface the metallb-excludel2 patterns exclude', async () => {
    const owner = winner();
    const file = path.join(tb.tempDir('excludel2'), 'excludel2.yaml');
    writeFileSync(file, 'announcedInterfacesToExclude:\n- ^eth0$\n');
    const restart = async (args: string[]) => {
      owner.speaker?.kill('SIGTERM');
      await new Promise((r) => owner.speaker?.once('exit', r));
      c.startSpeaker(owner, args);
    };
    await restart(['--excludel2', file]);
    // The elected node has no interface to answer on (as upstream, the election does not know
    // other nodes' exclusions): nobody answers, and no ServiceL2Status claims otherwise.
    await until('silence', () => arpAnswerers(tb, VIP4).length === 0);
    const statuses = resourcePath(METALLB_KINDS.ServiceL2Status, { namespace: NAMESPACE });
    await until('no ServiceL2Status', async () => (await c.client.list(statuses)).items.length === 0);
    await restart([]);
    await until('the elected owner back', () => resolve(tb, VIP4) === owner.mac);
  });
});
