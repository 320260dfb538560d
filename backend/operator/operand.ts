// The shape every rendered object shares, and how objects are identified across render and diff.
import type { V1ObjectMeta } from '@kubernetes/client-node';

export interface OperandMeta extends V1ObjectMeta {
  name: string;
}

/** A plain Kubernetes object as sent in a server-side apply body. */
export interface OperandObject {
  apiVersion: string;
  kind: string;
  metadata: OperandMeta;
  [field: string]: unknown;
}

/** What the cluster returns; only apiVersion, kind and metadata are relied upon. */
export interface LiveObject {
  apiVersion?: string;
  kind?: string;
  metadata?: V1ObjectMeta;
  [field: string]: unknown;
}

export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

/** API group of an apiVersion ('' for core). Identity ignores the version: the same object may be listed at another one. */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

export function identity(obj: { apiVersion?: string; kind?: string; metadata?: V1ObjectMeta }): string {
  const m = obj.metadata ?? {};
  return `${groupOf(obj.apiVersion ?? '')}/${obj.kind ?? ''}/${m.namespace ?? ''}/${m.name ?? ''}`;
}

export function refOf(obj: LiveObject): ObjectRef {
  const m = obj.metadata ?? {};
  return {
    apiVersion: obj.apiVersion ?? '',
    kind: obj.kind ?? '',
    ...(m.namespace ? { namespace: m.namespace } : {}),
    name: m.name ?? '',
  };
}
