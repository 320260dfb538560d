// Community form values <-> object: one `alias=value` entry per line.
import type { Community } from '../../../api/types';
import { formMetadata } from '../../forms/values';

export interface CommunityFormValues {
  name: string;
  entries: string[];
}

export function emptyCommunity(): CommunityFormValues {
  return { name: '', entries: [''] };
}

export function communityFromObject(obj: Community): CommunityFormValues {
  const list = obj.spec?.communities ?? [];
  return {
    name: obj.metadata?.name ?? '',
    entries: list.length ? list.map((c) => `${c.name}=${c.value}`) : [''],
  };
}

export function communityToObject(v: CommunityFormValues, namespace: string, base?: Community): Community {
  const communities = v.entries
    .map((e) => e.trim())
    .filter(Boolean)
    .map((e) => {
      const eq = e.indexOf('=');
      return eq < 0 ? { name: e, value: '' } : { name: e.slice(0, eq).trim(), value: e.slice(eq + 1).trim() };
    });
  return {
    apiVersion: 'metallb.io/v1beta1',
    kind: 'Community',
    metadata: formMetadata(v.name, namespace, base),
    spec: { ...base?.spec, communities },
  };
}
