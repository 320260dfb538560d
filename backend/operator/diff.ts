// Desired state versus live state: which rendered objects need a server-side apply and which of
// our objects no longer belong. Pure; the reconciler does the calls. An apply the diff did not
// need is harmless (server-side apply of equal content changes nothing); the diff saves requests.
import type { OperandObject, LiveObject, ObjectRef } from './operand';
import { identity, refOf } from './operand';
import { LABELS, MANAGED_BY, NAMES, PART_OF } from '../../api/operand';
import { RENDERED_HASH_ANNOTATION } from './render/index';

export interface ChangePlan {
  apply: OperandObject[];
  delete: ObjectRef[];
}

/** Objects carrying our labels; anything else in the namespace is left alone. */
export function isOurs(obj: LiveObject): boolean {
  const labels = obj.metadata?.labels ?? {};
  return labels[LABELS.managedBy] === MANAGED_BY && labels[LABELS.partOf] === PART_OF;
}

/**
 * Never pruned: the memberlist key is state, not derived from the spec. A caller that omits it
 * from the environment must not make every speaker lose its key; owner references remove it
 * with the MetalLB object.
 */
function retained(obj: LiveObject): boolean {
  return obj.kind === 'Secret' && obj.apiVersion === 'v1' && obj.metadata?.name === NAMES.memberlistSecret;
}

/**
 * Whether `desired` is contained in `live`: every member we set has the same value there.
 * Members the API server adds (defaults, status, other managers' fields) are ignored; arrays
 * must match in length and element by element, since we own every list we set.
 */
export function isSubset(desired: unknown, live: unknown): boolean {
  if (Array.isArray(desired)) {
    return (
      Array.isArray(live) && desired.length === live.length && desired.every((d, i) => isSubset(d, live[i]))
    );
  }
  if (desired !== null && typeof desired === 'object') {
    if (live === null || typeof live !== 'object' || Array.isArray(live)) return false;
    const l = live as Record<string, unknown>;
    return Object.entries(desired).every(([k, v]) => v === undefined || isSubset(v, l[k]));
  }
  return desired === live;
}

/**
 * Apply when the object is missing, when our rendered content changed since the last apply (the
 * hash: a field we stopped setting must be removed), or when someone edited a field we own.
 */
export function needsApply(desired: OperandObject, live: LiveObject | undefined): boolean {
  if (!live) return true;
  const want = desired.metadata.annotations?.[RENDERED_HASH_ANNOTATION];
  if (want !== undefined && live.metadata?.annotations?.[RENDERED_HASH_ANNOTATION] !== want) return true;
  const { metadata, ...body } = desired;
  const liveMeta = live.metadata ?? {};
  // Owner references are a list keyed by uid that others may add to: ours must be there, not alone.
  const ownersPresent = (metadata.ownerReferences ?? []).every((ours) =>
    (liveMeta.ownerReferences ?? []).some((have) => have.uid === ours.uid && isSubset(ours, have)),
  );
  return (
    !ownersPresent ||
    !isSubset(metadata.labels ?? {}, liveMeta.labels ?? {}) ||
    !isSubset(metadata.annotations ?? {}, liveMeta.annotations ?? {}) ||
    !isSubset(body, live)
  );
}

const refKey = (r: ObjectRef): string => `${r.apiVersion}/${r.kind}/${r.namespace ?? ''}/${r.name}`;

/**
 * `live`: the objects the reconciler found, listed by our labels (and fetched by name for the
 * rendered ones, so an object whose labels were edited away is still matched).
 */
export function planChanges(desired: readonly OperandObject[], live: readonly LiveObject[]): ChangePlan {
  const liveById = new Map(live.map((o) => [identity(o), o]));
  const wanted = new Set(desired.map(identity));
  const apply = desired.filter((d) => needsApply(d, liveById.get(identity(d))));
  const del = live
    .filter((o) => !wanted.has(identity(o)) && isOurs(o) && !retained(o) && !o.metadata?.deletionTimestamp)
    .map(refOf)
    .sort((a, b) => (refKey(a) < refKey(b) ? -1 : refKey(a) > refKey(b) ? 1 : 0));
  return { apply, delete: del };
}
