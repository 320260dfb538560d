// The pool and node selection fields L2Advertisement and BGPAdvertisement share.
import { labelSelectorList, stringList } from './schema-builders';
import type { JSONSchemaProps, PrinterColumn } from './schema-types';

export function poolSelectionFields(protocol: string): Record<string, JSONSchemaProps> {
  return {
    ipAddressPools: stringList(
      `Names of the IPAddressPools announced via ${protocol}. With neither ipAddressPools nor ipAddressPoolSelectors, every pool is announced.`,
      'An IPAddressPool name.',
    ),
    ipAddressPoolSelectors: labelSelectorList(
      `Label selectors for the IPAddressPools announced via ${protocol} (in addition to ipAddressPools).`,
      'An IPAddressPool label selector.',
    ),
  };
}

export const ADVERTISEMENT_COLUMNS: PrinterColumn[] = [
  { name: 'IPAddressPools', type: 'string', jsonPath: '.spec.ipAddressPools' },
  { name: 'IPAddressPool Selectors', type: 'string', jsonPath: '.spec.ipAddressPoolSelectors' },
];
