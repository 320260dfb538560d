// FRR's configuration for the playground's router: eBGP with every node over IPv4 and over IPv6,
// BFD on both sessions (the BGPPeers name a BFDProfile), ECMP across the nodes, and no policy
// (eBGP routes are accepted as they come). Pure text, tested.
import type { Plan } from './plan';

export const FRR_DAEMONS = ['zebra', 'bfdd', 'bgpd'] as const;
export type FrrDaemon = (typeof FRR_DAEMONS)[number];

export function frrConfig(p: Plan, daemon: FrrDaemon): string {
  const header = ['frr defaults traditional', 'hostname router', 'log stdout informational'];
  if (daemon !== 'bgpd' || !p.router) return `${header.join('\n')}\n`;
  const group = (name: string) => [
    ` neighbor ${name} peer-group`,
    ` neighbor ${name} remote-as ${p.asn.speakers}`,
    ` neighbor ${name} timers 3 9`,
    ` neighbor ${name} timers connect 1`,
    ` neighbor ${name} bfd`,
  ];
  return `${[
    ...header,
    `router bgp ${p.asn.router}`,
    ` bgp router-id ${p.router.ipv4}`,
    ' no bgp ebgp-requires-policy',
    ' no bgp default ipv4-unicast',
    ...group('NODES'),
    ...group('NODES6'),
    ...p.nodes.map((n) => ` neighbor ${n.ipv4} peer-group NODES`),
    ...p.nodes.map((n) => ` neighbor ${n.ipv6} peer-group NODES6`),
    ' address-family ipv4 unicast',
    '  neighbor NODES activate',
    '  maximum-paths 8',
    ' exit-address-family',
    ' address-family ipv6 unicast',
    '  neighbor NODES6 activate',
    '  maximum-paths 8',
    ' exit-address-family',
  ].join('\n')}\n`;
}
