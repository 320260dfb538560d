// Reads the current configuration the webhook validates an incoming object against. It lists from
// the apiserver per request (a few ms) rather than from a watch cache, so two objects created in
// quick succession are always checked against each other.
import { apiVersionOf, KUBE_KINDS, METALLB_KINDS, resourcePath, type ResourceKind } from '../../api/kinds';
import type { ConfigInput } from '../../api/validation';
import type { ApiClient } from '../../k8s/api-client';

/**
 * The apiserver waits 10 s for an admission answer: a read that cannot finish by then is useless.
 * (Right after a CRD is installed its storage answers 429 for a few seconds; the client asks again
 * within this deadline.)
 */
const READ_DEADLINE_MS = 10_000;

type Key = keyof ConfigInput;

const SOURCES: Record<Exclude<Key, 'secrets'>, ResourceKind> = {
  ipAddressPools: METALLB_KINDS.IPAddressPool,
  l2Advertisements: METALLB_KINDS.L2Advertisement,
  bgpAdvertisements: METALLB_KINDS.BGPAdvertisement,
  bgpPeers: METALLB_KINDS.BGPPeer,
  bfdProfiles: METALLB_KINDS.BFDProfile,
  communities: METALLB_KINDS.Community,
  nodes: KUBE_KINDS.Node,
  namespaces: KUBE_KINDS.Namespace,
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
  constructor(
    private readonly client: ApiClient,
    private readonly namespace: string,
  ) {}

  async read(kind: string): Promise<ConfigInput> {
    const keys = NEEDS[kind] ?? [];
    const lists = await Promise.all(
      keys.map(async (k) => {
        const s = SOURCES[k];
        const path = resourcePath(s, { namespace: this.namespace });
        const res = await this.client.list<object>(path, undefined, { timeoutMs: READ_DEADLINE_MS });
        return [k, res.items.map((o) => ({ apiVersion: apiVersionOf(s), kind: s.kind, ...o }))] as const;
      }),
    );
    return Object.fromEntries(lists) as ConfigInput;
  }
}
