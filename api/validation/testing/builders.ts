// Test-only object builders: short, typed constructors for the tables.
import type {
  BFDProfile,
  BFDProfileSpec,
  BGPAdvertisement,
  BGPAdvertisementSpec,
  BGPPeer,
  BGPPeerSpecV1beta2,
  Community,
  IPAddressPool,
  IPAddressPoolSpec,
  L2Advertisement,
  L2AdvertisementSpec,
} from '../../types';
import type { LabeledObject, SecretInput } from '../config-input';

export const NS = 'metallb-system';

function meta(name: string, labels?: Record<string, string>) {
  return labels ? { name, namespace: NS, labels } : { name, namespace: NS };
}

export function pool(
  name: string,
  addresses: string[],
  spec: Partial<IPAddressPoolSpec> = {},
  labels?: Record<string, string>,
): IPAddressPool {
  return {
    apiVersion: 'metallb.io/v1beta1',
    kind: 'IPAddressPool',
    metadata: meta(name, labels),
    spec: { addresses, ...spec },
  };
}

export function l2(name: string, spec: L2AdvertisementSpec = {}): L2Advertisement {
  return { apiVersion: 'metallb.io/v1beta1', kind: 'L2Advertisement', metadata: meta(name), spec };
}

export function bgpAd(name: string, spec: BGPAdvertisementSpec = {}): BGPAdvertisement {
  return { apiVersion: 'metallb.io/v1beta1', kind: 'BGPAdvertisement', metadata: meta(name), spec };
}

/** An eBGP peer 64512 -> 64513 at 10.0.0.1 unless overridden. */
export function peer(name: string, spec: Partial<BGPPeerSpecV1beta2> = {}): BGPPeer {
  return {
    apiVersion: 'metallb.io/v1beta2',
    kind: 'BGPPeer',
    metadata: meta(name),
    spec: { myASN: 64512, peerASN: 64513, peerAddress: '10.0.0.1', ...spec },
  };
}

export function bfd(name: string, spec: BFDProfileSpec = {}): BFDProfile {
  return { apiVersion: 'metallb.io/v1beta1', kind: 'BFDProfile', metadata: meta(name), spec };
}

export function community(name: string, aliases: [string, string][]): Community {
  return {
    apiVersion: 'metallb.io/v1beta1',
    kind: 'Community',
    metadata: meta(name),
    spec: { communities: aliases.map(([n, value]) => ({ name: n, value })) },
  };
}

export function secret(
  name: string,
  type: string,
  data: Record<string, string> = { password: 'c2VjcmV0' },
): SecretInput {
  return { metadata: { name, namespace: NS }, type, data };
}

export function node(name: string, labels: Record<string, string> = {}): LabeledObject {
  return { metadata: { name, labels } };
}

export function namespace(name: string, labels: Record<string, string> = {}): LabeledObject {
  return { metadata: { name, labels } };
}
