// Reads the snapshot an explanation or a preview needs, as the caller: what they may not list
// (Nodes, EndpointSlices, the status kinds) is left empty and the answer says less, rather than
// failing. Every metallb.io object gets its apiVersion and kind, as the webhook's reader gives them.
import type { V1Service } from '@kubernetes/client-node';
import { SERVICE_NAME_LABEL } from '../../api/announce/services';
import { apiVersionOf, KUBE_KINDS, METALLB_KINDS, resourcePath, type ResourceKind } from '../../api/kinds';
import { STATUS_LABELS } from '../../api/operand';
import type { BGPType } from '../../api/validation';
import { isDNS1123Label } from '../../api/validation/label-syntax';
import type { ApiClient } from '../../k8s/api-client';
import { isStatus } from '../../k8s/errors';
import { servicesBearingOn } from './focus';
import type { ClusterSnapshot } from './snapshot';

export interface ReadOptions {
  namespace: string;
  lbClass?: string;
  bgpType?: BGPType;
}

/** Above this many Services bearing on the explained one, their EndpointSlices are read by one list. */
const MAX_SELECTED_SERVICES = 20;

async function items<T>(
  client: ApiClient,
  kind: ResourceKind,
  namespace?: string,
  optional = false,
  labelSelector?: string,
): Promise<T[]> {
  try {
    const path = resourcePath(kind, { namespace });
    const list = await client.list<object>(path, labelSelector ? { labelSelector } : undefined);
    return list.items.map((o) => ({ apiVersion: apiVersionOf(kind), kind: kind.kind, ...o }) as T);
  } catch (err) {
    if (isStatus(err, 404) || (optional && (isStatus(err, 403) || isStatus(err, 401)))) return [];
    throw err;
  }
}

type Slice = ClusterSnapshot['endpointSlices'][number];
type L2Status = ClusterSnapshot['l2Statuses'][number];

/** Everything but the EndpointSlices and the ServiceL2Statuses, which the callers read as they need. */
async function readCommon(
  client: ApiClient,
  opts: ReadOptions,
): Promise<Omit<ClusterSnapshot, 'endpointSlices' | 'l2Statuses'>> {
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
  const [services, namespaces, nodes, sessions, configurationStates] = await Promise.all([
    items<V1Service>(client, KUBE_KINDS.Service),
    items<ClusterSnapshot['namespaces'][number]>(client, KUBE_KINDS.Namespace, undefined, true),
    items<ClusterSnapshot['nodes'][number]>(client, KUBE_KINDS.Node, undefined, true),
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
    sessions,
    configurationStates,
  };
}

/** Every object the snapshot holds: what a preview, which looks at every Service, needs. */
export async function readSnapshot(client: ApiClient, opts: ReadOptions): Promise<ClusterSnapshot> {
  const common = await readCommon(client, opts);
  const [endpointSlices, l2Statuses] = await Promise.all([
    items<Slice>(client, KUBE_KINDS.EndpointSlice, undefined, true),
    items<L2Status>(client, METALLB_KINDS.ServiceL2Status, opts.namespace, true),
  ]);
  return { ...common, endpointSlices, l2Statuses };
}

/**
 * What explaining one Service needs: the same, but only the ServiceL2Statuses of that Service
 * (by the labels every speaker, ours and upstream's, puts on them) and the EndpointSlices of the
 * Services bearing on its announcements (focus.ts). At 10,000 Services that leaves out ~10,000
 * objects the explanation would not look at.
 */
export async function readServiceSnapshot(
  client: ApiClient,
  opts: ReadOptions,
  service: { namespace: string; name: string },
): Promise<ClusterSnapshot> {
  const common = await readCommon(client, opts);
  // Service and namespace names are DNS labels, hence valid label values; a name no Service can
  // have (it comes from the URL) selects nothing, rather than making a bad selector.
  if (!isDNS1123Label(service.name) || !isDNS1123Label(service.namespace))
    return { ...common, endpointSlices: [], l2Statuses: [] };
  const statusSelector = `${STATUS_LABELS.serviceName}=${service.name},${STATUS_LABELS.serviceNamespace}=${service.namespace}`;
  const [endpointSlices, l2Statuses] = await Promise.all([
    readSlices(client, servicesBearingOn(common, `${service.namespace}/${service.name}`)),
    items<L2Status>(client, METALLB_KINDS.ServiceL2Status, opts.namespace, true, statusSelector),
  ]);
  return { ...common, endpointSlices, l2Statuses };
}

/** The EndpointSlices of these Services: one list per namespace, or every slice when they are many. */
async function readSlices(client: ApiClient, keys: ReadonlySet<string>): Promise<Slice[]> {
  if (keys.size > MAX_SELECTED_SERVICES)
    return items<Slice>(client, KUBE_KINDS.EndpointSlice, undefined, true);
  const byNamespace = new Map<string, string[]>();
  for (const key of keys) {
    const slash = key.indexOf('/');
    const ns = key.slice(0, slash);
    byNamespace.set(ns, [...(byNamespace.get(ns) ?? []), key.slice(slash + 1)]);
  }
  const lists = await Promise.all(
    [...byNamespace].map(([ns, names]) =>
      items<Slice>(
        client,
        KUBE_KINDS.EndpointSlice,
        ns,
        true,
        `${SERVICE_NAME_LABEL} in (${names.sort().join(',')})`,
      ),
    ),
  );
  return lists.flat();
}
