// Which cluster-scoped objects with our labels belong to this operator's install. They cannot
// carry an owner reference to the (namespaced) MetalLB object, so this is read from what they
// point at: the namespace of the ServiceAccounts bound, of the webhook Service, of the plugin
// Service. Another install's objects (another namespace) are never pruned or deleted by us.
import type { LiveObject } from './operand';

interface Subject {
  kind?: string;
  namespace?: string;
}
interface ServiceRef {
  service?: { namespace?: string };
}

function bindingNamespaces(obj: LiveObject): string[] {
  return ((obj.subjects as Subject[] | undefined) ?? [])
    .filter((s) => s.kind === 'ServiceAccount')
    .map((s) => s.namespace ?? '');
}

function webhookNamespaces(obj: LiveObject): string[] {
  return ((obj.webhooks as { clientConfig?: ServiceRef }[] | undefined) ?? []).map(
    (w) => w.clientConfig?.service?.namespace ?? '',
  );
}

function pluginNamespaces(obj: LiveObject): string[] {
  const spec = (obj.spec ?? {}) as { backend?: ServiceRef };
  return [spec.backend?.service?.namespace ?? ''];
}

/** Namespaces a cluster-scoped object refers to; undefined when its kind says nothing. */
function referencedNamespaces(obj: LiveObject): string[] | undefined {
  switch (obj.kind) {
    case 'ClusterRoleBinding':
      return bindingNamespaces(obj);
    case 'ValidatingWebhookConfiguration':
      return webhookNamespaces(obj);
    case 'ConsolePlugin':
      return pluginNamespaces(obj);
    default:
      return undefined;
  }
}

/**
 * Whether a cluster-scoped object is part of the install in `namespace`. `others`: the other
 * cluster-scoped objects known, so a ClusterRole (which names no namespace) follows its
 * ClusterRoleBinding of the same name; a ClusterRole without a binding is an orphan and ours.
 */
export function belongsTo(obj: LiveObject, namespace: string, others: readonly LiveObject[]): boolean {
  const refs = referencedNamespaces(obj);
  if (refs) return refs.length === 0 || refs.includes(namespace);
  if (obj.kind === 'ClusterRole') {
    const binding = others.find(
      (o) => o.kind === 'ClusterRoleBinding' && o.metadata?.name === obj.metadata?.name,
    );
    return !binding || belongsTo(binding, namespace, others);
  }
  return true;
}
