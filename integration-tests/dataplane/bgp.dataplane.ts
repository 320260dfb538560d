// Our BGP session shell against real routers, each in its own network namespace on one bridge:
//   node1 (our speaker, 192.0.2.1 / 2001:db8::1), router-frr (FRR 8.4, AS 64501, eBGP over IPv4
//   and over IPv6) and router-gobgp (GoBGP 3.10, iBGP AS 64500, IPv4 + IPv6 over one IPv4 session).
// Checks: sessions come up; 203.0.113.10/32 and 2001:db8:1::10/128 with community 64500:100 reach
// both RIBs with our next hop; withdrawal removes them; a raw TCP peer's broken message gets a
// NOTIFICATION while the speaker keeps running; killing the speaker makes both routers drop them.
// Skips (with the reason in the title) only when network namespaces cannot be created here.
import { spawnSync, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataplaneSkipReason, listNamespaces, sweepStale, Testbed } from './netns';
import { startFrr, startGobgp, type Frr, type Gobgp, type RibEntry, type Router } from './routers';
import type { RunnerConfig } from './speaker-runner';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const unavailable = dataplaneSkipReason('BGP dataplane tests');

const V4 = '203.0.113.10/32';
const V6 = '2001:db8:1::10/128';
const ROUTES = [
  { ip: '203.0.113.10', communities: ['64500:100'] },
  { ip: '2001:db8:1::10', communities: ['64500:100'] },
];

type Line = Record<string, unknown> & { type?: string; session?: string };

/** A child process printing JSON lines, with a way to wait for one. */
class JsonLines {
  readonly lines: Line[] = [];
  readonly text: string[] = [];
  constructor(readonly proc: ChildProcess) {
    if (proc.stdout) {
      createInterface({ input: proc.stdout }).on('line', (l) => {
        this.text.push(l);
        try {
          this.lines.push(JSON.parse(l) as Line);
        } catch {
          // not JSON: kept in text only
        }
      });
    }
    proc.stderr?.on('data', (c: Buffer) => this.text.push(c.toString()));
  }

  async wait(what: string, pred: (l: Line) => boolean, timeoutMs = 20_000, from = 0): Promise<Line> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const hit = this.lines.slice(from).find(pred);
      if (hit) return hit;
      if (this.proc.exitCode !== null || this.proc.signalCode !== null) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no ${what}; output:\n${this.text.slice(-60).join('\n')}`);
  }

  send(o: unknown): void {
    this.proc.stdin?.write(`${JSON.stringify(o)}\n`);
  }
}

async function eventually<T>(what: string, f: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = f();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out: ${what}${last ? ` (${(last as Error).message})` : ''}`);
}

const routeIs = (r: Router, prefix: string, want: Partial<RibEntry>) =>
  eventually(`${prefix} in ${r.name}`, () => {
    const got = r.route(prefix);
    if (!got) return undefined;
    for (const [k, v] of Object.entries(want)) {
      if (JSON.stringify(got[k as keyof RibEntry]) !== JSON.stringify(v)) return undefined;
    }
    return got;
  });

const routeGone = (r: Router, prefix: string, timeoutMs = 20_000) =>
  eventually(`${prefix} gone from ${r.name}`, () => (r.route(prefix) ? undefined : true), timeoutMs);

