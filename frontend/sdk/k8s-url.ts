// URLs of the Kubernetes API as the console reaches it: `/api/kubernetes/` + the apiserver path.
import type { K8sModel, QueryParams } from '@openshift-console/dynamic-plugin-sdk';

export const K8S_PREFIX = '/api/kubernetes';

export interface K8sUrlOptions {
  ns?: string;
  name?: string;
  path?: string;
  queryParams?: QueryParams | Record<string, string>;
}

export function k8sUrl(model: K8sModel, opts: K8sUrlOptions = {}): string {
  const group = model.apiGroup && model.apiGroup !== 'core' ? `/apis/${model.apiGroup}` : '/api';
  let url = `${K8S_PREFIX}${group}/${model.apiVersion}`;
  if (opts.ns && model.namespaced !== false) url += `/namespaces/${encodeURIComponent(opts.ns)}`;
  url += `/${model.plural}`;
  if (opts.name) url += `/${encodeURIComponent(opts.name)}`;
  if (opts.path) url += `/${opts.path.replace(/^\//, '')}`;
  const q = new URLSearchParams(Object.entries(opts.queryParams ?? {}).filter(([, v]) => v !== undefined));
  const qs = q.toString();
  return qs ? `${url}?${qs}` : url;
}
