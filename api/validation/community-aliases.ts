// Community CRs: alias name -> community value. Values must be literal communities, legacy or large
// (every BGP backend, our native one included, sends large communities); an alias name may be
// defined once across all Community objects.
import type { Community } from '../types';
import { parseCommunity, type ParsedCommunity } from './community-literal';
import { orientPair, type IssueCollector, type ObjectRef } from './issues';
import { nameOf } from './object-names';

export interface CommunityAlias {
  owner: ObjectRef;
  field: string;
  value: ParsedCommunity;
}

export function checkCommunities(
  list: readonly Community[],
  focus: ObjectRef | undefined,
  out: IssueCollector,
): Map<string, CommunityAlias> {
  const aliases = new Map<string, CommunityAlias>();
  for (const obj of list) {
    const owner: ObjectRef = { kind: 'Community', name: nameOf(obj) };
    (obj.spec?.communities ?? []).forEach((c, i) => {
      const at = `spec.communities[${i}]`;
      if (!c.name) out.error(owner, `${at}.name`, 'missing community alias name');
      const value = parseCommunity(c.value ?? '');
      if (!value.ok) {
        out.error(owner, `${at}.value`, `parsing community ${JSON.stringify(c.name)}: ${value.message}`);
      }
      if (!c.name) return;
      const prev = aliases.get(c.name);
      if (!prev) {
        aliases.set(c.name, { owner, field: `${at}.name`, value });
        return;
      }
      const here = { ...owner, field: `${at}.name` };
      const there = { ...prev.owner, field: prev.field };
      const [subject, other] = orientPair(there, here, focus);
      const sameObject = subject.name === other.name;
      out.error(
        subject,
        subject.field,
        `duplicate definition of community ${JSON.stringify(c.name)} (already defined in ${sameObject ? other.field : `Community ${JSON.stringify(other.name)} ${other.field}`})`,
        sameObject ? undefined : other,
      );
    });
  }
  return aliases;
}
