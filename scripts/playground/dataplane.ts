// The playground's network: a switch namespace (bridge br0) joining one namespace per node, the
// router (and, without one, the client); the client behind the router on a link of its own. Each
// node delivers the sample pools' addresses locally (kube-proxy's part) and answers HTTP with its
// name. FRR runs in the router namespace; each speaker runs in the root namespace (it reaches the
// apiserver on loopback) with its node-side sockets in its node's namespace (--netns).
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { frrConfig, FRR_DAEMONS } from './frr-config';
import type { Ledger } from './ledger';
import type { Plan } from './plan';
import { frrDaemonArgs } from '../../integration-tests/dataplane/frr-peering';
import { spawnLogged } from './processes';

function ip(args: string[]): string {
  try {
    return execFileSync('ip', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    throw new Error(`ip ${args.join(' ')}: ${(err as { stderr?: string }).stderr || (err as Error).message}`);
  }
}

export function nsExec(ns: string, cmd: string, args: string[], timeoutMs = 10_000): string {
  try {
    return execFileSync('ip', ['netns', 'exec', ns, cmd, ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
    });
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`${cmd} ${args.join(' ')} in ${ns}: ${e.stderr || e.message}`);
  }
}

/** Answers every HTTP request with the node's name (argv[1]) on port argv[2], IPv4 and IPv6. */
const RESPONDER = `require('http').createServer((q, s) => s.end(process.argv[1] + '\\n')).listen(Number(process.argv[2]), '::')`;

export interface Dataplane {
  /** FRR's vty socket directory (for vtysh), when FRR runs. */
  frrDir?: string;
}

export async function buildDataplane(
  p: Plan,
  o: { ledger: Ledger; logs: string; frr: boolean },
): Promise<Dataplane> {
  const add = (ns: string) => {
    ip(['netns', 'add', ns]);
    o.ledger.namespace(ns);
    ip(['-n', ns, 'link', 'set', 'lo', 'up']);
  };
  add(p.switchNetns);
  ip(['-n', p.switchNetns, 'link', 'add', 'br0', 'type', 'bridge']);
  ip(['-n', p.switchNetns, 'link', 'set', 'br0', 'up']);
  let port = 0;
  const plug = (ns: string, v4: string, v6: string) => {
    const sw = `p${port++}`;
    ip(['-n', ns, 'link', 'add', 'eth0', 'type', 'veth', 'peer', 'name', sw, 'netns', p.switchNetns]);
    ip(['-n', p.switchNetns, 'link', 'set', sw, 'master', 'br0']);
    ip(['-n', p.switchNetns, 'link', 'set', sw, 'up']);
    ip(['-n', ns, 'addr', 'add', `${v4}/${p.segment.v4}`, 'dev', 'eth0']);
    ip(['-n', ns, 'addr', 'add', `${v6}/${p.segment.v6}`, 'dev', 'eth0', 'nodad']);
    ip(['-n', ns, 'link', 'set', 'eth0', 'up']);
  };

  for (const n of p.nodes) {
    add(n.netns);
    plug(n.netns, n.ipv4, n.ipv6);
    // The sample pools are delivered locally, as kube-proxy does for LoadBalancer IPs, but the
    // kernel must not answer ARP for them (only for addresses of the asking interface): the
    // speaker does, on the node it elected.
    nsExec(n.netns, 'sysctl', ['-qw', 'net.ipv4.conf.all.arp_ignore=1']);
    for (const pool of p.pools)
      for (const cidr of pool.addresses)
        ip([
          '-n',
          n.netns,
          ...(cidr.includes(':') ? ['-6'] : []),
          'route',
          'add',
          'local',
          cidr,
          'dev',
          'lo',
        ]);
    const child = spawnLogged(
      'ip',
      ['netns', 'exec', n.netns, process.execPath, '-e', RESPONDER, n.name, String(p.httpPort)],
      path.join(o.logs, `http-${n.name}.log`),
    );
    o.ledger.track(`http-${n.name}`, child);
  }

  if (p.router) {
    const r = p.router;
    add(r.netns);
    plug(r.netns, r.ipv4, r.ipv6);
    add(p.client.netns);
    ip([
      '-n',
      r.netns,
      'link',
      'add',
      'eth1',
      'type',
      'veth',
      'peer',
      'name',
      'eth0',
      'netns',
      p.client.netns,
    ]);
    ip(['-n', r.netns, 'addr', 'add', `${r.clientSideV4}/24`, 'dev', 'eth1']);
    ip(['-n', r.netns, 'addr', 'add', `${r.clientSideV6}/64`, 'dev', 'eth1', 'nodad']);
    ip(['-n', r.netns, 'link', 'set', 'eth1', 'up']);
    ip(['-n', p.client.netns, 'addr', 'add', `${p.client.ipv4}/24`, 'dev', 'eth0']);
    ip(['-n', p.client.netns, 'addr', 'add', `${p.client.ipv6}/64`, 'dev', 'eth0', 'nodad']);
    ip(['-n', p.client.netns, 'link', 'set', 'eth0', 'up']);
    ip(['-n', p.client.netns, 'route', 'add', 'default', 'via', r.clientSideV4]);
    ip(['-n', p.client.netns, '-6', 'route', 'add', 'default', 'via', r.clientSideV6]);
    nsExec(r.netns, 'sysctl', ['-qw', 'net.ipv4.ip_forward=1', 'net.ipv6.conf.all.forwarding=1']);
    // ECMP by flow (addresses and ports): different connections may reach different nodes.
    nsExec(r.netns, 'sysctl', ['-qw', 'net.ipv4.fib_multipath_hash_policy=1']);
    for (const n of p.nodes) {
      ip(['-n', n.netns, 'route', 'add', r.farNetworks[0], 'via', r.ipv4]);
      ip(['-n', n.netns, '-6', 'route', 'add', r.farNetworks[1], 'via', r.ipv6]);
    }
  } else {
    add(p.client.netns);
    plug(p.client.netns, p.client.ipv4, p.client.ipv6);
  }

  return o.frr && p.router ? { frrDir: await startFrr(p, o) } : {};
}

