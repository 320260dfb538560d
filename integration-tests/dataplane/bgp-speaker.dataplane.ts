// The real speaker program in BGP mode, configured only through BGPPeer, BGPAdvertisement,
// BFDProfile and Secret objects on a real control plane, against real routers in namespaces
// (bgp-cluster.ts): FRR (eBGP, AS 64501, over IPv4 with a TCP-MD5 password and BFD, and over IPv6)
// peering with three nodes, and GoBGP (iBGP, AS 4200000001) peering with node-1 only. The
// speakers' AS is 4-octet. A client behind FRR reaches the Service IPs through the routes.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KUBE_KINDS, METALLB_KINDS, resourcePath } from '../../api/kinds';
import { startBgpCluster, ROUTER_V4, type BgpCluster } from './bgp-cluster';
import { eventually, kernelNextHops, NODE_ASN, sessionState, startNodeFrr } from './bgp-fixtures';
import { dataplaneSkipReason, listNamespaces, sweepStale, Testbed } from './netns';
import { startGobgp, type Frr, type Gobgp } from './routers';
import { APP_NAMESPACE, createConfig, createLoadBalancer, createPool, NAMESPACE } from './sim-cluster';

const unavailable = dataplaneSkipReason('BGP speaker dataplane tests');
const V4 = '203.0.113.10';
const V6 = '2001:db8:2::10';
const LOCAL_V4 = '203.0.113.20';
const PASSWORD = 'open-sesame-42';

/** Sends argv[2] random and mutated BFD control packets to argv[1]:3784 (node's dgram, TTL 255). */
const BFD_FUZZER = `
const dgram = require('node:dgram');
const [to, count] = [process.argv[1], Number(process.argv[2])];
const s = dgram.createSocket('udp4');
s.bind(0, () => {
  s.setTTL(255);
  const valid = Buffer.from([0x20, 0xc0, 3, 24, 0, 0, 0, 7, 0, 0, 0, 0, 0, 4, 0x93, 0xe0, 0, 4, 0x93, 0xe0, 0, 0, 0, 0]);
  let sent = 0;
  const next = () => {
    for (let k = 0; k < 50 && sent < count; k++, sent++) {
      let b;
      if (sent % 2) b = require('node:crypto').randomBytes(Math.floor(Math.random() * 64));
      else {
        b = Buffer.from(valid);
        b.writeUInt32BE(Math.floor(Math.random() * 2 ** 32), 4);
        b.writeUInt32BE(Math.floor(Math.random() * 2 ** 32), 8);
        const flips = 1 + Math.floor(Math.random() * 4);
        for (let f = 0; f < flips; f++) b[Math.floor(Math.random() * b.length)] ^= 1 << Math.floor(Math.random() * 8);
        if (Math.random() < 0.2) b = b.subarray(0, Math.floor(Math.random() * b.length));
      }
      s.send(b, 3784, to);
    }
    if (sent < count) setTimeout(next, 1);
    else setTimeout(() => { console.log('sent ' + sent); s.close(); }, 50);
  };
  next();
});
`;

/** How many times FRR saw the BFD session with `peer` go down. */
function bfdDowns(frr: Frr, peer: string): number {
  const peers = frr.json('show bfd peers counters json') as { peer: string; 'session-down'?: number }[];
  return peers.find((p) => p.peer === peer)?.['session-down'] ?? 0;
}

