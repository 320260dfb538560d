// IPAddressPool spec.serviceAllocation: no duplicate namespaces or selectors, valid selectors, and a
// warning for upstream's quirk where namespace selectors that match nothing leave the pool usable
// only by explicit request.
import type { LabeledObject } from './config-input';
import type { IssueCollector } from './issues';
import { isDNS1123Label } from './label-syntax';
import { anySelectorMatches, selectorListProblems } from './label-selector';
import type { ParsedPool } from './pools';

export function checkServiceAllocation(
  pool: ParsedPool,
  namespaces: LabeledObject[] | undefined,
  out: IssueCollector,
): void {
  const sa = pool.obj.spec?.serviceAllocation;
  if (!sa) return;
  const base = 'spec.serviceAllocation';
  if (sa.priority !== undefined && (!Number.isInteger(sa.priority) || sa.priority < 0)) {
    out.error(pool.ref, `${base}.priority`, `priority must be a non-negative integer, got ${sa.priority}`);
  }
  const first = new Map<string, number>();
  (sa.namespaces ?? []).forEach((ns, i) => {
    const prev = first.get(ns);
    if (prev !== undefined) {
      out.error(
        pool.ref,
        `${base}.namespaces[${i}]`,
        `duplicate definition in namespaces field: ${JSON.stringify(ns)} is also at namespaces[${prev}]`,
      );
    } else first.set(ns, i);
    if (!isDNS1123Label(ns)) {
      out.warning(
        pool.ref,
        `${base}.namespaces[${i}]`,
        `${JSON.stringify(ns)} is not a valid namespace name, so no Service can match it`,
      );
    }
  });
  for (const p of selectorListProblems(sa.namespaceSelectors, `${base}.namespaceSelectors`)) {
    out.error(pool.ref, p.field, p.detail);
  }
  for (const p of selectorListProblems(sa.serviceSelectors, `${base}.serviceSelectors`)) {
    out.error(pool.ref, p.field, p.detail);
  }
  const nsSelectors = sa.namespaceSelectors ?? [];
  if (
    namespaces &&
    nsSelectors.length > 0 &&
    (sa.namespaces ?? []).length === 0 &&
    (sa.serviceSelectors ?? []).length === 0 &&
    !namespaces.some((ns) => anySelectorMatches(nsSelectors, ns.metadata.labels))
  ) {
    out.warning(
      pool.ref,
      `${base}.namespaceSelectors`,
      'no namespace matches these selectors, so the pool is never assigned automatically (only by explicit request)',
    );
  }
}
