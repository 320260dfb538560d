import { BGPADVERTISEMENT_DEFAULTS } from '../defaults';
import { ADVERTISEMENT_COLUMNS, poolSelectionFields } from './advertisement-fields';
import { defineCRD } from './define-crd';
import { integer, labelSelectorList, object, stringList } from './schema-builders';

const { aggregationLength: V4, aggregationLengthV6: V6 } = BGPADVERTISEMENT_DEFAULTS;

/** serviceSelectors select single Services, which an aggregated prefix would not respect. */
export const SERVICE_SELECTORS_RULE =
  `!has(self.serviceSelectors) || size(self.serviceSelectors) == 0 || ` +
  `((!has(self.aggregationLength) || self.aggregationLength == ${V4}) && ` +
  `(!has(self.aggregationLengthV6) || self.aggregationLengthV6 == ${V6}))`;

export const bgpAdvertisementCRD = defineCRD({
  kind: 'BGPAdvertisement',
  plural: 'bgpadvertisements',
  shortNames: ['bgpadv'],
  versions: [
    {
      name: 'v1beta1',
      storage: true,
      description:
        'BGPAdvertisement announces the IPs of the selected pools to BGP peers, with optional BGP attributes.',
      spec: object(
        {
          aggregationLength: integer(
            `The prefix length advertised for IPv4 addresses: ${V4} advertises each IP, shorter lengths advertise the enclosing prefix. Must not be shorter than the widest CIDR of the selected pools.`,
            { minimum: 1, maximum: 32, default: V4 },
          ),
          aggregationLengthV6: integer(
            `The prefix length advertised for IPv6 addresses (${V6} advertises each IP).`,
            { minimum: 1, maximum: 128, default: V6 },
          ),
          localPref: integer(
            'The BGP LOCAL_PREF attribute, sent to iBGP peers. Advertisements of the same prefixes to the same peers from the same nodes must agree on it.',
            { minimum: 0, maximum: 4294967295 },
          ),
          communities: stringList(
            'BGP communities attached to the advertisement: "AS:value" (each 0-65535), "large:global:local1:local2" (each 0-4294967295), or the name of an alias defined by a Community object.',
            'A community literal or a Community alias name.',
          ),
          ...poolSelectionFields('BGP'),
          nodeSelectors: labelSelectorList(
            'Label selectors for the nodes that advertise (the next hops). Empty means every node.',
            'A node label selector.',
          ),
          peers: stringList(
            'Names of the BGPPeers to advertise to. Empty means every peer.',
            'A BGPPeer name.',
          ),
          serviceSelectors: labelSelectorList(
            'Label selectors limiting the advertisement to matching Services (any selector). Only allowed with the default aggregation lengths.',
            'A Service label selector.',
          ),
        },
        'Which pools to advertise over BGP, to which peers, from which nodes and with which attributes.',
        {
          // An omitted spec (advertise every pool) still gets the aggregation defaults.
          default: {},
          'x-kubernetes-validations': [
            {
              rule: SERVICE_SELECTORS_RULE,
              message: `serviceSelectors can only be used with the default aggregation lengths (aggregationLength ${V4}, aggregationLengthV6 ${V6})`,
            },
          ],
        },
      ),
      printerColumns: [
        ...ADVERTISEMENT_COLUMNS,
        { name: 'Peers', type: 'string', jsonPath: '.spec.peers' },
        { name: 'Node Selectors', type: 'string', jsonPath: '.spec.nodeSelectors', priority: 10 },
      ],
    },
  ],
});
