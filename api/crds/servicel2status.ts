import { defineCRD } from './define-crd';
import { EMPTY_SPEC, array, object, string } from './schema-builders';
import { SERVICE_COLUMNS, serviceStatusFields } from './service-status-fields';

export const serviceL2StatusCRD = defineCRD({
  kind: 'ServiceL2Status',
  plural: 'servicel2statuses',
  shortNames: ['l2status'],
  versions: [
    {
      name: 'v1beta1',
      storage: true,
      description:
        'ServiceL2Status shows which node answers for a LoadBalancer Service in layer 2 mode. Written by the announcing speaker.',
      spec: EMPTY_SPEC,
      status: object(
        {
          ...serviceStatusFields(),
          interfaces: array(
            object({ name: string('The interface name.') }, 'A network interface.'),
            'The interfaces the Service is announced on; empty when announced on every interface.',
          ),
        },
        'The announcing node and interfaces.',
      ),
      printerColumns: [
        { name: 'Allocated Node', type: 'string', jsonPath: '.status.node' },
        ...SERVICE_COLUMNS,
      ],
    },
  ],
});
