// The UI's REST API: who the caller is, the topology graph and pool utilisation. Every read is
// made with the caller's credentials (the backend's own only in development without a token).
import type Router from '@koa/router';
import type { Context } from 'koa';
import { poolUsage, type ServiceLike } from '../../api/pool-usage';
import { buildTopology } from '../../api/topology/graph';
import type { NodeLike, TopologyInput } from '../../api/topology/types';
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
import { upstreamStatus, type APIServer } from './apiserver';
import { credentialsOf, type Credentials } from './credentials';

interface Deps {
  api: APIServer;
  namespace: string;
  dev: boolean;
}

function callerOf(ctx: Context, dev: boolean): Credentials | undefined {
  const creds = credentialsOf(ctx.get('authorization') || undefined, dev);
  if (!creds) {
    ctx.status = 401;
    ctx.body = { error: 'log in with a bearer token' };
  }
  return creds;
}

async function answer(ctx: Context, work: () => Promise<unknown>): Promise<void> {
  try {
    ctx.body = await work();
  } catch (err) {
    const code = upstreamStatus(err);
    ctx.status = code && code >= 400 && code < 500 ? code : 502;
    ctx.body = { error: (err as Error).message };
  }
}

const metallb = (ns: string, plural: string, version = 'v1beta1') =>
  `/apis/metallb.io/${version}/namespaces/${ns}/${plural}`;

export async function readTopologyInput(
  api: APIServer,
  creds: Credentials,
  ns: string,
): Promise<TopologyInput> {
  const [
    pools,
    l2Advertisements,
    bgpAdvertisements,
    bgpPeers,
    bfdProfiles,
    services,
    nodes,
    l2Statuses,
    bgpStatuses,
    sessions,
  ] = await Promise.all([
    api.list<IPAddressPool>(creds, metallb(ns, 'ipaddresspools')),
    api.list<L2Advertisement>(creds, metallb(ns, 'l2advertisements')),
    api.list<BGPAdvertisement>(creds, metallb(ns, 'bgpadvertisements')),
    api.list<BGPPeer>(creds, metallb(ns, 'bgppeers', 'v1beta2')),
    api.list<BFDProfile>(creds, metallb(ns, 'bfdprofiles')),
    api.list<ServiceLike>(creds, '/api/v1/services'),
    // Nodes only add detail; a caller who may not list them still gets the rest.
    api.list<NodeLike>(creds, '/api/v1/nodes').catch(() => []),
    api.list<ServiceL2Status>(creds, metallb(ns, 'servicel2statuses')),
    api.list<ServiceBGPStatus>(creds, metallb(ns, 'servicebgpstatuses')),
    api.list<BGPSessionState>(creds, metallb(ns, 'bgpsessionstates')),
  ]);
  return {
    pools,
    l2Advertisements,
    bgpAdvertisements,
    bgpPeers,
    bfdProfiles,
    services,
    nodes,
    l2Statuses,
    bgpStatuses,
    sessions,
  };
}

export function registerRestAPI(router: Router, { api, namespace, dev }: Deps): void {
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
      const review = await api.json<{ status?: { userInfo?: { username?: string } } }>(
        creds,
        'POST',
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
      if (upstreamStatus(err) !== 401) throw err;
      ctx.body = { authenticated: false, devCredentials: false, namespace };
    }
  });

  router.get('/api/v1/topology', async (ctx) => {
    const creds = callerOf(ctx, dev);
    if (!creds) return;
    const filter = typeof ctx.query.filter === 'string' ? ctx.query.filter : undefined;
    await answer(ctx, async () =>
      buildTopology(await readTopologyInput(api, creds, namespace), filter ? { filter } : {}),
    );
  });

  router.get('/api/v1/pools/usage', async (ctx) => {
    const creds = callerOf(ctx, dev);
    if (!creds) return;
    await answer(ctx, async () => {
      const [pools, services] = await Promise.all([
        api.list<IPAddressPool>(creds, metallb(namespace, 'ipaddresspools')),
        api.list<ServiceLike>(creds, '/api/v1/services'),
      ]);
      const lb = services.filter((s) => s.spec?.type === 'LoadBalancer');
      return { pools: pools.map((p) => poolUsage(p, lb)) };
    });
  });
}
