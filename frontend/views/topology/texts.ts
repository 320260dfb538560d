// Translated texts of the topology: edge types, node kinds and problems.
import type { TFunction } from 'i18next';
import type { GraphEdgeType, GraphNodeKind, Problem, TopologyGraph } from '../../../api/topology/types';

export function edgeLabel(t: TFunction, type: GraphEdgeType): string {
  switch (type) {
    case 'allocated-from':
      return t('allocated from');
    case 'advertised-by':
      return t('advertised by');
    case 'advertises-to':
      return t('advertises to');
    case 'uses-bfd':
      return t('uses BFD profile');
    case 'announced-from':
      return t('announced from node');
    case 'session-to':
      return t('session to peer');
  }
}

export function kindLabel(t: TFunction, kind: GraphNodeKind): string {
  switch (kind) {
    case 'IPAddressPool':
      return t('IP address pool');
    case 'L2Advertisement':
      return t('L2 advertisement');
    case 'BGPAdvertisement':
      return t('BGP advertisement');
    case 'BGPPeer':
      return t('BGP peer');
    case 'BFDProfile':
      return t('BFD profile');
    case 'Service':
      return t('Service');
    case 'Node':
      return t('Node');
    case 'ServiceGroup':
      return t('Services');
    case 'NodeGroup':
      return t('Nodes');
  }
}

export function problemText(t: TFunction, p: Problem): string {
  switch (p.code) {
    case 'dangling-reference':
      return t('Refers to {{kind}} {{name}}, which does not exist', { kind: p.kind, name: p.name });
    case 'missing-object':
      return t('Referenced, but does not exist');
    case 'pool-exhausted':
      return t('Pool exhausted');
    case 'pool-nearly-exhausted':
      return t('Pool nearly exhausted ({{percent}}% used)', { percent: p.percent });
    case 'session-down':
      return t('Session from {{node}} is {{state}}', { node: p.node, state: p.state });
    case 'bfd-down':
      return t('BFD from {{node}} is down', { node: p.node });
    case 'selects-no-pool':
      return t('Selects no pool');
    case 'ip-pending':
      return t('No IP assigned yet');
    case 'more-session-problems':
      return t('{{count}} more nodes have a BGP session or BFD down', { count: p.count });
  }
}

/** The label of a fact the topology reports about a node (keys of GraphNode.facts). */
export function factLabel(t: TFunction, key: string): string {
  switch (key) {
    case 'addresses':
      return t('Addresses');
    case 'ipv4':
      return t('IPv4');
    case 'ipv6':
      return t('IPv6');
    case 'ips':
      return t('IPs');
    case 'pool':
      return t('Pool');
    case 'interfaces':
    case 'interface':
      return t('Interfaces');
    case 'localPref':
      return t('Local preference');
    case 'receiveInterval':
      return t('Receive interval (ms)');
    case 'transmitInterval':
      return t('Transmit interval (ms)');
    case 'detectMultiplier':
      return t('Detect multiplier');
    case 'myASN':
      return t('Local ASN');
    case 'peerAddress':
      return t('Peer address');
    case 'peerASN':
      return t('Peer ASN');
    default:
      return key;
  }
}

/** What the graph stands for, when it does not draw everything one by one: counts, groups, search. */
export function summaryText(t: TFunction, g: TopologyGraph): string {
  const parts = [
    g.grouped
      ? t('{{count}} LoadBalancer Services, grouped per pool; search to show one.', { count: g.serviceCount })
      : t('{{count}} LoadBalancer Services', { count: g.serviceCount }),
  ];
  const drawn = g.nodes.filter((n) => n.kind === 'Service').length;
  if (g.grouped && g.matched !== undefined && g.matched > drawn)
    parts.push(
      t('{{matched}} match the search; the first {{drawn}} are drawn.', { matched: g.matched, drawn }),
    );
  const folded = g.nodes.find((n) => n.kind === 'NodeGroup')?.count ?? 0;
  if (g.nodesGrouped)
    parts.push(t('{{count}} nodes; {{folded}} of them drawn as one group.', { count: g.nodeCount, folded }));
  return parts.join(' ');
}
