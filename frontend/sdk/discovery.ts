// Which resource (plural, scope) a group/version/kind is, from the apiserver's discovery
// documents, as the console learns it from its model registry.
import type { K8sGroupVersionKind } from '@openshift-console/dynamic-plugin-sdk';
import { authHeaders } from './auth';
import { errorFromResponse } from './http-error';
import { K8S_PREFIX } from './k8s-url';

export interface ResourceInfo {
  plural: string;
  namespaced: boolean;
}

interface APIResourceList {
  resources: { name: string; kind: string; namespaced: boolean }[];
}

const cache = new Map<string, Promise<APIResourceList>>();

function groupVersionPath(gvk: K8sGroupVersionKind): string {
  return gvk.group && gvk.group !== 'core' ? `/apis/${gvk.group}/${gvk.version}` : `/api/${gvk.version}`;
}

export async function resolveResource(gvk: K8sGroupVersionKind): Promise<ResourceInfo> {
  const path = groupVersionPath(gvk);
  let list = cache.get(path);
  if (!list) {
    list = fetch(`${K8S_PREFIX}${path}`, { headers: authHeaders() }).then(async (res) => {
      if (!res.ok) throw await errorFromResponse(res);
      return (await res.json()) as APIResourceList;
    });
    cache.set(path, list);
    list.catch(() => cache.delete(path));
  }
  const found = (await list).resources.find((r) => r.kind === gvk.kind && !r.name.includes('/'));
  if (!found) throw new Error(`the server has no resource of kind ${gvk.kind} in ${path.slice(1)}`);
  return { plural: found.name, namespaced: found.namespaced };
}

export function apiPath(gvk: K8sGroupVersionKind): string {
  return `${K8S_PREFIX}${groupVersionPath(gvk)}`;
}
