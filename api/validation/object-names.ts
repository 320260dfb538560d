// Names: every object needs one, and two objects of one kind may not share it (the apiserver makes
// this impossible in one namespace, but hand-assembled configs, e.g. from the UI, can contain it).
import type { ObjectMeta } from '../types';
import { IssueCollector, type ValidationIssue } from './issues';
import { isDNS1123Subdomain } from './label-syntax';

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

/**
 * The apiserver's rule for metadata.name of every metallb.io kind (a DNS-1123 subdomain), which it
 * checks before any webhook sees the object: for the UI, to say so as the user types. An empty name
 * is left to `checkNames`.
 */
export function objectNameIssue(kind: string, name: string): ValidationIssue | undefined {
  if (name === '') return undefined;
  const detail =
    name.length > 253
      ? `invalid name: must be no more than 253 characters (it has ${name.length})`
      : isDNS1123Subdomain(name)
        ? undefined
        : `invalid name ${JSON.stringify(name)}: must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com')`;
  if (!detail) return undefined;
  const out = new IssueCollector();
  out.error({ kind, name }, 'metadata.name', detail);
  return out.result.errors[0];
}