/** zebra, bfdd and bgpd in the router namespace, as the frr user, from a directory it owns. */
async function startFrr(p: Plan, o: { ledger: Ledger; logs: string }): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), `${p.prefix}-frr-`));
  o.ledger.dir(dir);
  const uid = Number(execFileSync('id', ['-u', 'frr'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'frr'], { encoding: 'utf8' }).trim());
  chownSync(dir, uid, gid);
  for (const daemon of FRR_DAEMONS) {
    const conf = path.join(dir, `${daemon}.conf`);
    writeFileSync(conf, frrConfig(p, daemon));
    chownSync(conf, uid, gid);
    const child = spawnLogged(
      'ip',
      ['netns', 'exec', p.router!.netns, ...frrDaemonArgs(daemon, dir, conf)],
      path.join(o.logs, `frr-${daemon}.log`),
    );
    o.ledger.track(`frr-${daemon}`, child);
    // Each daemon needs the previous one's socket (bgpd and bfdd talk to zebra).
    const vty = path.join(dir, `${daemon}.vty`);
    const deadline = Date.now() + 15_000;
    while (!existsSync(vty)) {
      if (child.exitCode !== null || Date.now() > deadline)
        throw new Error(`FRR's ${daemon} did not start; see ${path.join(o.logs, `frr-${daemon}.log`)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return dir;
}

export function vtyshArgs(p: Plan, frrDir: string, command: string): string[] {
  return ['netns', 'exec', p.router!.netns, 'vtysh', '--vty_socket', frrDir, '-c', command];
}

/** The node's answer to an HTTP request for `vip` from the client, or undefined. */
export function curlFromClient(p: Plan, vip: string, timeoutS = 2): string | undefined {
  const host = vip.includes(':') ? `[${vip}]` : vip;
  try {
    return nsExec(
      p.client.netns,
      'curl',
      ['-sS', '-m', String(timeoutS), `http://${host}:${p.httpPort}/`],
      (timeoutS + 2) * 1000,
    ).trim();
  } catch {
    return undefined;
  }
}
