// Names: every object needs one, and two objects of one kind may not share it (the apiserver makes
// this impossible in one namespace, but hand-assembled configs, e.g. from the UI, can contain it).
import type { ObjectMeta } from '../types';
import type { IssueCollector } from './issues';

export interface Named {
  metadata?: Pick<ObjectMeta, 'name'>;
}

export function nameOf(obj: Named): string {
  return obj.metadata?.name ?? '';
}

/** A copy sorted by name, the order upstream parses objects in (so results do not depend on list order). */
export function byName<T extends Named>(list: readonly T[] | undefined): T[] {
  return [...(list ?? [])].sort((a, b) => (nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : 0));
}

export function checkNames(kind: string, list: readonly Named[], out: IssueCollector): void {
  const seen = new Set<string>();
  for (const obj of list) {
    const name = nameOf(obj);
    if (name === '') {
      out.error({ kind, name }, 'metadata.name', 'missing name: every object needs metadata.name');
      continue;
    }
    if (seen.has(name)) {
      out.error({ kind, name }, 'metadata.name', `duplicate definition of ${kind} ${JSON.stringify(name)}`);
    }
    seen.add(name);
  }
}
