// What the playground builds, as data: namespace names, documentation addresses (RFC 5737 and
// RFC 3849 only, so nothing it creates could clash with a real network), pools and the local
// routes that play kube-proxy's part. Pure, so the address plan is tested without root.

/** Prefix of every namespace, process group and scratch directory of one run: "mlbpg-<pid>-". */
export const NAME_BASE = 'mlbpg';

export interface PlanOptions {
  /** Unique per run; names carry it so a crashed run's leftovers can be found. */
  prefix: string;
  nodes: number;
  l2: boolean;
  bgp: boolean;
  router: boolean;
}

export interface NodePlan {
  /** The Node's name on the control plane (kwok's fake nodes are node-0, node-1, ...). */
  name: string;
  netns: string;
  interface: 'eth0';
  ipv4: string;
  ipv6: string;
}

export interface PoolPlan {
  name: string;
  mode: 'l2' | 'bgp';
  /** IPAddressPool spec.addresses: one IPv4 and one IPv6 CIDR. */
  addresses: [string, string];
}

export interface Plan {
  prefix: string;
  switchNetns: string;
  nodes: NodePlan[];
  router?: {
    netns: string;
    ipv4: string;
    ipv6: string;
    /** Its addresses on the client's link, and that link's networks (the nodes route them to it). */
    clientSideV4: string;
    clientSideV6: string;
    farNetworks: [string, string];
  };
  client: { netns: string; ipv4: string; ipv6: string; behindRouter: boolean };
  pools: PoolPlan[];
  /** Prefix lengths of the nodes' segment. */
  segment: { v4: string; v6: string };
  asn: { speakers: number; router: number };
  /** Port the nodes' HTTP responder listens on, and the sample Services' port. */
  httpPort: number;
}

export const SEGMENT_V4 = '192.0.2';
export const SEGMENT_V6 = '2001:db8::';
export const FAR_V4 = '198.51.100';
export const FAR_V6 = '2001:db8:100::';

export function runPrefix(pid: number, random: string): string {
  return `${NAME_BASE}-${pid}-${random}`;
}

/** The pid a run's name carries, or undefined for names that are not the playground's. */
export function pidOfName(name: string): number | undefined {
  const m = new RegExp(`^${NAME_BASE}-(\\d+)-`).exec(name);
  return m ? Number(m[1]) : undefined;
}

export function makePlan(o: PlanOptions): Plan {
  const ns = (short: string) => `${o.prefix}-${short}`;
  const nodes: NodePlan[] = Array.from({ length: o.nodes }, (_, i) => ({
    name: `node-${i}`,
    netns: ns(`node-${i}`),
    interface: 'eth0',
    // .11, .12, ... and ::11, ::12, ... (decimal digits read as hex stay valid and readable)
    ipv4: `${SEGMENT_V4}.${11 + i}`,
    ipv6: `${SEGMENT_V6}${11 + i}`,
  }));
  const pools: PoolPlan[] = [];
  // L2 pools sit inside the nodes' segment (ARP/NDP only work there); BGP pools anywhere else.
  if (o.l2) pools.push({ name: 'l2-pool', mode: 'l2', addresses: ['192.0.2.208/28', '2001:db8::200/124'] });
  if (o.bgp)
    pools.push({ name: 'bgp-pool', mode: 'bgp', addresses: ['203.0.113.16/28', '2001:db8:2::10/124'] });
  return {
    prefix: o.prefix,
    switchNetns: ns('switch'),
    nodes,
    ...(o.router
      ? {
          router: {
            netns: ns('router'),
            ipv4: `${SEGMENT_V4}.1`,
            ipv6: `${SEGMENT_V6}1`,
            clientSideV4: `${FAR_V4}.1`,
            clientSideV6: `${FAR_V6}1`,
            farNetworks: [`${FAR_V4}.0/24`, `${FAR_V6}/64`],
          },
        }
      : {}),
    // Behind the router, the client reaches L2 IPs through it too, as a real client would.
    client: o.router
      ? { netns: ns('client'), ipv4: `${FAR_V4}.10`, ipv6: `${FAR_V6}10`, behindRouter: true }
      : { netns: ns('client'), ipv4: `${SEGMENT_V4}.100`, ipv6: `${SEGMENT_V6}100`, behindRouter: false },
    pools,
    segment: { v4: '24', v6: '64' },
    asn: { speakers: 64500, router: 64501 },
    httpPort: 80,
  };
}

/** Every namespace of the plan, in creation order. */
export function namespacesOf(p: Plan): string[] {
  return [
    p.switchNetns,
    ...p.nodes.map((n) => n.netns),
    ...(p.router ? [p.router.netns] : []),
    p.client.netns,
  ];
}
