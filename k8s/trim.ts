// What the controller's and the speakers' caches keep of an object. At 10,000 Services and 1,000
// Nodes the parts nobody reads dominate: managedFields, kubectl's last-applied annotation (a copy
// of the whole object), and a Node's image list and volume lists. Dropped on arrival, as
// client-go's informer transforms do; nothing here writes an object back from its cached copy
// (all writes are merge patches and server-side applies of fresh bodies).
import type { KubeObject } from './api-client';

export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

type Trimmable = KubeObject & {
  metadata?: { managedFields?: unknown; annotations?: Record<string, string> };
};

/** The object without managedFields and the last-applied annotation (the same object if neither). */
export function trimMetadata<T extends KubeObject>(obj: T): T {
  const o = obj as Trimmable;
  const md = o.metadata;
  if (!md || (md.managedFields === undefined && !md.annotations?.[LAST_APPLIED_ANNOTATION])) return obj;
  const { managedFields: _m, annotations, ...rest } = md;
  const kept =
    annotations &&
    Object.fromEntries(Object.entries(annotations).filter(([k]) => k !== LAST_APPLIED_ANNOTATION));
  return { ...obj, metadata: { ...rest, ...(kept ? { annotations: kept } : {}) } } as T;
}

/** A Node as the speaker reads it: also without its images and volumes. */
export function trimNode<T extends KubeObject>(obj: T): T {
  const node = trimMetadata(obj) as T & { status?: Record<string, unknown> };
  const status = node.status;
  if (!status || !('images' in status || 'volumesInUse' in status || 'volumesAttached' in status))
    return node;
  const { images: _i, volumesInUse: _u, volumesAttached: _a, ...rest } = status;
  return { ...node, status: rest };
}
