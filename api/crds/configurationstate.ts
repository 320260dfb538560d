import { AGE_COLUMN, defineCRD } from './define-crd';
import { EMPTY_SPEC, conditions, object, string } from './schema-builders';

export const configurationStateCRD = defineCRD({
  kind: 'ConfigurationState',
  plural: 'configurationstates',
  shortNames: ['cfgstate'],
  versions: [
    {
      name: 'v1beta1',
      storage: true,
      description:
        'ConfigurationState reports whether a MetalLB component (the controller, or the speaker of one node) could load the current configuration.',
      spec: EMPTY_SPEC,
      status: object(
        {
          result: string('Valid, Invalid, or Unknown (not reported yet).', {
            enum: ['Valid', 'Invalid', 'Unknown'],
          }),
          errorSummary: string('The configuration errors, when result is Invalid.'),
          conditions: conditions(
            'The conditions of the component reconcilers (configReconcilerValid, poolReconcilerValid).',
          ),
        },
        'The validation result.',
      ),
      printerColumns: [
        { name: 'Result', type: 'string', jsonPath: '.status.result' },
        { name: 'ErrorSummary', type: 'string', jsonPath: '.status.errorSummary', priority: 10 },
        AGE_COLUMN,
      ],
    },
  ],
});
