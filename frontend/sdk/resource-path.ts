// The console's URL of a resource's page: `/k8s/ns/<ns>/<group>~<version>~<kind>/<name>` for
// custom resources, `/k8s/ns/<ns>/<plural>/<name>` for core kinds, `/k8s/cluster/...` unscoped.
import type { K8sGroupVersionKind } from '@openshift-console/dynamic-plugin-sdk';

const CORE_PLURALS: Record<string, string> = {
  Service: 'services',
  Node: 'nodes',
  Namespace: 'namespaces',
  Secret: 'secrets',
  Pod: 'pods',
  Endpoints: 'endpoints',
};
const CLUSTER_SCOPED = new Set(['Node', 'Namespace']);

export function resourcePath(gvk: K8sGroupVersionKind, name?: string, namespace?: string): string {
  const core = !gvk.group || gvk.group === 'core';
  const segment = core
    ? (CORE_PLURALS[gvk.kind] ?? `${gvk.kind.toLowerCase()}s`)
    : `${gvk.group}~${gvk.version}~${gvk.kind}`;
  const scope = namespace && !(core && CLUSTER_SCOPED.has(gvk.kind)) ? `ns/${namespace}` : 'cluster';
  return `/k8s/${scope}/${segment}${name ? `/${name}` : ''}`;
}
