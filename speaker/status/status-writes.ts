// The writes that turn one node's service status objects (as last seen) into the desired ones:
// which Services need an object created, which objects need their status patched, and which go
// (duplicates of a Service beyond the oldest, and Services no longer desired). Pure.
import { statusPatch } from './status-patch';

/** One status object as the writer knows it. */
export interface KnownStatus<S> {
  name: string;
  /** The Service, `namespace/name`, from the object's labels. */
  key: string;
  creationTimestamp?: string;
  status?: S;
}

export interface StatusWrites<S> {
  /** Services without an object: create one, then write this status. */
  create: { key: string; status: S }[];
  /** Objects whose status differs: the merge patch for each. */
  patch: { name: string; key: string; status: S; patch: Record<string, unknown> }[];
  /** Objects to delete. */
  remove: string[];
  /** The objects kept, by Service, once the writes are done (for the next diff). */
  kept: Map<string, KnownStatus<S>>;
}

function oldestFirst<S>(a: KnownStatus<S>, b: KnownStatus<S>): number {
  const ta = a.creationTimestamp ?? '';
  const tb = b.creationTimestamp ?? '';
  return ta < tb ? -1 : ta > tb ? 1 : a.name < b.name ? -1 : 1;
}

export function planStatusWrites<S extends object>(
  desired: ReadonlyMap<string, S>,
  existing: Iterable<KnownStatus<S>>,
): StatusWrites<S> {
  const byService = new Map<string, KnownStatus<S>[]>();
  for (const obj of existing) {
    const group = byService.get(obj.key);
    if (group) group.push(obj);
    else byService.set(obj.key, [obj]);
  }
  const out: StatusWrites<S> = { create: [], patch: [], remove: [], kept: new Map() };
  for (const [key, status] of desired) {
    const group = byService.get(key);
    byService.delete(key);
    if (!group) {
      out.create.push({ key, status });
      continue;
    }
    const [keep, ...extra] = group.length > 1 ? group.sort(oldestFirst) : group;
    for (const obj of extra) out.remove.push(obj.name);
    const patch = statusPatch(keep!.status, status);
    if (patch) out.patch.push({ name: keep!.name, key, status, patch });
    out.kept.set(key, keep!.status === status ? keep! : { ...keep!, status });
  }
  for (const group of byService.values()) for (const obj of group) out.remove.push(obj.name);
  return out;
}
