import { ADVERTISEMENT_COLUMNS, poolSelectionFields } from './advertisement-fields';
import { defineCRD } from './define-crd';
import { array, integer, labelSelector, labelSelectorList, object, stringList } from './schema-builders';

export const l2AdvertisementCRD = defineCRD({
  kind: 'L2Advertisement',
  plural: 'l2advertisements',
  shortNames: ['l2adv'],
  versions: [
    {
      name: 'v1beta1',
      storage: true,
      description:
        'L2Advertisement announces the IPs of the selected pools in layer 2 mode: one node answers ARP (IPv4) and NDP (IPv6) for each IP.',
      spec: object(
        {
          ...poolSelectionFields('layer 2'),
          nodeSelectors: labelSelectorList(
            'Label selectors for the nodes allowed to announce (a node matches if any selector matches). Empty means every node.',
            'A node label selector.',
          ),
          interfaces: stringList(
            'Network interfaces to announce from. Empty means every interface.',
            'A network interface name, e.g. eth0.',
          ),
          serviceSelectors: labelSelectorList(
            'Label selectors limiting the advertisement to matching Services (any selector). Services sharing an IP are not announced by an advertisement with serviceSelectors.',
            'A Service label selector.',
          ),
          preferredNodeSelectors: array(
            object(
              {
                weight: integer('Added to the score of every eligible node the preference matches, 1-100.', {
                  minimum: 1,
                  maximum: 100,
                }),
                preference: labelSelector('The nodes this preference applies to.'),
              },
              'A weighted node preference.',
              { required: ['weight', 'preference'] },
            ),
            'Soft preferences in the choice of the announcing node: among the nodes allowed by nodeSelectors, the one with the highest summed weight is chosen.',
          ),
        },
        'Which pools to announce in layer 2 mode, from which nodes and interfaces.',
      ),
      printerColumns: [
        ...ADVERTISEMENT_COLUMNS,
        { name: 'Interfaces', type: 'string', jsonPath: '.spec.interfaces' },
        { name: 'Node Selectors', type: 'string', jsonPath: '.spec.nodeSelectors', priority: 10 },
      ],
    },
  ],
});
