// The fields ServiceL2Status and ServiceBGPStatus share: which node announces which Service.
// They identify the object, so they may not change once written.
import { immutable, string } from './schema-builders';
import type { JSONSchemaProps } from './schema-types';

export function serviceStatusFields(): Record<string, JSONSchemaProps> {
  return {
    node: immutable(string('The node announcing the Service.')),
    serviceName: immutable(string('The name of the Service.')),
    serviceNamespace: immutable(string('The namespace of the Service.')),
  };
}

export const SERVICE_COLUMNS = [
  { name: 'Service Name', type: 'string' as const, jsonPath: '.status.serviceName' },
  { name: 'Service Namespace', type: 'string' as const, jsonPath: '.status.serviceNamespace' },
];
