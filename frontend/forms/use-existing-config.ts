// The MetalLB namespace's configuration as the validation core takes it, kept current by
// watches, and the BGP implementation it should assume (from the MetalLB instance).
import { useMemo } from 'react';
import type {
  BFDProfile,
  BGPAdvertisement,
  BGPPeer,
  Community,
  IPAddressPool,
  L2Advertisement,
  MetalLB,
} from '../../api/types';
import type { BGPType, ConfigInput } from '../../api/validation';
import {
  BFDProfileModel,
  BGPAdvertisementModel,
  BGPPeerModel,
  CommunityModel,
  IPAddressPoolModel,
  L2AdvertisementModel,
  MetalLBModel,
} from '../models';
import { useWatchList } from '../k8s/watch';
import type { K8sModel } from '@openshift-console/dynamic-plugin-sdk';

function useList<T>(model: K8sModel, namespace: string): [T[], boolean] {
  const { data, loaded } = useWatchList<T>(model, namespace);
  return [data, loaded];
}

export function bgpTypeOf(instances: readonly MetalLB[]): BGPType {
  const backend = instances[0]?.spec?.bgpBackend;
  if (backend === 'frr') return 'frr';
  if (backend === 'frr-k8s' || backend === 'frr-k8s-external') return 'frr-k8s';
  return 'native';
}

export function useExistingConfig(namespace: string): {
  config: ConfigInput;
  bgpType: BGPType;
  loaded: boolean;
} {
  const [ipAddressPools, l1] = useList<IPAddressPool>(IPAddressPoolModel, namespace);
  const [l2Advertisements, l2] = useList<L2Advertisement>(L2AdvertisementModel, namespace);
  const [bgpAdvertisements, l3] = useList<BGPAdvertisement>(BGPAdvertisementModel, namespace);
  const [bgpPeers, l4] = useList<BGPPeer>(BGPPeerModel, namespace);
  const [bfdProfiles, l5] = useList<BFDProfile>(BFDProfileModel, namespace);
  const [communities, l6] = useList<Community>(CommunityModel, namespace);
  const [instances] = useList<MetalLB>(MetalLBModel, namespace);
  const config = useMemo(
    () => ({ ipAddressPools, l2Advertisements, bgpAdvertisements, bgpPeers, bfdProfiles, communities }),
    [ipAddressPools, l2Advertisements, bgpAdvertisements, bgpPeers, bfdProfiles, communities],
  );
  return { config, bgpType: bgpTypeOf(instances), loaded: l1 && l2 && l3 && l4 && l5 && l6 };
}
