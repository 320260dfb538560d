// Defaults of the metallb.io kinds: the CRD schemas declare exactly these (api/crds imports them),
// so an object defaulted here looks like one read back from the apiserver.
import type {
  BFDProfile,
  BGPAdvertisement,
  BGPPeer,
  BGPPeerV1beta1,
  IPAddressPool,
  MetalLBObject,
} from './types';

export const IPADDRESSPOOL_DEFAULTS = { autoAssign: true, avoidBuggyIPs: false } as const;
export const BGPADVERTISEMENT_DEFAULTS = { aggregationLength: 32, aggregationLengthV6: 128 } as const;
export const BGPPEER_DEFAULTS = { peerPort: 179, disableMP: false, dualStackAddressFamily: false } as const;
/** FRR's BFD defaults; minimumTtl has none because it only applies to multi-hop sessions. */
export const BFDPROFILE_DEFAULTS = {
  receiveInterval: 300,
  transmitInterval: 300,
  detectMultiplier: 3,
  echoInterval: 50,
  echoMode: false,
  passiveMode: false,
} as const;

/** `defaults` under the values already set (undefined counts as unset, like JSON omission). */
function fill<T extends object>(spec: T | undefined, defaults: Partial<T>): T {
  const out = { ...(spec ?? {}) } as T;
  for (const [k, v] of Object.entries(defaults)) {
    const key = k as keyof T;
    if (out[key] === undefined) out[key] = v as T[keyof T];
  }
  return out;
}

export function withIPAddressPoolDefaults(obj: IPAddressPool): IPAddressPool {
  return { ...obj, spec: fill(obj.spec, IPADDRESSPOOL_DEFAULTS) };
}

export function withBGPAdvertisementDefaults(obj: BGPAdvertisement): BGPAdvertisement {
  return { ...obj, spec: fill(obj.spec, BGPADVERTISEMENT_DEFAULTS) };
}

export function withBGPPeerDefaults<T extends BGPPeer | BGPPeerV1beta1>(obj: T): T {
  return { ...obj, spec: fill(obj.spec, BGPPEER_DEFAULTS) };
}

export function withBFDProfileDefaults(obj: BFDProfile): BFDProfile {
  return { ...obj, spec: fill(obj.spec, BFDPROFILE_DEFAULTS) };
}

/** Any metallb.io object with its kind's defaults applied (kinds without defaults are returned as is). */
export function withDefaults<T extends MetalLBObject | BGPPeerV1beta1>(obj: T): T {
  switch (obj.kind) {
    case 'IPAddressPool':
      return withIPAddressPoolDefaults(obj) as T;
    case 'BGPAdvertisement':
      return withBGPAdvertisementDefaults(obj) as T;
    case 'BGPPeer':
      return withBGPPeerDefaults(obj) as T;
    case 'BFDProfile':
      return withBFDProfileDefaults(obj) as T;
    default:
      return obj;
  }
}
