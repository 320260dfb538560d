// The operator's own RBAC, which the Helm chart and the OLM bundle install: what its watches and
// writes use, plus every rule it grants the controller and the speaker (Kubernetes refuses to let
// anyone bind a role holding permissions the binder lacks). Cluster-scoped kinds need a ClusterRole;
// the MetalLB namespace's objects a Role there. No wildcard anywhere.
import type { V1PolicyRule } from '@kubernetes/client-node';
import {
  CONTROLLER_CLUSTER_RULES,
  CONTROLLER_NAMESPACED_RULES,
  READ,
  rule,
  SPEAKER_CLUSTER_RULES,
  SPEAKER_NAMESPACED_RULES,
} from './rbac';

/** What server-side apply, the watches and pruning need on an operand kind. */
const MANAGE = [...READ, 'create', 'patch', 'update', 'delete'];

export const OPERATOR_CLUSTER_RULES: readonly V1PolicyRule[] = [
  rule(['rbac.authorization.k8s.io'], ['clusterroles', 'clusterrolebindings'], MANAGE),
  rule(['admissionregistration.k8s.io'], ['validatingwebhookconfigurations'], MANAGE),
  // OpenShift only: the console plugin's registration (looked up by discovery, inert elsewhere).
  rule(['console.openshift.io'], ['consoleplugins'], MANAGE),
  // Held so that it can be granted to the controller and the speaker.
  ...CONTROLLER_CLUSTER_RULES,
  ...SPEAKER_CLUSTER_RULES,
];

export const OPERATOR_NAMESPACED_RULES: readonly V1PolicyRule[] = [
  rule(['metallb.io'], ['metallbs'], [...READ, 'patch', 'update']),
  rule(['metallb.io'], ['metallbs/status'], ['get', 'patch', 'update']),
  rule([''], ['serviceaccounts', 'services', 'configmaps', 'secrets'], MANAGE),
  rule(['apps'], ['deployments', 'daemonsets'], MANAGE),
  rule(['rbac.authorization.k8s.io'], ['roles', 'rolebindings'], MANAGE),
  rule([''], ['events'], ['create', 'patch']),
  rule(['events.k8s.io'], ['events'], ['create', 'patch']),
  // OLM: the install mode is read from the namespace's OperatorGroup.
  rule(['operators.coreos.com'], ['operatorgroups'], READ),
  ...CONTROLLER_NAMESPACED_RULES,
  ...SPEAKER_NAMESPACED_RULES,
];
