// L2Advertisement rules: no duplicate list entries or selectors, valid selectors, preferred node
// weights 1-100.
import type { L2Advertisement } from '../types';
import { duplicateEntries } from './duplicate-entries';
import type { IssueCollector, ObjectRef } from './issues';
import { selectorListProblems, selectorProblems } from './label-selector';
import { nameOf } from './object-names';
import { warnUnknownPools } from './pool-selection';
import type { ParsedPool } from './pools';

export function checkL2Advertisement(
  ad: L2Advertisement,
  pools: readonly ParsedPool[] | undefined,
  out: IssueCollector,
): void {
  const ref: ObjectRef = { kind: 'L2Advertisement', name: nameOf(ad) };
  const spec = ad.spec ?? {};
  const problems = [
    ...duplicateEntries(spec.ipAddressPools, 'spec.ipAddressPools'),
    ...duplicateEntries(spec.interfaces, 'spec.interfaces'),
    ...selectorListProblems(spec.ipAddressPoolSelectors, 'spec.ipAddressPoolSelectors'),
    ...selectorListProblems(spec.nodeSelectors, 'spec.nodeSelectors'),
    ...selectorListProblems(spec.serviceSelectors, 'spec.serviceSelectors'),
  ];
  (spec.interfaces ?? []).forEach((name, i) => {
    if (name === '' || /[\s/]/.test(name)) {
      problems.push({
        field: `spec.interfaces[${i}]`,
        detail: `invalid interface name ${JSON.stringify(name)}: must be non-empty, without whitespace or '/'`,
      });
    }
  });
  (spec.preferredNodeSelectors ?? []).forEach((p, i) => {
    const at = `spec.preferredNodeSelectors[${i}]`;
    if (!Number.isInteger(p.weight) || p.weight < 1 || p.weight > 100) {
      problems.push({ field: `${at}.weight`, detail: `weight must be an integer in 1-100, got ${p.weight}` });
    }
    if (!p.preference) problems.push({ field: `${at}.preference`, detail: 'preference is required' });
    else problems.push(...selectorProblems(p.preference, `${at}.preference`));
  });
  for (const p of problems) out.error(ref, p.field, p.detail);
  warnUnknownPools(ref, spec, pools, out);
}
