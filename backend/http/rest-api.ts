// The UI's REST API: who the caller is, the topology graph and pool utilisation. Every read is
// made with the caller's credentials (the backend's own only in development without a token).
import type Router from '@koa/router';
import { poolUsages, usageNeedsServices, type ServiceLike } from '../../api/pool-usage';
import { buildTopology } from '../../api/topology/graph';
import type { TopologyInput } from '../../api/topology/types';
import type {
  BFDProfile,
  BGPAdvertisement,
  BGPPeer,
  BGPSessionState,
  IPAddressPool,
  L2Advertisement,
  ServiceBGPStatus,
  ServiceL2Status,
} from '../../api/types';
import { KUBE_KINDS, METALLB_KINDS, resourcePath, type ResourceKind } from '../../api/kinds';
import type { ApiClient } from '../../k8s/api-client';
import { isStatus } from '../../k8s/errors';
import { callerOf, clientFor, credentialsOf } from './credentials';
import { answer } from './json-answer';

interface Deps {
  /** The backend's client; requests act as the caller through clientFor. */
  client: ApiClient;
  namespace: string;
  dev: boolean;
}

/** The items of a list, `[]` when the kind is not served (404). */
async function items<T>(client: ApiClient, kind: ResourceKind, namespace?: string): Promise<T[]> {
  try {
    return (await client.list<T>(resourcePath(kind, { namespace }))).items;
  } catch (err) {
    if (isStatus(err, 404)) return [];
    throw err;
  }
}

export async function readTopologyInput(client: ApiClient, ns: string): Promise<TopologyInput> {
  const [
    pools,
    l2Advertisements,
    bgpAdvertisements,
    bgpPeers,
    bfdProfiles,
    services,
    l2Statuses,
    bgpStatuses,
    sessions,
  ] = await Promise.all([
    items<IPAddressPool>(client, METALLB_KINDS.IPAddressPool, ns),
    items<L2Advertisement>(client, METALLB_KINDS.L2Advertisement, ns),
    items<BGPAdvertisement>(client, METALLB_KINDS.BGPAdvertisement, ns),
    items<BGPPeer>(client, METALLB_KINDS.BGPPeer, ns),
    items<BFDProfile>(client, METALLB_KINDS.BFDProfile, ns),
    items<ServiceLike>(client, KUBE_KINDS.Service),
    items<ServiceL2Status>(client, METALLB_KINDS.ServiceL2Status, ns),
    items<ServiceBGPStatus>(client, METALLB_KINDS.ServiceBGPStatus, ns),
    items<BGPSessionState>(client, METALLB_KINDS.BGPSessionState, ns),
  ]);
  return {
    pools,
    l2Advertisements,
    bgpAdvertisements,
    bgpPeers,
    bfdProfiles,
    services,
    l2Statuses,
    bgpStatuses,
    sessions,
  };
}

export function registerRestAPI(router: Router, deps: Deps): void {
  const { client, namespace, dev } = deps;
  router.get('/api/v1/session', async (ctx) => {
    const creds = credentialsOf(ctx.get('authorization') || undefined, dev);
    if (!creds) {
      ctx.body = { authenticated: false, devCredentials: false, namespace };
      return;
    }
    if (creds.kind === 'backend') {
      ctx.body = { authenticated: true, devCredentials: true, namespace };
      return;
    }
    try {
      const review = await clientFor(client, creds).create<{ status?: { userInfo?: { username?: string } } }>(
        '/apis/authentication.k8s.io/v1/selfsubjectreviews',
        { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
      );
      ctx.body = {
        authenticated: true,
        devCredentials: false,
        user: review.status?.userInfo?.username,
        namespace,
      };
    } catch (err) {
      if (!isStatus(err, 401)) throw err;
      ctx.body = { authenticated: false, devCredentials: false, namespace };
    }
  });

  router.get('/api/v1/topology', async (ctx) => {
    const caller = callerOf(ctx, deps);
    if (!caller) return;
    const filter = typeof ctx.query.filter === 'string' ? ctx.query.filter : undefined;
    await answer(ctx, async () =>
      buildTopology(await readTopologyInput(caller, namespace), filter ? { filter } : {}),
    );
  });

  router.get('/api/v1/pools/usage', async (ctx) => {
    const caller = callerOf(ctx, deps);
    if (!caller) return;
    await answer(ctx, async () => {
      const pools = await items<IPAddressPool>(caller, METALLB_KINDS.IPAddressPool, namespace);
      // Every Service only when some pool's usage must be computed: the controller's pool status
      // answers for the others (10,000 Services are ~10 MB to list and parse per request).
      const services = pools.some(usageNeedsServices)
        ? await items<ServiceLike>(caller, KUBE_KINDS.Service)
        : [];
      const lb = services.filter((s) => s.spec?.type === 'LoadBalancer');
      return { pools: poolUsages(pools, lb) };
    });
  });
}
