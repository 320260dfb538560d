// FRR's bgpd configuration for a router peering with every simulated node over IPv4 and over IPv6
// (eBGP, two peer groups, ECMP across the nodes, no policy: routes are accepted as they come), and
// the command line of an FRR daemon run from a scratch directory. Pure; shared by the dataplane
// suites, the benchmarks and the playground.
import path from 'node:path';

export const FRR_DIR = '/usr/lib/frr';

export interface NodePeering {
  routerAsn: number;
  routerId: string;
  nodeAsn: number;
  nodes: readonly { ipv4: string; ipv6: string }[];
  /** Keepalive and hold time, seconds. */
  timers: readonly [number, number];
  /** TCP-MD5 on the IPv4 sessions. */
  password?: string;
  /** BFD on the IPv4 sessions only (`v4`) or on both. */
  bfd?: 'v4' | 'both';
}

/** The `router bgp` block (no header lines). */
export function nodePeeringConfig(o: NodePeering): string {
  const [ka, hold] = o.timers;
  const group = (name: string, bfd: boolean, password?: string) => [
    ` neighbor ${name} peer-group`,
    ` neighbor ${name} remote-as ${o.nodeAsn}`,
    ` neighbor ${name} timers ${ka} ${hold}`,
    ` neighbor ${name} timers connect 1`,
    ...(password ? [` neighbor ${name} password ${password}`] : []),
    ...(bfd ? [` neighbor ${name} bfd`] : []),
  ];
  return [
    `router bgp ${o.routerAsn}`,
    ` bgp router-id ${o.routerId}`,
    ' no bgp ebgp-requires-policy',
    ' no bgp default ipv4-unicast',
    ...group('NODES', o.bfd !== undefined, o.password),
    ...group('NODES6', o.bfd === 'both'),
    ...o.nodes.map((n) => ` neighbor ${n.ipv4} peer-group NODES`),
    ...o.nodes.map((n) => ` neighbor ${n.ipv6} peer-group NODES6`),
    ' address-family ipv4 unicast',
    '  neighbor NODES activate',
    '  maximum-paths 8',
    ' exit-address-family',
    ' address-family ipv6 unicast',
    '  neighbor NODES6 activate',
    '  maximum-paths 8',
    ' exit-address-family',
    '',
  ].join('\n');
}

/** Arguments of an FRR daemon whose config, pid file, zebra socket and vty live in `dir`. */
export function frrDaemonArgs(daemon: string, dir: string, conf: string): string[] {
  return [
    path.join(FRR_DIR, daemon),
    '-f',
    conf,
    '-i',
    path.join(dir, `${daemon}.pid`),
    '-z',
    path.join(dir, 'zserv.api'),
    '--vty_socket',
    dir,
    '-P',
    '0',
  ];
}
