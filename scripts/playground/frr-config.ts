// FRR's configuration for the playground's router: eBGP with every node over IPv4 and over IPv6,
// BFD on both sessions (the BGPPeers name a BFDProfile), ECMP across the nodes, and no policy
// (eBGP routes are accepted as they come). Pure text, tested.
import { nodePeeringConfig } from '../../integration-tests/dataplane/frr-peering';
import type { Plan } from './plan';

export const FRR_DAEMONS = ['zebra', 'bfdd', 'bgpd'] as const;
export type FrrDaemon = (typeof FRR_DAEMONS)[number];

export function frrConfig(p: Plan, daemon: FrrDaemon): string {
  const header = ['frr defaults traditional', 'hostname router', 'log stdout informational'];
  if (daemon !== 'bgpd' || !p.router) return `${header.join('\n')}\n`;
  const peering = nodePeeringConfig({
    routerAsn: p.asn.router,
    routerId: p.router.ipv4,
    nodeAsn: p.asn.speakers,
    nodes: p.nodes,
    timers: [3, 9],
    bfd: 'both',
  });
  return `${header.join('\n')}\n${peering}`;
}
