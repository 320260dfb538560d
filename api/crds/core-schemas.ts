// Schemas of the core/v1 types the MetalLB CR embeds (Toleration, Affinity, ResourceRequirements),
// written compactly. Scheduling weights carry their 1-100 range so the apiserver refuses bad values
// at once instead of when the operator creates the pods.
import { QUANTITY_PATTERN, TAINT_EFFECTS, TOLERATION_OPERATORS } from '../validation/metallb-instance';
import { array, integer, labelSelector, object, string, stringList } from './schema-builders';
import type { JSONSchemaProps } from './schema-types';

export function tolerations(description: string): JSONSchemaProps {
  return array(
    object(
      {
        key: string('The taint key; empty with operator Exists tolerates every taint.'),
        operator: string('Exists or Equal (the default).', { enum: [...TOLERATION_OPERATORS] }),
        value: string('The taint value to match with operator Equal.'),
        effect: string('The taint effect to match; empty matches every effect.', {
          enum: ['', ...TAINT_EFFECTS],
        }),
        tolerationSeconds: integer(
          'With effect NoExecute: how long the pod stays bound after the taint appears.',
        ),
      },
      'A toleration.',
    ),
    description,
  );
}

const nodeSelectorRequirement = object(
  {
    key: string('The label or field key.'),
    operator: string('In, NotIn, Exists, DoesNotExist, Gt or Lt.', {
      enum: ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'],
    }),
    values: stringList('The values.', 'A value.'),
  },
  'A node selector requirement.',
  { required: ['key', 'operator'] },
);

const nodeSelectorTerm = object(
  {
    matchExpressions: array(nodeSelectorRequirement, 'Requirements on node labels.'),
    matchFields: array(nodeSelectorRequirement, 'Requirements on node fields.'),
  },
  'A node selector term; its requirements are ANDed.',
  { 'x-kubernetes-map-type': 'atomic' },
);

function weight(): JSONSchemaProps {
  return integer('Weight of this preference, 1-100.', { minimum: 1, maximum: 100 });
}

const podAffinityTerm = object(
  {
    labelSelector: labelSelector('The pods this term applies to.'),
    namespaceSelector: labelSelector('The namespaces this term applies to.'),
    namespaces: stringList('Namespaces this term applies to.', 'A namespace name.'),
    topologyKey: string('The node label defining co-location (e.g. kubernetes.io/hostname).'),
    matchLabelKeys: stringList('Pod label keys whose values are added to labelSelector.', 'A label key.'),
    mismatchLabelKeys: stringList(
      'Pod label keys whose values are excluded through labelSelector.',
      'A label key.',
    ),
  },
  'Pods (in namespaces) relative to which this pod is placed.',
  { required: ['topologyKey'] },
);

function podAffinity(description: string): JSONSchemaProps {
  return object(
    {
      requiredDuringSchedulingIgnoredDuringExecution: array(podAffinityTerm, 'Hard requirements.'),
      preferredDuringSchedulingIgnoredDuringExecution: array(
        object({ weight: weight(), podAffinityTerm }, 'A weighted pod affinity term.', {
          required: ['weight', 'podAffinityTerm'],
        }),
        'Soft preferences.',
      ),
    },
    description,
  );
}

export function affinity(description: string): JSONSchemaProps {
  return object(
    {
      nodeAffinity: object(
        {
          requiredDuringSchedulingIgnoredDuringExecution: object(
            { nodeSelectorTerms: array(nodeSelectorTerm, 'The terms, ORed.') },
            'Hard requirement on the node.',
            { required: ['nodeSelectorTerms'], 'x-kubernetes-map-type': 'atomic' },
          ),
          preferredDuringSchedulingIgnoredDuringExecution: array(
            object({ weight: weight(), preference: nodeSelectorTerm }, 'A weighted node preference.', {
              required: ['weight', 'preference'],
            }),
            'Soft preferences on the node.',
          ),
        },
        'Node affinity rules.',
      ),
      podAffinity: podAffinity('Co-locate with other pods.'),
      podAntiAffinity: podAffinity('Keep away from other pods.'),
    },
    description,
  );
}

function quantities(description: string): JSONSchemaProps {
  return {
    type: 'object',
    description,
    additionalProperties: {
      anyOf: [{ type: 'integer' }, { type: 'string' }],
      pattern: QUANTITY_PATTERN,
      'x-kubernetes-int-or-string': true,
    },
  };
}

export function resources(description: string): JSONSchemaProps {
  return object(
    {
      limits: quantities('Maximum amounts of compute resources, e.g. cpu: 200m, memory: 512Mi.'),
      requests: quantities('Minimum amounts of compute resources.'),
    },
    description,
  );
}
