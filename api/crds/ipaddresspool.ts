import { IPADDRESSPOOL_DEFAULTS } from '../defaults';
import { defineCRD } from './define-crd';
import { array, boolean, integer, labelSelectorList, object, string, stringList } from './schema-builders';

export const ipAddressPoolCRD = defineCRD({
  kind: 'IPAddressPool',
  plural: 'ipaddresspools',
  shortNames: ['ipap'],
  versions: [
    {
      name: 'v1beta1',
      storage: true,
      description:
        'IPAddressPool is a set of IP addresses that MetalLB can assign to Services of type LoadBalancer.',
      specRequired: true,
      spec: object(
        {
          addresses: array(
            string(
              'A CIDR ("192.168.10.0/24", "fc00:f853:ccd:e799::/124") or an inclusive range "start-end" ("192.168.9.1-192.168.9.5"). A single IP is written "1.1.1.1-1.1.1.1" or "1.1.1.1/32".',
            ),
            'The addresses of the pool: CIDRs and start-end ranges, IPv4 and IPv6, in any mix. No address may belong to two pools.',
            { minItems: 1 },
          ),
          autoAssign: boolean(
            'Whether MetalLB assigns addresses from this pool automatically. When false, the pool is used only when a Service asks for it (metallb.io/address-pool annotation) or for one of its IPs.',
            { default: IPADDRESSPOOL_DEFAULTS.autoAssign },
          ),
          avoidBuggyIPs: boolean(
            'Whether to skip IPv4 addresses ending in .0 or .255, which some old consumer devices drop.',
            { default: IPADDRESSPOOL_DEFAULTS.avoidBuggyIPs },
          ),
          serviceAllocation: object(
            {
              priority: integer(
                'Priority of this pool among the pools matching a Service: a lower non-zero number is tried first; 0 means no priority (tried after prioritized pools).',
                { minimum: 0 },
              ),
              namespaces: stringList(
                'Namespaces whose Services may get addresses from this pool.',
                'A namespace name.',
              ),
              namespaceSelectors: labelSelectorList(
                'Label selectors for the namespaces whose Services may get addresses from this pool.',
                'A namespace label selector.',
              ),
              serviceSelectors: labelSelectorList(
                'Label selectors for the Services that may get addresses from this pool (a Service matches if any selector matches). ANDed with the namespace restriction.',
                'A Service label selector.',
              ),
            },
            'Restricts the pool to some Services or namespaces and orders it among other pools. Without it the pool serves every Service.',
          ),
        },
        'The addresses of the pool and how MetalLB assigns them.',
        { required: ['addresses'] },
      ),
      status: object(
        {
          assignedIPv4: integer(
            'Number of IPv4 addresses of the pool assigned to Services (a shared IP counts once).',
          ),
          assignedIPv6: integer(
            'Number of IPv6 addresses of the pool assigned to Services (a shared IP counts once).',
          ),
          availableIPv4: integer('Number of IPv4 addresses of the pool still available.'),
          availableIPv6: integer('Number of IPv6 addresses of the pool still available.'),
        },
        'Usage counters maintained by the MetalLB controller.',
      ),
      printerColumns: [
        { name: 'Auto Assign', type: 'boolean', jsonPath: '.spec.autoAssign' },
        { name: 'Avoid Buggy IPs', type: 'boolean', jsonPath: '.spec.avoidBuggyIPs' },
        { name: 'Addresses', type: 'string', jsonPath: '.spec.addresses' },
      ],
    },
  ],
});
