// Every kind render can produce: what the reconciler lists (by our labels) to find objects to
// prune, and whether a kind is namespaced (owner reference) or cluster-scoped (finalizer cleanup).
import { apiVersionOf, KUBE_KINDS, type ResourceKind } from '../../../api/kinds';

export interface ManagedKind extends ResourceKind {
  apiVersion: string;
}

const managed = (r: ResourceKind): ManagedKind => ({ ...r, apiVersion: apiVersionOf(r) });

export const MANAGED_KINDS: readonly ManagedKind[] = [
  KUBE_KINDS.ServiceAccount,
  KUBE_KINDS.ClusterRole,
  KUBE_KINDS.ClusterRoleBinding,
  KUBE_KINDS.Role,
  KUBE_KINDS.RoleBinding,
  KUBE_KINDS.ConfigMap,
  KUBE_KINDS.Secret,
  KUBE_KINDS.Service,
  KUBE_KINDS.Deployment,
  KUBE_KINDS.DaemonSet,
  KUBE_KINDS.ValidatingWebhookConfiguration,
  KUBE_KINDS.ConsolePlugin,
].map(managed);
