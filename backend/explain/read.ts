// Reads the snapshot an explanation or a preview needs, as the caller: what they may not list
// (Nodes, EndpointSlices, the status kinds) is left empty and the answer says less, rather than
// failing. Every metallb.io object gets its apiVersion and kind, as the webhook's reader gives them.
import type { V1Service } from '@kubernetes/client-node';
import { apiVersionOf, KUBE_KINDS, METALLB_KINDS, resourcePath, type ResourceKind } from '../../api/kinds';
import type { BGPType } from '../../api/validation';
import type { ApiClient } from '../../k8s/api-client';
import { isStatus } from '../../k8s/errors';
import type { ClusterSnapshot } from './snapshot';

export interface ReadOptions {
  namespace: string;
  lbClass?: string;
  bgpType?: BGPType;
}

async function items<T>(
  client: ApiClient,
  kind: ResourceKind,
  namespace?: string,
  optional = false,
): Promise<T[]> {
  try {
    const list = await client.list<object>(resourcePath(kind, { namespace }));
    return list.items.map((o) => ({ apiVersion: apiVersionOf(kind), kind: kind.kind, ...o }) as T);
  } catch (err) {
    if (isStatus(err, 404) || (optional && (isStatus(err, 403) || isStatus(err, 401)))) return [];
    throw err;
  }
}

export async function readSnapshot(client: ApiClient, opts: ReadOptions): Promise<ClusterSnapshot> {
  const ns = opts.namespace;
  const M = METALLB_KINDS;
  const [pools, l2Advertisements, bgpAdvertisements, bgpPeers, bfdProfiles, communities] = await Promise.all([
    items<ClusterSnapshot['pools'][number]>(client, M.IPAddressPool, ns),
    items<ClusterSnapshot['l2Advertisements'][number]>(client, M.L2Advertisement, ns),
    items<ClusterSnapshot['bgpAdvertisements'][number]>(client, M.BGPAdvertisement, ns),
    items<ClusterSnapshot['bgpPeers'][number]>(client, M.BGPPeer, ns),
    items<ClusterSnapshot['bfdProfiles'][number]>(client, M.BFDProfile, ns),
    items<ClusterSnapshot['communities'][number]>(client, M.Community, ns),
  ]);
  const [services, namespaces, nodes, endpointSlices] = await Promise.all([
    items<V1Service>(client, KUBE_KINDS.Service),
    items<ClusterSnapshot['namespaces'][number]>(client, KUBE_KINDS.Namespace, undefined, true),
    items<ClusterSnapshot['nodes'][number]>(client, KUBE_KINDS.Node, undefined, true),
    items<ClusterSnapshot['endpointSlices'][number]>(client, KUBE_KINDS.EndpointSlice, undefined, true),
  ]);
  const [l2Statuses, bgpStatuses, sessions, configurationStates] = await Promise.all([
    items<ClusterSnapshot['l2Statuses'][number]>(client, M.ServiceL2Status, ns, true),
    items<ClusterSnapshot['bgpStatuses'][number]>(client, M.ServiceBGPStatus, ns, true),
    items<ClusterSnapshot['sessions'][number]>(client, M.BGPSessionState, ns, true),
    items<ClusterSnapshot['configurationStates'][number]>(client, M.ConfigurationState, ns, true),
  ]);
  return {
    namespace: ns,
    ...(opts.lbClass ? { lbClass: opts.lbClass } : {}),
    bgpType: opts.bgpType ?? 'native',
    pools,
    l2Advertisements,
    bgpAdvertisements,
    bgpPeers,
    bfdProfiles,
    communities,
    services,
    namespaces,
    nodes,
    endpointSlices,
    l2Statuses,
    bgpStatuses,
    sessions,
    configurationStates,
  };
}
