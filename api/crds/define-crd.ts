// One CRD from its names, versions and schemas: the root object (apiVersion, kind, metadata, spec,
// status), the status subresource when there is a status, printer columns.
import { GROUP } from '../types';
import { object, string } from './schema-builders';
import type { CRDVersion, CustomResourceDefinition, JSONSchemaProps, PrinterColumn } from './schema-types';

export interface VersionInput {
  name: string;
  served?: boolean;
  storage: boolean;
  deprecationWarning?: string;
  description: string;
  spec?: JSONSchemaProps;
  /** Required when the kind cannot exist without a spec (e.g. a pool needs addresses). */
  specRequired?: boolean;
  status?: JSONSchemaProps;
  printerColumns?: PrinterColumn[];
}

export interface CRDInput {
  kind: string;
  plural: string;
  shortNames?: string[];
  versions: VersionInput[];
  conversion?: CustomResourceDefinition['spec']['conversion'];
}

export const AGE_COLUMN: PrinterColumn = {
  name: 'Age',
  type: 'date',
  jsonPath: '.metadata.creationTimestamp',
};

function version(v: VersionInput): CRDVersion {
  const properties: Record<string, JSONSchemaProps> = {
    apiVersion: string(
      'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values.',
    ),
    kind: string(
      'Kind is a string value representing the REST resource this object represents. In CamelCase.',
    ),
    metadata: { type: 'object' },
  };
  if (v.spec) properties.spec = v.spec;
  if (v.status) properties.status = v.status;
  const root = object(properties, v.description, v.specRequired ? { required: ['spec'] } : {});
  const out: CRDVersion = {
    name: v.name,
    served: v.served ?? true,
    storage: v.storage,
    schema: { openAPIV3Schema: root },
  };
  if (v.deprecationWarning) {
    out.deprecated = true;
    out.deprecationWarning = v.deprecationWarning;
  }
  if (v.status) out.subresources = { status: {} };
  if (v.printerColumns) out.additionalPrinterColumns = v.printerColumns;
  return out;
}

export function defineCRD(input: CRDInput): CustomResourceDefinition {
  const singular = input.kind.toLowerCase();
  const crd: CustomResourceDefinition = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${input.plural}.${GROUP}` },
    spec: {
      group: GROUP,
      names: { kind: input.kind, listKind: `${input.kind}List`, plural: input.plural, singular },
      scope: 'Namespaced',
      versions: input.versions.map(version),
    },
  };
  if (input.shortNames) crd.spec.names.shortNames = input.shortNames;
  if (input.conversion) crd.spec.conversion = input.conversion;
  return crd;
}
