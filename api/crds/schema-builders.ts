// Small constructors for structural OpenAPI schemas, so each CRD file reads like the type it
// describes. Every property gets a description (what `kubectl explain` prints).
import type { JSONSchemaProps } from './schema-types';

type Extra = Omit<JSONSchemaProps, 'type' | 'description'>;

export function string(description: string, extra: Extra = {}): JSONSchemaProps {
  return { type: 'string', description, ...extra };
}

export function integer(description: string, extra: Extra = {}): JSONSchemaProps {
  return { type: 'integer', format: 'int64', description, ...extra };
}

export function boolean(description: string, extra: Extra = {}): JSONSchemaProps {
  return { type: 'boolean', description, ...extra };
}

export function array(items: JSONSchemaProps, description: string, extra: Extra = {}): JSONSchemaProps {
  return { type: 'array', description, items, ...extra };
}

export function object(
  properties: Record<string, JSONSchemaProps>,
  description: string,
  extra: Extra = {},
): JSONSchemaProps {
  return { type: 'object', description, properties, ...extra };
}

export function stringMap(description: string): JSONSchemaProps {
  return { type: 'object', description, additionalProperties: { type: 'string' } };
}

export function stringList(description: string, itemDescription = description): JSONSchemaProps {
  return array(string(itemDescription), description);
}

/** A metav1.LabelSelector. */
export function labelSelector(description: string): JSONSchemaProps {
  return object(
    {
      matchExpressions: array(
        object(
          {
            key: string('The label key that the selector applies to.'),
            operator: string('How the key relates to the values: In, NotIn, Exists or DoesNotExist.', {
              enum: ['In', 'NotIn', 'Exists', 'DoesNotExist'],
            }),
            values: array(
              string('A label value.'),
              'The values for In and NotIn (non-empty); must be empty for Exists and DoesNotExist.',
              { 'x-kubernetes-list-type': 'atomic' },
            ),
          },
          'A label selector requirement: a key, an operator and values.',
          { required: ['key', 'operator'] },
        ),
        'Label selector requirements; all of them must match (AND).',
        { 'x-kubernetes-list-type': 'atomic' },
      ),
      matchLabels: stringMap(
        'Labels that must all be present with these values (AND with matchExpressions).',
      ),
    },
    description,
    { 'x-kubernetes-map-type': 'atomic' },
  );
}

export function labelSelectorList(description: string, itemDescription: string): JSONSchemaProps {
  return array(labelSelector(itemDescription), description);
}

/** A metav1.Condition list, merged by type. */
export function conditions(description: string): JSONSchemaProps {
  return array(
    object(
      {
        type: string('The condition type, in CamelCase.', { maxLength: 316 }),
        status: string('True, False or Unknown.', { enum: ['True', 'False', 'Unknown'] }),
        reason: string('A CamelCase reason for the last transition.', { maxLength: 1024 }),
        message: string('A human-readable message about the last transition.', { maxLength: 32768 }),
        lastTransitionTime: string('When the condition last changed status.', { format: 'date-time' }),
        observedGeneration: integer('The metadata.generation the condition was computed from.', {
          minimum: 0,
        }),
      },
      'One aspect of the current state.',
      { required: ['type', 'status', 'reason', 'message', 'lastTransitionTime'] },
    ),
    description,
    { 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['type'] },
  );
}

/** A field that may never change once set (`self == oldSelf`). */
export function immutable<T extends JSONSchemaProps>(schema: T, message = 'Value is immutable'): T {
  return {
    ...schema,
    'x-kubernetes-validations': [
      ...(schema['x-kubernetes-validations'] ?? []),
      { rule: 'self == oldSelf', message },
    ],
  };
}

/** The spec of status-only kinds. */
export const EMPTY_SPEC: JSONSchemaProps = object({}, 'Unused: the object carries only status.');
