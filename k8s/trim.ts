// What the controller's cache keeps of an object: everything but the parts nobody reads,
// managedFields and kubectl's last-applied annotation (a copy of the whole object). (The speaker
// keeps even less: speaker/k8s/views.ts.) Dropped on arrival, as client-go's informer transforms
// do; nothing here writes an object back from its cached copy
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
