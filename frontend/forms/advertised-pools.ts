// Which pools an advertisement (L2 or BGP) announces, as form values: the pool names (starting
// with one empty row to type into) and one pool selector.
import type { LabelSelector } from '../../api/types';
import { selectorsOf, selectorValue, type SelectorValue } from './selector-field';
import { cleanList } from './values';

export interface AdvertisedPoolsValues {
  ipAddressPools: string[];
  poolSelector: SelectorValue;
}

interface AdvertisedPoolsSpec {
  ipAddressPools?: string[];
  ipAddressPoolSelectors?: LabelSelector[];
}

/** The values for a stored spec (or a new object's, without one). */
export function advertisedPoolsValues(spec: AdvertisedPoolsSpec | undefined): AdvertisedPoolsValues {
  return {
    ipAddressPools: spec?.ipAddressPools?.length ? [...spec.ipAddressPools] : [''],
    poolSelector: selectorValue(spec?.ipAddressPoolSelectors),
  };
}

/** The spec fields for the values; selectors the form cannot show are kept from `stored`. */
export function advertisedPoolsSpec(
  v: AdvertisedPoolsValues,
  stored: AdvertisedPoolsSpec | undefined,
): AdvertisedPoolsSpec {
  return {
    ipAddressPools: cleanList(v.ipAddressPools),
    ipAddressPoolSelectors: selectorsOf(v.poolSelector, stored?.ipAddressPoolSelectors),
  };
}
