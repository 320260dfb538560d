// Reads the current configuration the webhook validates an incoming object against. It lists from
// the apiserver per request (a few ms) rather than from a watch cache, so two objects created in
// quick succession are always checked against each other.
import { KubernetesObjectApi, type KubeConfig, type KubernetesObject } from '@kubernetes/client-node';
import type { ConfigInput } from '../../api/validation';
import { apiStatus } from '../k8s/errors';

/**
 * Right after a CRD is installed its storage may answer 429 while its watch cache warms up;
 * wait that out (a few seconds at most) instead of failing the admission.
 */
async function retryTooManyRequests<T>(fn: () => Promise<T>, attempts = 50): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (err) {
      if (apiStatus(err) !== 429 || i >= attempts) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

type Key = keyof ConfigInput;

const SOURCES: Record<Exclude<Key, 'secrets'>, { apiVersion: string; kind: string; namespaced: boolean }> = {
  ipAddressPools: { apiVersion: 'metallb.io/v1beta1', kind: 'IPAddressPool', namespaced: true },
  l2Advertisements: { apiVersion: 'metallb.io/v1beta1', kind: 'L2Advertisement', namespaced: true },
  bgpAdvertisements: { apiVersion: 'metallb.io/v1beta1', kind: 'BGPAdvertisement', namespaced: true },
  bgpPeers: { apiVersion: 'metallb.io/v1beta2', kind: 'BGPPeer', namespaced: true },
  bfdProfiles: { apiVersion: 'metallb.io/v1beta1', kind: 'BFDProfile', namespaced: true },
  communities: { apiVersion: 'metallb.io/v1beta1', kind: 'Community', namespaced: true },
  nodes: { apiVersion: 'v1', kind: 'Node', namespaced: false },
  namespaces: { apiVersion: 'v1', kind: 'Namespace', namespaced: false },
};

/** Which lists each kind's webhook needs (see the candidate table in api/validation/admission.ts). */
export const NEEDS: Record<string, Exclude<Key, 'secrets'>[]> = {
  IPAddressPool: ['ipAddressPools', 'bgpAdvertisements'],
  L2Advertisement: ['l2Advertisements', 'ipAddressPools'],
  BGPAdvertisement: ['bgpAdvertisements', 'ipAddressPools', 'nodes'],
  Community: ['communities'],
  BGPPeer: ['bgpPeers', 'nodes'],
  BFDProfile: ['bfdProfiles', 'bgpPeers'],
  MetalLB: [],
};

export class ConfigReader {
  private readonly api: KubernetesObjectApi;

  constructor(
    kc: KubeConfig,
    private readonly namespace: string,
  ) {
    this.api = KubernetesObjectApi.makeApiClient(kc);
  }

  async read(kind: string): Promise<ConfigInput> {
    const keys = NEEDS[kind] ?? [];
    const lists = await Promise.all(
      keys.map(async (k) => {
        const s = SOURCES[k];
        const res = await retryTooManyRequests(() =>
          this.api.list<KubernetesObject>(s.apiVersion, s.kind, s.namespaced ? this.namespace : undefined),
        );
        return [k, res.items.map((o) => ({ apiVersion: s.apiVersion, kind: s.kind, ...o }))] as const;
      }),
    );
    return Object.fromEntries(lists) as ConfigInput;
  }
}
