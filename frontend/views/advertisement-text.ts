// How advertisements' pool references and selectors read in tables.
import type { LabelSelector } from '../../api/types';
import { formatLabels } from '../forms/values';

export function selectorsText(selectors: LabelSelector[] | undefined): string {
  return (selectors ?? [])
    .map((s) => {
      const parts = [formatLabels(s.matchLabels)];
      for (const e of s.matchExpressions ?? [])
        parts.push(`${e.key} ${e.operator} ${(e.values ?? []).join(',')}`.trim());
      return parts.filter(Boolean).join(', ');
    })
    .join(' | ');
}

export function poolsText(
  spec: { ipAddressPools?: string[]; ipAddressPoolSelectors?: LabelSelector[] } | undefined,
  all: string,
): string {
  const names = spec?.ipAddressPools ?? [];
  const sel = selectorsText(spec?.ipAddressPoolSelectors);
  if (!names.length && !sel) return all;
  return [names.join(', '), sel].filter(Boolean).join(' + ');
}
