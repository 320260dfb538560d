// Real BGP routers inside a Testbed namespace: FRR 8.4 (zebra + bgpd, bfdd optional; run as the
// frr user from a scratch directory it owns) and GoBGP 3.10 (gobgpd with a TOML config, queried
// with the gobgp CLI over its loopback API), plus helpers that read a prefix from their RIBs.
import { chownSync, existsSync, writeFileSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { frrDaemonArgs } from './frr-peering';
import type { Testbed } from './netns';

async function waitFor<T>(what: string, f: () => T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = f();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}

function frrIds(): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', 'frr'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'frr'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

/** A route as the tests compare it, whichever router it came from. */
export interface RibEntry {
  prefix: string;
  nextHop: string;
  /** "AS:value" strings. */
  communities: string[];
  asPath: number[];
  /** "global:local1:local2" strings. */
  largeCommunities?: string[];
  localPref?: number;
}

export interface Router {
  name: string;
  /** The prefix in the router's RIB, or undefined. */
  route(prefix: string): RibEntry | undefined;
  /** Neighbor state ("Established", ...). */
  neighborState(address: string): string | undefined;
  /** Log text, for failure messages. */
  logs(): string;
}

export interface FrrOptions {
  /** bgpd.conf body (after the "frr defaults traditional" and hostname lines). */
  bgpConfig: string;
  bfd?: boolean;
  /** bfdd.conf body (profiles, peers). */
  bfdConfig?: string;
}

export interface Frr extends Router {
  vtysh(command: string): string;
  json(command: string): unknown;
}

export async function startFrr(tb: Testbed, name: string, o: FrrOptions): Promise<Frr> {
  const dir = tb.tempDir(`frr-${name}`);
  const { uid, gid } = frrIds();
  chownSync(dir, uid, gid);
  const header = `frr defaults traditional\nhostname ${name}\nlog stdout debugging\n`;
  const daemons = ['zebra', ...(o.bfd ? ['bfdd'] : []), 'bgpd'];
  const procs: { daemon: string; proc: ChildProcess; out: string[] }[] = [];
  for (const daemon of daemons) {
    const conf = path.join(dir, `${daemon}.conf`);
    const body = daemon === 'bgpd' ? o.bgpConfig : daemon === 'bfdd' ? (o.bfdConfig ?? '') : '';
    writeFileSync(conf, header + body);
    chownSync(conf, uid, gid);
    const [bin, ...args] = frrDaemonArgs(daemon, dir, conf);
    const proc = tb.spawn(name, bin!, args);
    const out: string[] = [];
    proc.stdout?.on('data', (c: Buffer) => out.push(c.toString()));
    proc.stderr?.on('data', (c: Buffer) => out.push(c.toString()));
    procs.push({ daemon, proc, out });
    const vty = path.join(dir, `${daemon}.vty`);
    await waitFor(`${daemon} in ${name}`, () => (existsSync(vty) ? true : undefined), 15_000).catch((err) => {
      throw new Error(`${(err as Error).message}\n${out.join('')}`);
    });
  }
  const vtysh = (command: string) => tb.exec(name, 'vtysh', ['--vty_socket', dir, '-c', command]);
  const json = (command: string): unknown => JSON.parse(vtysh(command));
  return {
    name,
    vtysh,
    json,
    route(prefix) {
      const family = prefix.includes(':') ? 'ipv6' : 'ipv4';
      const r = json(`show bgp ${family} unicast ${prefix} json`) as {
        paths?: {
          nexthops?: { ip?: string }[];
          community?: { string?: string };
          largeCommunity?: { string?: string };
          aspath?: { string?: string };
          locPrf?: number;
          bestpath?: { overall?: boolean };
        }[];
      };
      const p = r.paths?.find((x) => x.bestpath?.overall) ?? r.paths?.[0];
      if (!p) return undefined;
      return {
        prefix,
        nextHop: p.nexthops?.[0]?.ip ?? '',
        communities: p.community?.string?.split(' ').filter(Boolean) ?? [],
        asPath: (p.aspath?.string ?? '').split(' ').filter(Boolean).map(Number),
        largeCommunities: p.largeCommunity?.string?.split(' ').filter(Boolean) ?? [],
        ...(p.locPrf !== undefined ? { localPref: p.locPrf } : {}),
      };
    },
    neighborState(address) {
      const r = json(`show bgp neighbors ${address} json`) as Record<string, { bgpState?: string }>;
      return r[address]?.bgpState;
    },
    logs: () => procs.map((p) => `--- ${p.daemon}\n${p.out.join('').slice(-6000)}`).join('\n'),
  };
}

export interface GobgpNeighbor {
  address: string;
  peerAs: number;
  families: ('ipv4-unicast' | 'ipv6-unicast')[];
}

export interface GobgpOptions {
  asn: number;
  routerId: string;
  neighbors: GobgpNeighbor[];
  apiPort?: number;
}

export interface Gobgp extends Router {
  cli(args: string[]): string;
}

export async function startGobgp(tb: Testbed, name: string, o: GobgpOptions): Promise<Gobgp> {
  const dir = tb.tempDir(`gobgp-${name}`);
  const conf = path.join(dir, 'gobgpd.toml');
  const api = `127.0.0.1:${o.apiPort ?? 50051}`;
  const lines = [
    '[global.config]',
    `  as = ${o.asn}`,
    `  router-id = "${o.routerId}"`,
    '',
    ...o.neighbors.flatMap((n) => [
      '[[neighbors]]',
      '  [neighbors.config]',
      `    neighbor-address = "${n.address}"`,
      `    peer-as = ${n.peerAs}`,
      '  [neighbors.timers.config]',
      '    connect-retry = 1',
      '    hold-time = 9',
      '    keepalive-interval = 3',
      ...n.families.flatMap((f) => [
        '  [[neighbors.afi-safis]]',
        '    [neighbors.afi-safis.config]',
        `      afi-safi-name = "${f}"`,
      ]),
      '',
    ]),
  ];
  writeFileSync(conf, lines.join('\n'));
  const out: string[] = [];
  const proc = tb.spawn(name, 'gobgpd', ['-f', conf, '-t', 'toml', '--api-hosts', api, '-l', 'debug']);
  proc.stdout?.on('data', (c: Buffer) => out.push(c.toString()));
  proc.stderr?.on('data', (c: Buffer) => out.push(c.toString()));
  const [host, port] = api.split(':') as [string, string];
  const cli = (args: string[]) => tb.exec(name, 'gobgp', ['-u', host, '-p', port, ...args]);
  await waitFor(
    `gobgpd API in ${name}`,
    () => (cli(['global']).includes('AS') ? true : undefined),
    15_000,
  ).catch((err) => {
    throw new Error(`${(err as Error).message}\n${out.join('')}`);
  });
  return {
    name,
    cli,
    route(prefix) {
      const family = prefix.includes(':') ? 'ipv6' : 'ipv4';
      const rib = (JSON.parse(cli(['global', 'rib', '-a', family, '-j'])) ?? {}) as Record<
        string,
        {
          nlri?: { prefix?: string };
          attrs?: {
            type: number;
            nexthop?: string;
            communities?: number[];
            as_paths?: { asns?: number[] }[];
            value?: unknown;
          }[];
        }[]
      >;
      const path0 = rib[prefix]?.[0];
      if (!path0) return undefined;
      const attrs = path0.attrs ?? [];
      const nh = attrs.find((a) => a.type === 3)?.nexthop ?? attrs.find((a) => a.type === 14)?.nexthop ?? '';
      const comms = attrs.find((a) => a.type === 8)?.communities ?? [];
      const asPath = attrs.find((a) => a.type === 2)?.as_paths?.flatMap((s) => s.asns ?? []) ?? [];
      const large = (attrs.find((a) => a.type === 32)?.value ?? []) as {
        ASN: number;
        LocalData1: number;
        LocalData2: number;
      }[];
      const localPref = attrs.find((a) => a.type === 5)?.value;
      return {
        prefix,
        nextHop: nh,
        communities: comms.map((c) => `${c >>> 16}:${c & 0xffff}`),
        asPath,
        largeCommunities: large.map((l) => `${l.ASN}:${l.LocalData1}:${l.LocalData2}`),
        ...(typeof localPref === 'number' ? { localPref } : {}),
      };
    },
    neighborState(address) {
      const n = JSON.parse(cli(['neighbor', address, '-j'])) as {
        state?: { session_state?: number | string };
      };
      const s = n.state?.session_state;
      // gobgp's enum: 1 idle, 2 connect, 3 active, 4 opensent, 5 openconfirm, 6 established
      const names = ['unknown', 'Idle', 'Connect', 'Active', 'OpenSent', 'OpenConfirm', 'Established'];
      return typeof s === 'number' ? names[s] : s;
    },
    logs: () => out.join(''),
  };
}

/** Read a file if present (for failure messages). */
export function readIfExists(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}
