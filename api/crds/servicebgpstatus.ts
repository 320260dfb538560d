import { defineCRD } from './define-crd';
import { EMPTY_SPEC, object, stringList } from './schema-builders';
import { SERVICE_COLUMNS, serviceStatusFields } from './service-status-fields';

export const serviceBGPStatusCRD = defineCRD({
  kind: 'ServiceBGPStatus',
  plural: 'servicebgpstatuses',
  shortNames: ['bgpstatus'],
  versions: [
    {
      name: 'v1beta1',
      storage: true,
      description:
        'ServiceBGPStatus shows, for one Service and one node, the BGPPeers the node is configured to advertise the Service to.',
      spec: EMPTY_SPEC,
      status: object(
        {
          ...serviceStatusFields(),
          peers: stringList(
            'The names of the BGPPeers the Service is advertised to from this node.',
            'A BGPPeer name.',
          ),
        },
        'The advertising node and its peers.',
      ),
      printerColumns: [{ name: 'Node', type: 'string', jsonPath: '.status.node' }, ...SERVICE_COLUMNS],
    },
  ],
});
