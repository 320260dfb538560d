// Writes a Service's allocation: `status.loadBalancer.ingress` and the
// `metallb.io/ip-allocated-from-pool` annotation in one merge patch of the status subresource (which
// for Services also carries annotations, as upstream's UpdateStatus does). The patch is conditional
// on the resourceVersion converged from, so a concurrent edit is never overwritten with stale IPs.
import type { V1Service } from '@kubernetes/client-node';
import { ANNOTATION_ALLOCATED_FROM_POOL } from './allocator/service-request';
import { KUBE_KINDS, resourcePath } from '../../api/kinds';
import type { ApiClient } from '../../k8s/api-client';

export interface DesiredAllocation {
  ingressIPs: string[];
  pool: string | undefined;
}

export function statusPatch(svc: V1Service, want: DesiredAllocation): unknown {
  return {
    metadata: {
      resourceVersion: svc.metadata?.resourceVersion,
      annotations: { [ANNOTATION_ALLOCATED_FROM_POOL]: want.pool ?? null },
    },
    status: {
      loadBalancer: { ingress: want.ingressIPs.length ? want.ingressIPs.map((ip) => ({ ip })) : null },
    },
  };
}

export function servicePath(namespace: string, name: string, subresource?: 'status'): string {
  return resourcePath(KUBE_KINDS.Service, { namespace, name, subresource });
}

export function writeServiceStatus(
  client: ApiClient,
  svc: V1Service,
  want: DesiredAllocation,
): Promise<V1Service> {
  const path = servicePath(svc.metadata?.namespace ?? '', svc.metadata?.name ?? '', 'status');
  return client.mergePatch<V1Service>(path, statusPatch(svc, want));
}

/** resourceVersions are etcd revisions in practice: compare them as numbers to pick the fresher copy. */
export function newer(a: V1Service, b: V1Service): boolean {
  const x = a.metadata?.resourceVersion ?? '';
  const y = b.metadata?.resourceVersion ?? '';
  if (/^\d+$/.test(x) && /^\d+$/.test(y)) return x.length !== y.length ? x.length > y.length : x > y;
  return false;
}
