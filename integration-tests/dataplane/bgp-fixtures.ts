// Shared pieces of the BGP dataplane suites and benchmarks: FRR configured as the router of a
// BgpCluster (eBGP AS 64501 with every node over IPv4 and IPv6, ECMP, optional password and BFD),
// the router kernel's next hops for a prefix, BGPSessionState lookups, and a polling wait.
import { METALLB_KINDS, resourcePath } from '../../api/kinds';
import { STATUS_LABELS } from '../../api/operand';
import type { BGPSessionStateStatus } from '../../api/types';
import { ROUTER_V4, type BgpCluster } from './bgp-cluster';
import type { Testbed } from './netns';
import { nodePeeringConfig } from './frr-peering';
import { startFrr, type Frr } from './routers';
import { NAMESPACE } from './sim-cluster';

/** The speakers' AS: a 4-octet one (RFC 6793 on every session). */
export const NODE_ASN = 4200000001;
export const ROUTER_ASN = 64501;

/** Polls `f` until it returns a value; throws naming `what` (and the logs) on timeout. */
export async function eventually<T>(
  what: string,
  f: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 20_000,
  logs?: () => string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await f();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const why = last ? ` (${(last as Error).message})` : '';
  throw new Error(`timed out: ${what}${why}${logs ? `\n${logs()}` : ''}`);
}

/** The gateways of the kernel route to `ip` in namespace `name` (one per ECMP path). */
export function kernelNextHops(tb: Testbed, name: string, ip: string): string[] {
  const v6 = ip.includes(':');
  const out = tb.exec(name, 'ip', [
    '-j',
    ...(v6 ? ['-6'] : []),
    'route',
    'show',
    'exact',
    `${ip}/${v6 ? 128 : 32}`,
  ]);
  const routes = JSON.parse(out || '[]') as { gateway?: string; nexthops?: { gateway?: string }[] }[];
  return routes.flatMap((r) =>
    r.nexthops ? r.nexthops.flatMap((h) => (h.gateway ? [h.gateway] : [])) : r.gateway ? [r.gateway] : [],
  );
}

/** The BGPSessionState of `node` for `peer`, if any. */
export async function sessionState(
  c: BgpCluster,
  node: string,
  peer: string,
): Promise<BGPSessionStateStatus | undefined> {
  const list = await c.client.list<{ status?: BGPSessionStateStatus }>(
    resourcePath(METALLB_KINDS.BGPSessionState, { namespace: NAMESPACE }),
    { labelSelector: `${STATUS_LABELS.node}=${node},${STATUS_LABELS.peer}=${peer}` },
  );
  return list.items[0]?.status;
}

export interface RouterOptions {
  password?: string;
  bfd?: boolean;
  /** FRR's keepalive and hold time (default 3 and 9 s). */
  timers?: [number, number];
}

/** FRR in the cluster's router namespace, peering with every node over IPv4 and IPv6. */
export function startNodeFrr(tb: Testbed, c: BgpCluster, o: RouterOptions = {}): Promise<Frr> {
  return startFrr(tb, 'router', {
    bfd: o.bfd === true,
    // Logged state changes of BFD sessions and of BGP's use of them: what a failure report needs.
    bfdConfig: 'debug bfd peer\n',
    bgpConfig: `debug bgp bfd\n${nodePeeringConfig({
      routerAsn: ROUTER_ASN,
      routerId: ROUTER_V4,
      nodeAsn: NODE_ASN,
      nodes: c.nodes,
      timers: o.timers ?? [3, 9],
      ...(o.password ? { password: o.password } : {}),
      ...(o.bfd ? { bfd: 'v4' as const } : {}),
    })}`,
  });
}
