// L2Advertisement form values <-> object.
import type { L2Advertisement } from '../../../api/types';
import {
  advertisedPoolsSpec,
  advertisedPoolsValues,
  type AdvertisedPoolsValues,
} from '../../forms/advertised-pools';
import { selectorsOf, selectorValue, type SelectorValue } from '../../forms/selector-field';
import { cleanList, compact, formMetadata } from '../../forms/values';

export interface L2FormValues extends AdvertisedPoolsValues {
  name: string;
  interfaces: string[];
  nodeSelector: SelectorValue;
}

export function emptyL2(): L2FormValues {
  return {
    name: '',
    ...advertisedPoolsValues(undefined),
    interfaces: [],
    nodeSelector: selectorValue(undefined),
  };
}

export function l2FromObject(obj: L2Advertisement): L2FormValues {
  const s = obj.spec ?? {};
  return {
    name: obj.metadata?.name ?? '',
    ...advertisedPoolsValues(s),
    interfaces: [...(s.interfaces ?? [])],
    nodeSelector: selectorValue(s.nodeSelectors),
  };
}

export function l2ToObject(v: L2FormValues, namespace: string, base?: L2Advertisement): L2Advertisement {
  const b = base?.spec;
  return {
    apiVersion: 'metallb.io/v1beta1',
    kind: 'L2Advertisement',
    metadata: formMetadata(v.name, namespace, base),
    spec: compact({
      ...b,
      ...advertisedPoolsSpec(v, b),
      interfaces: cleanList(v.interfaces),
      nodeSelectors: selectorsOf(v.nodeSelector, b?.nodeSelectors),
    }),
  };
}
