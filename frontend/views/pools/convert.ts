// IPAddressPool form values <-> object.
import type { IPAddressPool } from '../../../api/types';
import { cleanList, compact, intText, optionalInt, formMetadata } from '../../forms/values';

export interface PoolFormValues {
  name: string;
  addresses: string[];
  autoAssign: boolean;
  avoidBuggyIPs: boolean;
  priority: string;
  namespaces: string[];
}

export function emptyPool(): PoolFormValues {
  return { name: '', addresses: [''], autoAssign: true, avoidBuggyIPs: false, priority: '', namespaces: [] };
}

export function poolFromObject(obj: IPAddressPool): PoolFormValues {
  const s = obj.spec ?? { addresses: [] };
  return {
    name: obj.metadata?.name ?? '',
    addresses: s.addresses?.length ? [...s.addresses] : [''],
    autoAssign: s.autoAssign ?? true,
    avoidBuggyIPs: s.avoidBuggyIPs ?? false,
    priority: intText(s.serviceAllocation?.priority),
    namespaces: [...(s.serviceAllocation?.namespaces ?? [])],
  };
}

export function poolToObject(v: PoolFormValues, namespace: string, base?: IPAddressPool): IPAddressPool {
  const baseSpec = base?.spec;
  const allocation = compact({
    ...baseSpec?.serviceAllocation,
    priority: optionalInt(v.priority),
    namespaces: cleanList(v.namespaces),
  });
  return {
    apiVersion: 'metallb.io/v1beta1',
    kind: 'IPAddressPool',
    metadata: formMetadata(v.name, namespace, base),
    spec: compact({
      ...baseSpec,
      addresses: cleanList(v.addresses) ?? [],
      // Defaults are left to the server unless the object already spelled them out.
      autoAssign: v.autoAssign && baseSpec?.autoAssign === undefined ? undefined : v.autoAssign,
      avoidBuggyIPs: !v.avoidBuggyIPs && baseSpec?.avoidBuggyIPs === undefined ? undefined : v.avoidBuggyIPs,
      serviceAllocation: Object.keys(allocation).length ? allocation : undefined,
    }),
  };
}
