// What the topology draws apart and what it groups, so the page stays readable and its size
// bounded at any scale (10,000 Services on 1,000 Nodes draw as a few dozen shapes): above a limit,
// Services are grouped per pool except those a search asks for, and Nodes fold into one group
// except those announcing the Services drawn apart. Groups carry their counts, so what is drawn
// stays true: every Service and Node is in exactly one shape.
import { statusServiceRef } from '../operand';
import type { ServiceLike } from '../pool-usage';
import type { TopologyInput, TopologyOptions } from './types';

export const DEFAULT_MAX_SERVICES = 50;
export const DEFAULT_MAX_NODES = 50;

export interface Placement {
  /** More LoadBalancer Services than the limit: those not in `apart` are grouped per pool. */
  grouped: boolean;
  /** Keys of the Services drawn on their own. */
  apart: ReadonlySet<string>;
  /** With a filter: how many Services match it. */
  matched?: number;
  /** Service key -> the Nodes announcing it (ServiceL2Status, ServiceBGPStatus). */
  announcing: ReadonlyMap<string, ReadonlySet<string>>;
  /** Nodes with a BGP session or announcing a LoadBalancer Service. */
  nodeCount: number;
  /** The Nodes drawn on their own; the others are one NodeGroup. */
  nodesApart: ReadonlySet<string>;
}

export function keyOfService(svc: ServiceLike): string {
  return `${svc.metadata.namespace ?? ''}/${svc.metadata.name ?? ''}`;
}

function statusServiceKey(status: Parameters<typeof statusServiceRef>[0]) {
  const { name, namespace } = statusServiceRef(status);
  return name && namespace ? `${namespace}/${name}` : undefined;
}

export function place(
  input: TopologyInput,
  lbServices: readonly ServiceLike[],
  opts: TopologyOptions,
): Placement {
  const announcing = new Map<string, Set<string>>();
  for (const st of [...input.l2Statuses, ...input.bgpStatuses]) {
    const key = statusServiceKey(st);
    if (!key || !st.status?.node) continue;
    if (!announcing.has(key)) announcing.set(key, new Set());
    announcing.get(key)!.add(st.status.node);
  }
  const maxServices = opts.maxServices ?? DEFAULT_MAX_SERVICES;
  const keys = lbServices.map(keyOfService);
  const grouped = keys.length > maxServices;
  const filter = opts.filter?.toLowerCase();
  const matching = filter ? keys.filter((k) => k.toLowerCase().includes(filter)) : [];
  // A search matching many Services draws the first ones by key; the page says how many matched.
  const apart = new Set(grouped ? [...matching].sort().slice(0, maxServices) : keys);

  const all = new Set<string>();
  for (const s of input.sessions) if (s.status?.node && s.status.peer) all.add(s.status.node);
  for (const k of keys) for (const n of announcing.get(k) ?? []) all.add(n);
  const maxNodes = opts.maxNodes ?? DEFAULT_MAX_NODES;
  let nodesApart: Set<string> = all;
  if (all.size > maxNodes) {
    const wanted = new Set([...apart].flatMap((k) => [...(announcing.get(k) ?? [])]));
    nodesApart = wanted.size <= maxNodes ? wanted : new Set();
  }
  return {
    grouped,
    apart,
    ...(filter ? { matched: matching.length } : {}),
    announcing,
    nodeCount: all.size,
    nodesApart,
  };
}
