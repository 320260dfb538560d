// BGPAdvertisement communities: literals as written, aliases replaced by the value of the
// Community CR entry of that name.
import type { Community } from '../types';
import { parseCommunity } from '../validation';

export type AliasMap = ReadonlyMap<string, string>;

export function communityAliases(communities: readonly Community[]): Map<string, string> {
  const out = new Map<string, string>();
  const sorted = [...communities].sort((a, b) => cmp(a.metadata?.name ?? '', b.metadata?.name ?? ''));
  for (const c of sorted) {
    for (const alias of c.spec?.communities ?? []) {
      if (alias.name && !out.has(alias.name)) out.set(alias.name, alias.value);
    }
  }
  return out;
}

/** The literal communities; unknown aliases are returned apart. */
export function resolveCommunities(
  list: readonly string[] | undefined,
  aliases: AliasMap,
): { values: string[]; unknown: string[] } {
  const values: string[] = [];
  const unknown: string[] = [];
  for (const text of list ?? []) {
    const parsed = parseCommunity(text);
    if (parsed.ok) values.push(text);
    else if (aliases.has(text)) values.push(aliases.get(text)!);
    else unknown.push(text);
  }
  return { values, unknown };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