describe.skipIf(unavailable !== undefined)(
  `the speaker announcing over BGP to FRR and GoBGP${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    let tb: Testbed;
    let c: BgpCluster;
    let frr: Frr;
    let gobgp: Gobgp;

    beforeAll(async () => {
      for (const bin of ['/usr/lib/frr/bgpd', '/usr/lib/frr/bfdd', 'gobgpd', 'vtysh', 'curl']) {
        const found = spawnSync('sh', ['-c', `command -v ${bin}`]).status === 0;
        if (!found) throw new Error(`${bin} is missing: run scripts/system-deps.sh`);
      }
      const swept = sweepStale();
      if (swept.length > 0) console.warn(`removed namespaces of crashed runs: ${swept.join(' ')}`);
      tb = new Testbed();
      c = await startBgpCluster(tb, 3);
      frr = await startNodeFrr(tb, c, { password: PASSWORD, bfd: true });
      tb.addNamespace('gobgp');
      tb.attach('gobgp', { ipv4: '192.0.2.2/24', ipv6: '2001:db8::2/64' });
      gobgp = await startGobgp(tb, 'gobgp', {
        asn: NODE_ASN,
        routerId: '192.0.2.2',
        neighbors: [
          { address: c.nodes[0]!.ipv4, peerAs: NODE_ASN, families: ['ipv4-unicast'] },
          { address: c.nodes[0]!.ipv6, peerAs: NODE_ASN, families: ['ipv6-unicast'] },
        ],
      });

      await c.client.create(resourcePath(KUBE_KINDS.Secret, { namespace: NAMESPACE }), {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'frr-password', namespace: NAMESPACE },
        type: 'kubernetes.io/basic-auth',
        stringData: { password: PASSWORD },
      });
      await createConfig(c, 'BFDProfile', 'fast', { receiveInterval: 300, transmitInterval: 300 });
      const common = { myASN: NODE_ASN, holdTime: '9s', keepaliveTime: '3s', connectTime: '1s' };
      await createConfig(c, 'BGPPeer', 'frr4', {
        ...common,
        peerASN: 64501,
        peerAddress: ROUTER_V4,
        passwordSecret: { name: 'frr-password', namespace: NAMESPACE },
        bfdProfile: 'fast',
        enableGracefulRestart: true,
      });
      await createConfig(c, 'BGPPeer', 'frr6', { ...common, peerASN: 64501, peerAddress: '2001:db8::1' });
      for (const [name, peerAddress] of [
        ['gobgp', '192.0.2.2'],
        ['gobgp6', '2001:db8::2'],
      ] as const) {
        await createConfig(c, 'BGPPeer', name, {
          ...common,
          peerASN: NODE_ASN,
          peerAddress,
          nodeSelectors: [{ matchLabels: { 'kubernetes.io/hostname': 'node-1' } }],
        });
      }
      await createPool(c, 'bgp-pool', ['203.0.113.0/24', '2001:db8:2::/64']);
      await createConfig(c, 'BGPAdvertisement', 'bgp-ads', {
        ipAddressPools: ['bgp-pool'],
        communities: ['64500:100', 'large:4200000001:1:2'],
        localPref: 150,
      });
      for (const n of c.nodes) c.startSpeaker(n);
    }, 180_000);

    afterAll(async () => {
      const prefix = tb?.prefix;
      await c?.stop();
      tb?.destroy();
      if (prefix) expect(listNamespaces().filter((n) => n.startsWith(prefix))).toEqual([]);
    });

    const logs = () => `${frr.logs()}\n${c.nodes.map((n) => n.output.join('').slice(-3000)).join('\n')}`;

    it('establishes every session (password and BFD on IPv4) and reports it in BGPSessionStates', async () => {
      for (const n of c.nodes) {
        await eventually(
          `FRR Established with ${n.name} over IPv4`,
          () => (frr.neighborState(n.ipv4) === 'Established' ? true : undefined),
          30_000,
          logs,
        );
        await eventually(
          `FRR Established with ${n.name} over IPv6`,
          () => (frr.neighborState(n.ipv6) === 'Established' ? true : undefined),
          30_000,
          logs,
        );
      }
      for (const a of [c.nodes[0]!.ipv4, c.nodes[0]!.ipv6]) {
        await eventually(`GoBGP Established with node-1 (${a})`, () =>
          gobgp.neighborState(a) === 'Established' ? true : undefined,
        );
      }
      for (const n of c.nodes) {
        await eventually(`BGPSessionState frr4 of ${n.name} Established with BFD Up`, async () => {
          const s = await sessionState(c, n.name, 'frr4');
          return s?.bgpState === 'Established' && s.bfdState === 'Up' ? s : undefined;
        });
      }
      const want = c.nodes.map((n) => n.ipv4).sort();
      await eventually(
        'FRR sees BFD up with every node',
        () => {
          const peers = frr.json('show bfd peers json') as { peer: string; status: string }[];
          const up = peers.filter((p) => p.status === 'up').map((p) => p.peer);
          return JSON.stringify(up.sort()) === JSON.stringify(want) ? true : undefined;
        },
        5_000,
        logs,
      );
    });

    it('puts IPv4 and IPv6 Service IPs in the RIBs with next hops, communities and local preference', async () => {
      c.serveOnNodes([V4, V6]);
      await createLoadBalancer(c, { name: 'web', ips: [V4, V6] });
      const want4 = {
        communities: ['64500:100'],
        largeCommunities: ['4200000001:1:2'],
        asPath: [NODE_ASN],
      };
      const r4 = await eventually(`${V4} in FRR`, () => frr.route(`${V4}/32`), 20_000, logs);
      expect(r4).toMatchObject(want4);
      const r6 = await eventually(`${V6} in FRR`, () => frr.route(`${V6}/128`));
      expect(r6).toMatchObject({ ...want4 });
      expect(c.nodes.map((n) => n.ipv6)).toContain(r6.nextHop);
      const g = await eventually(`${V4} in GoBGP`, () => gobgp.route(`${V4}/32`));
      expect(g).toMatchObject({
        nextHop: c.nodes[0]!.ipv4,
        communities: ['64500:100'],
        largeCommunities: ['4200000001:1:2'],
        localPref: 150,
        asPath: [],
      });
      const g6 = await eventually(`${V6} in GoBGP`, () => gobgp.route(`${V6}/128`));
      expect(g6).toMatchObject({
        nextHop: c.nodes[0]!.ipv6,
        communities: ['64500:100'],
        largeCommunities: ['4200000001:1:2'],
        localPref: 150,
        asPath: [],
      });
    });

    it('ECMP: with externalTrafficPolicy Cluster every node is a next hop, and the client reaches the IP', async () => {
      const hops = await eventually('three next hops in the router kernel', () => {
        const h = kernelNextHops(tb, 'router', V4);
        return h.length === 3 ? h : undefined;
      });
      expect(hops.sort()).toEqual(c.nodes.map((n) => n.ipv4).sort());
      const hops6 = await eventually('three IPv6 next hops', () => {
        const h = kernelNextHops(tb, 'router', V6);
        return h.length === 3 ? h : undefined;
      });
      expect(hops6.length).toBe(3);
      expect(c.nodes.map((n) => n.name)).toContain(c.curl(V4));
      expect(c.nodes.map((n) => n.name)).toContain(c.curl(V6));
    });

    it('ECMP: with externalTrafficPolicy Local only the nodes with ready endpoints are next hops', async () => {
      c.serveOnNodes([LOCAL_V4]);
      await createLoadBalancer(c, { name: 'local', ips: [LOCAL_V4], local: true, endpointsOn: ['node-2'] });
      const hops = await eventually('only node-2', () => {
        const h = kernelNextHops(tb, 'router', LOCAL_V4);
        return h.length === 1 ? h : undefined;
      });
      expect(hops).toEqual([c.nodes[1]!.ipv4]);
      expect(c.curl(LOCAL_V4)).toBe('node-2');
    });

    it('deleting the Service withdraws its prefixes everywhere', async () => {
      await c.client.delete(resourcePath(KUBE_KINDS.Service, { namespace: APP_NAMESPACE, name: 'web' }));
      await eventually(`${V4} gone from FRR`, () => (frr.route(`${V4}/32`) ? undefined : true));
      await eventually(`${V6} gone from FRR`, () => (frr.route(`${V6}/128`) ? undefined : true));
      await eventually(`${V4} gone from GoBGP`, () => (gobgp.route(`${V4}/32`) ? undefined : true));
      await eventually(`${V6} gone from GoBGP`, () => (gobgp.route(`${V6}/128`) ? undefined : true));
      expect(frr.route(`${LOCAL_V4}/32`)).toBeDefined();
    });

    it('a wrong password never establishes, the right one does again', async () => {
      const secret = resourcePath(KUBE_KINDS.Secret, { namespace: NAMESPACE, name: 'frr-password' });
      await c.client.mergePatch(secret, { stringData: { password: 'wrong' } });
      const n = c.nodes[2]!;
      await eventually('node-3 session down after the password change', () =>
        frr.neighborState(n.ipv4) !== 'Established' ? true : undefined,
      );
      const until = Date.now() + 8_000;
      while (Date.now() < until) {
        expect(frr.neighborState(n.ipv4)).not.toBe('Established');
        await new Promise((r) => setTimeout(r, 500));
      }
      const st = await sessionState(c, n.name, 'frr4');
      expect(st?.bgpState).not.toBe('Established');
      expect(JSON.stringify(st)).not.toContain('wrong');
      await c.client.mergePatch(secret, { stringData: { password: PASSWORD } });
      await eventually(
        'node-3 Established again',
        () => (frr.neighborState(n.ipv4) === 'Established' ? true : undefined),
        30_000,
        logs,
      );
    });

    it('BFD: thousands of random and mutated packets at a speaker neither crash it nor flap its session', async () => {
      const n = c.nodes[0]!;
      await eventually('BFD Up on node-1', async () =>
        (await sessionState(c, n.name, 'frr4'))?.bfdState === 'Up' ? true : undefined,
      );
      const downsBefore = bfdDowns(frr, n.ipv4);
      // From the router's address and a port of its own, TTL 255: what an attacker on the link could send.
      const out = tb.exec('router', process.execPath, ['-e', BFD_FUZZER, n.ipv4, '3000']);
      expect(out.trim()).toBe('sent 3000');
      await new Promise((r) => setTimeout(r, 1_500));
      expect(n.speaker!.exitCode).toBeNull();
      expect((await sessionState(c, n.name, 'frr4'))?.bfdState).toBe('Up');
      expect(bfdDowns(frr, n.ipv4)).toBe(downsBefore);
      expect(frr.neighborState(n.ipv4)).toBe('Established');
    });

    it('BFD: a frozen speaker loses its route within a second or two, long before the 9 s hold time', async () => {
      const n = c.nodes[2]!;
      await eventually('node-3 a next hop', () =>
        kernelNextHops(tb, 'router', LOCAL_V4).length > 0 && frr.neighborState(n.ipv4) === 'Established'
          ? true
          : undefined,
      );
      await eventually('BFD up with node-3', () => {
        const peers = frr.json('show bfd peers json') as { peer: string; status: string }[];
        return peers.find((p) => p.peer === n.ipv4)?.status === 'up' ? true : undefined;
      });
      const frozenAt = Date.now();
      n.speaker!.kill('SIGSTOP');
      try {
        await eventually(
          'FRR drops node-3',
          () => (frr.neighborState(n.ipv4) !== 'Established' ? true : undefined),
          8_000,
        );
        expect(Date.now() - frozenAt).toBeLessThan(4_000);
      } finally {
        n.speaker!.kill('SIGCONT');
      }
      await eventually(
        'node-3 back',
        () => (frr.neighborState(n.ipv4) === 'Established' ? true : undefined),
        30_000,
        logs,
      );
    });

    it('a session that FRR initiates establishes (our own dials refused)', async () => {
      // Our dials go to a port FRR does not listen on; FRR dials our port 179.
      const peerPath = resourcePath(METALLB_KINDS.BGPPeer, { namespace: NAMESPACE, name: 'frr6' });
      await c.client.mergePatch(peerPath, { spec: { peerPort: 1179 } });
      for (const n of c.nodes) {
        await eventually(
          `FRR-initiated IPv6 session with ${n.name}`,
          () => {
            const r = frr.json(`show bgp neighbors ${n.ipv6} json`) as Record<
              string,
              { bgpState?: string; hostLocal?: string; portForeign?: number; portLocal?: number }
            >;
            const s = r[n.ipv6];
            return s?.bgpState === 'Established' && s.portForeign === 179 ? s : undefined;
          },
          40_000,
          logs,
        );
      }
    });

    it('graceful restart: FRR keeps the route and the client is served through a speaker restart', async () => {
      const n = c.nodes[1]!; // the only node announcing LOCAL_V4
      await eventually('LOCAL_V4 via node-2', () =>
        kernelNextHops(tb, 'router', LOCAL_V4).join() === n.ipv4 ? true : undefined,
      );
      const t0 = Date.now();
      const failures: string[] = [];
      const events: string[] = [];
      const mark = (what: string) => events.push(`${Date.now() - t0} ms ${what}`);
      let requests = 0;
      let running = true;
      const loop = (async () => {
        while (running) {
          requests++;
          try {
            c.curl(LOCAL_V4, 1);
          } catch (err) {
            failures.push(`${Date.now() - t0} ms ${(err as Error).message.trim()}`);
          }
          await new Promise((r) => setTimeout(r, 100));
        }
      })();
      await new Promise((r) => setTimeout(r, 500));
      const old = n.speaker!;
      mark('SIGTERM');
      old.kill('SIGTERM');
      await new Promise((r) => old.once('exit', r));
      mark('exited');
      const gone = frr.route(`${LOCAL_V4}/32`);
      expect(gone, 'route kept while the speaker is away').toBeDefined();
      await new Promise((r) => setTimeout(r, 2_000));
      expect(kernelNextHops(tb, 'router', LOCAL_V4)).toEqual([n.ipv4]);
      mark('restarting');
      c.startSpeaker(n);
      await eventually(
        'node-2 Established again',
        () => (frr.neighborState(n.ipv4) === 'Established' ? true : undefined),
        30_000,
        logs,
      );
      for (let i = 0; i < 30; i++) {
        await new Promise((r) => setTimeout(r, 100));
        if (!frr.route(`${LOCAL_V4}/32`)) mark('route gone');
      }
      running = false;
      await loop;
      const why = `${events.join('\n')}\n${n.output.join('').slice(-15000)}\n${frr.logs().slice(-8000)}`;
      expect(requests).toBeGreaterThan(20);
      expect(failures, why).toEqual([]);
      expect(frr.route(`${LOCAL_V4}/32`), why).toBeDefined();
    });
  },
);