describe.skipIf(unavailable !== undefined)(
  `BGP sessions against FRR and GoBGP in namespaces${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    let tb: Testbed;
    let frr: Frr;
    let gobgp: Gobgp;
    let speaker: JsonLines;

    const startSpeaker = () => {
      const cfg: RunnerConfig = {
        sessions: [
          {
            name: 'frr4',
            peerAddress: '192.0.2.2',
            sourceAddress: '192.0.2.1',
            config: {
              localAsn: 64500,
              routerId: '192.0.2.1',
              peerAsn: 64501,
              holdTime: 9,
              connectRetryTime: 2,
              families: [4],
            },
          },
          {
            name: 'frr6',
            peerAddress: '2001:db8::2',
            sourceAddress: '2001:db8::1',
            config: {
              localAsn: 64500,
              routerId: '192.0.2.1',
              peerAsn: 64501,
              holdTime: 9,
              connectRetryTime: 2,
              families: [6],
            },
          },
          {
            name: 'gobgp',
            peerAddress: '192.0.2.3',
            sourceAddress: '192.0.2.1',
            nextHopV6: '2001:db8::1',
            config: {
              localAsn: 64500,
              routerId: '192.0.2.1',
              peerAsn: 64500,
              holdTime: 9,
              connectRetryTime: 2,
              families: [4, 6],
            },
          },
          {
            name: 'raw',
            peerAddress: '192.0.2.2',
            peerPort: 1179,
            sourceAddress: '192.0.2.1',
            backoff: { initialMs: 200, maxMs: 500 },
            config: {
              localAsn: 64500,
              routerId: '192.0.2.1',
              peerAsn: 64510,
              holdTime: 9,
              connectRetryTime: 2,
              families: [4],
            },
          },
        ],
      };
      const proc = tb.spawn(
        'node1',
        process.execPath,
        ['--import', 'tsx', path.join(HERE, 'speaker-runner.ts'), JSON.stringify(cfg)],
        { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] },
      );
      return new JsonLines(proc);
    };

    beforeAll(async () => {
      for (const bin of ['/usr/lib/frr/bgpd', '/usr/lib/frr/zebra', 'gobgpd', 'gobgp', 'vtysh']) {
        const found = spawnSync('sh', ['-c', `command -v ${bin}`]).status === 0;
        if (!found) throw new Error(`${bin} is missing: run scripts/system-deps.sh (frr, gobgpd)`);
      }
      const swept = sweepStale();
      if (swept.length > 0) console.warn(`removed namespaces of crashed runs: ${swept.join(' ')}`);
      tb = new Testbed();
      for (const n of ['node1', 'router-frr', 'router-gobgp']) tb.addNamespace(n);
      tb.attach('node1', { ipv4: '192.0.2.1/24', ipv6: '2001:db8::1/64' });
      tb.attach('router-frr', { ipv4: '192.0.2.2/24', ipv6: '2001:db8::2/64' });
      tb.attach('router-gobgp', { ipv4: '192.0.2.3/24', ipv6: '2001:db8::3/64' });
      const neighbor = (a: string) =>
        [
          ` neighbor ${a} remote-as 64500`,
          ` neighbor ${a} timers 3 9`,
          ` neighbor ${a} timers connect 1`,
        ].join('\n');
      frr = await startFrr(tb, 'router-frr', {
        bgpConfig: [
          'router bgp 64501',
          ' bgp router-id 192.0.2.2',
          ' no bgp ebgp-requires-policy',
          neighbor('192.0.2.1'),
          neighbor('2001:db8::1'),
          ' address-family ipv6 unicast',
          '  neighbor 2001:db8::1 activate',
          ' exit-address-family',
          '',
        ].join('\n'),
      });
      gobgp = await startGobgp(tb, 'router-gobgp', {
        asn: 64500,
        routerId: '192.0.2.3',
        neighbors: [{ address: '192.0.2.1', peerAs: 64500, families: ['ipv4-unicast', 'ipv6-unicast'] }],
      });
      speaker = startSpeaker();
      await speaker.wait('ready', (l) => l.type === 'ready');
    }, 60_000);

    afterAll(() => {
      const prefix = tb?.prefix;
      tb?.destroy();
      if (prefix) expect(listNamespaces().filter((n) => n.startsWith(prefix))).toEqual([]);
    });

    it('establishes eBGP with FRR over IPv4 and IPv6 and iBGP with GoBGP', async () => {
      for (const s of ['frr4', 'frr6', 'gobgp'])
        await speaker.wait(`${s} established`, (l) => l.session === s && l.type === 'established');
      await eventually('FRR sees 192.0.2.1', () =>
        frr.neighborState('192.0.2.1') === 'Established' ? true : undefined,
      );
      await eventually('FRR sees 2001:db8::1', () =>
        frr.neighborState('2001:db8::1') === 'Established' ? true : undefined,
      );
      await eventually('GoBGP sees 192.0.2.1', () =>
        gobgp.neighborState('192.0.2.1') === 'Established' ? true : undefined,
      );
    });

    it('advertises the IPv4 and IPv6 prefixes with our next hop and community', async () => {
      speaker.send({ routes: ROUTES });
      await routeIs(frr, V4, { nextHop: '192.0.2.1', communities: ['64500:100'], asPath: [64500] });
      await routeIs(frr, V6, { nextHop: '2001:db8::1', communities: ['64500:100'], asPath: [64500] });
      await routeIs(gobgp, V4, { nextHop: '192.0.2.1', communities: ['64500:100'], asPath: [] });
      await routeIs(gobgp, V6, { nextHop: '2001:db8::1', communities: ['64500:100'], asPath: [] });
    });

    it('withdraws them', async () => {
      speaker.send({ routes: [] });
      for (const r of [frr, gobgp]) {
        await routeGone(r, V4);
        await routeGone(r, V6);
      }
    });

    it('answers a broken message from a raw TCP peer with a NOTIFICATION and keeps running', async () => {
      const from = speaker.lines.length;
      const raw = new JsonLines(
        tb.spawn(
          'router-frr',
          process.execPath,
          [
            '--import',
            'tsx',
            path.join(HERE, 'raw-peer.ts'),
            JSON.stringify({ host: '192.0.2.2', port: 1179, asn: 64510, routerId: '192.0.2.9' }),
          ],
          { cwd: ROOT },
        ),
      );
      await raw.wait('raw peer closed', (l) => l.type === 'closed', 30_000);
      expect(raw.lines.map((l) => l.type)).toContain('sentGarbage');
      expect(raw.lines).toContainEqual({ type: 'notification', code: 1, subcode: 1 });
      await speaker.wait(
        'NOTIFICATION sent on raw',
        (l) => l.session === 'raw' && l.type === 'notification' && l.direction === 'sent',
        5_000,
        from,
      );
      expect(speaker.proc.exitCode).toBeNull();
      // The other sessions were not disturbed.
      speaker.send({ status: true });
      const status = await speaker.wait('status', (l) => l.type === 'status', 5_000, from);
      const sessions = status.sessions as Record<string, { state: string }>;
      expect(sessions.frr4?.state).toBe('Established');
      expect(sessions.gobgp?.state).toBe('Established');
      expect(speaker.lines.slice(from).filter((l) => l.session === 'frr4' && l.type === 'down')).toEqual([]);
    });

    it('routers drop the routes when the speaker process is killed', async () => {
      speaker.send({ routes: ROUTES });
      await routeIs(frr, V4, { nextHop: '192.0.2.1' });
      await routeIs(gobgp, V4, { nextHop: '192.0.2.1' });
      await routeIs(gobgp, V6, { nextHop: '2001:db8::1' });
      const killedAt = Date.now();
      speaker.proc.kill('SIGKILL');
      // TCP close (the kernel closes the sockets) or at worst the 9 s hold time.
      for (const r of [frr, gobgp]) {
        await routeGone(r, V4, 15_000);
        await routeGone(r, V6, 15_000);
      }
      const tookMs = Date.now() - killedAt;
      expect(tookMs).toBeLessThan(15_000);
      expect(frr.neighborState('192.0.2.1')).not.toBe('Established');
    });
  },
);
