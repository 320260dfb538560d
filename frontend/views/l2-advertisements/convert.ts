// L2Advertisement form values <-> object.
import type { L2Advertisement } from '../../../api/types';
import { selectorsOf, selectorValue, type SelectorValue } from '../../forms/selector-field';
import { cleanList, compact } from '../../forms/values';

export interface L2FormValues {
  name: string;
  ipAddressPools: string[];
  poolSelector: SelectorValue;
  interfaces: string[];
  nodeSelector: SelectorValue;
}

export function emptyL2(): L2FormValues {
  return {
    name: '',
    ipAddressPools: [''],
    poolSelector: selectorValue(undefined),
    interfaces: [],
    nodeSelector: selectorValue(undefined),
  };
}

export function l2FromObject(obj: L2Advertisement): L2FormValues {
  const s = obj.spec ?? {};
  return {
    name: obj.metadata?.name ?? '',
    ipAddressPools: s.ipAddressPools?.length ? [...s.ipAddressPools] : [''],
    poolSelector: selectorValue(s.ipAddressPoolSelectors),
    interfaces: [...(s.interfaces ?? [])],
    nodeSelector: selectorValue(s.nodeSelectors),
  };
}

export function l2ToObject(v: L2FormValues, namespace: string, base?: L2Advertisement): L2Advertisement {
  const b = base?.spec;
  return {
    apiVersion: 'metallb.io/v1beta1',
    kind: 'L2Advertisement',
    metadata: { ...base?.metadata, name: v.name.trim(), namespace },
    spec: compact({
      ...b,
      ipAddressPools: cleanList(v.ipAddressPools),
      ipAddressPoolSelectors: selectorsOf(v.poolSelector, b?.ipAddressPoolSelectors),
      interfaces: cleanList(v.interfaces),
      nodeSelectors: selectorsOf(v.nodeSelector, b?.nodeSelectors),
    }),
  };
}
