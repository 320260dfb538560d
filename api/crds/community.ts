import { defineCRD } from './define-crd';
import { array, object, string } from './schema-builders';

export const communityCRD = defineCRD({
  kind: 'Community',
  plural: 'communities',
  shortNames: ['bgpcomm'],
  versions: [
    {
      name: 'v1beta1',
      storage: true,
      description:
        'Community defines names (aliases) for BGP community values, usable in BGPAdvertisement communities.',
      spec: object(
        {
          communities: array(
            object(
              {
                name: string(
                  'The alias, used in BGPAdvertisement spec.communities. Unique across all Community objects.',
                  {
                    minLength: 1,
                  },
                ),
                value: string(
                  'The community: "AS:value" (each 0-65535) or "large:global:local1:local2" (each 0-4294967295).',
                ),
              },
              'One alias and its community value.',
              { required: ['name', 'value'] },
            ),
            'The aliases this object defines.',
          ),
        },
        'A list of community aliases.',
      ),
    },
  ],
});
