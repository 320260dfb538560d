// A CRD's structural schema as a plain JSON Schema (draft-07) that ajv and other validators
// understand: Kubernetes extensions and formats are dropped, and, optionally, unknown fields are
// refused instead of pruned, which is how the tests prove the schema covers every typed field.
// CEL rules (x-kubernetes-validations) are not translated; see collectValidationRules.
import type { JSONSchemaProps, ValidationRule } from './schema-types';

export interface JSONSchemaOptions {
  /** Refuse properties the schema does not declare (the apiserver silently prunes them). */
  rejectUnknownFields?: boolean;
}

export function toJSONSchema(schema: JSONSchemaProps, opts: JSONSchemaOptions = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key.startsWith('x-kubernetes-') || key === 'format' || key === 'nullable') continue;
    if (key === 'properties') {
      out.properties = Object.fromEntries(
        Object.entries(value as Record<string, JSONSchemaProps>).map(([k, v]) => [k, toJSONSchema(v, opts)]),
      );
    } else if (key === 'items' || (key === 'additionalProperties' && typeof value === 'object')) {
      out[key] = toJSONSchema(value as JSONSchemaProps, opts);
    } else if (key === 'anyOf') {
      out.anyOf = (value as JSONSchemaProps[]).map((v) => toJSONSchema(v, opts));
    } else {
      out[key] = value;
    }
  }
  if (schema.nullable && typeof out.type === 'string') out.type = [out.type, 'null'];
  // Objects with declared properties are closed; `metadata` (no properties) stays the apiserver's business.
  if (
    opts.rejectUnknownFields &&
    schema.type === 'object' &&
    schema.properties &&
    schema.additionalProperties === undefined &&
    !schema['x-kubernetes-preserve-unknown-fields']
  ) {
    out.additionalProperties = false;
  }
  return out;
}

export interface LocatedRule extends ValidationRule {
  /** JSON path of the value the rule is evaluated on (`self`), with [*] for array items. */
  path: string;
}

/** Every CEL rule of a schema with where it applies. */
export function collectValidationRules(schema: JSONSchemaProps, path = ''): LocatedRule[] {
  const out: LocatedRule[] = (schema['x-kubernetes-validations'] ?? []).map((r) => ({ ...r, path }));
  for (const [k, v] of Object.entries(schema.properties ?? {})) {
    out.push(...collectValidationRules(v, path ? `${path}.${k}` : k));
  }
  if (schema.items) out.push(...collectValidationRules(schema.items, `${path}[*]`));
  if (typeof schema.additionalProperties === 'object') {
    out.push(...collectValidationRules(schema.additionalProperties, `${path}[*]`));
  }
  return out;
}
