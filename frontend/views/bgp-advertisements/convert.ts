// BGPAdvertisement form values <-> object.
import type { BGPAdvertisement } from '../../../api/types';
import { selectorsOf, selectorValue, type SelectorValue } from '../../forms/selector-field';
import { cleanList, compact, intText, optionalInt } from '../../forms/values';

export interface BGPAdFormValues {
  name: string;
  ipAddressPools: string[];
  poolSelector: SelectorValue;
  peers: string[];
  communities: string[];
  aggregationLength: string;
  aggregationLengthV6: string;
  localPref: string;
  nodeSelector: SelectorValue;
}

export function emptyBGPAd(): BGPAdFormValues {
  return {
    name: '',
    ipAddressPools: [''],
    poolSelector: selectorValue(undefined),
    peers: [],
    communities: [],
    aggregationLength: '',
    aggregationLengthV6: '',
    localPref: '',
    nodeSelector: selectorValue(undefined),
  };
}

export function bgpAdFromObject(obj: BGPAdvertisement): BGPAdFormValues {
  const s = obj.spec ?? {};
  return {
    name: obj.metadata?.name ?? '',
    ipAddressPools: s.ipAddressPools?.length ? [...s.ipAddressPools] : [''],
    poolSelector: selectorValue(s.ipAddressPoolSelectors),
    peers: [...(s.peers ?? [])],
    communities: [...(s.communities ?? [])],
    aggregationLength: intText(s.aggregationLength),
    aggregationLengthV6: intText(s.aggregationLengthV6),
    localPref: intText(s.localPref),
    nodeSelector: selectorValue(s.nodeSelectors),
  };
}

export function bgpAdToObject(
  v: BGPAdFormValues,
  namespace: string,
  base?: BGPAdvertisement,
): BGPAdvertisement {
  const b = base?.spec;
  return {
    apiVersion: 'metallb.io/v1beta1',
    kind: 'BGPAdvertisement',
    metadata: { ...base?.metadata, name: v.name.trim(), namespace },
    spec: compact({
      ...b,
      ipAddressPools: cleanList(v.ipAddressPools),
      ipAddressPoolSelectors: selectorsOf(v.poolSelector, b?.ipAddressPoolSelectors),
      peers: cleanList(v.peers),
      communities: cleanList(v.communities),
      aggregationLength: optionalInt(v.aggregationLength),
      aggregationLengthV6: optionalInt(v.aggregationLengthV6),
      localPref: optionalInt(v.localPref),
      nodeSelectors: selectorsOf(v.nodeSelector, b?.nodeSelectors),
    }),
  };
}
