// BGPAdvertisement form values <-> object.
import type { BGPAdvertisement } from '../../../api/types';
import {
  advertisedPoolsSpec,
  advertisedPoolsValues,
  type AdvertisedPoolsValues,
} from '../../forms/advertised-pools';
import { selectorsOf, selectorValue, type SelectorValue } from '../../forms/selector-field';
import { cleanList, compact, intText, optionalInt, formMetadata } from '../../forms/values';

export interface BGPAdFormValues extends AdvertisedPoolsValues {
  name: string;
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
    ...advertisedPoolsValues(undefined),
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
    ...advertisedPoolsValues(s),
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
    metadata: formMetadata(v.name, namespace, base),
    spec: compact({
      ...b,
      ...advertisedPoolsSpec(v, b),
      peers: cleanList(v.peers),
      communities: cleanList(v.communities),
      aggregationLength: optionalInt(v.aggregationLength),
      aggregationLengthV6: optionalInt(v.aggregationLengthV6),
      localPref: optionalInt(v.localPref),
      nodeSelectors: selectorsOf(v.nodeSelector, b?.nodeSelectors),
    }),
  };
}
