// The input of the validation core: every metallb.io object of the MetalLB namespace, plus the few
// core objects some rules need. A list left `undefined` means "not known" (reference checks against
// it are skipped); an empty list means "known to be empty".
import type {
  BFDProfile,
  BGPAdvertisement,
  BGPPeer,
  Community,
  IPAddressPool,
  L2Advertisement,
  ObjectMeta,
} from '../types';
import type { ObjectRef } from './issues';

/** The subset of a core/v1 Node or Namespace the selectors need. */
export interface LabeledObject {
  metadata: Pick<ObjectMeta, 'name' | 'namespace' | 'labels'>;
}

/** The subset of a core/v1 Secret the password rules need (`data` is base64, `stringData` plain). */
export interface SecretInput {
  metadata: Pick<ObjectMeta, 'name' | 'namespace'>;
  type?: string;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

export interface ConfigInput {
  ipAddressPools?: IPAddressPool[];
  l2Advertisements?: L2Advertisement[];
  bgpAdvertisements?: BGPAdvertisement[];
  bgpPeers?: BGPPeer[];
  bfdProfiles?: BFDProfile[];
  communities?: Community[];
  secrets?: SecretInput[];
  nodes?: LabeledObject[];
  namespaces?: LabeledObject[];
}

/**
 * Which BGP implementation runs (upstream METALLB_BGP_TYPE): `native` is our TypeScript speaker, which
 * does not implement a few BGPPeer fields yet (native-backend.ts); `frr` and `frr-k8s` accept them all.
 */
export type BGPType = 'native' | 'frr' | 'frr-k8s';

export interface ValidateOptions {
  /** The MetalLB namespace: password secrets must live there. */
  namespace: string;
  bgpType: BGPType;
  /** The object being admitted: pairwise conflicts are reported on it rather than on the other object. */
  focus?: ObjectRef;
}
