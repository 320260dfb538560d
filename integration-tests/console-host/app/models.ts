// K8sModels for the kinds the plugin's resource pages name, learned from discovery as the console
// learns them, and the console's URL reference of a kind (`group~version~kind`).
import type { K8sModel } from '@openshift-console/dynamic-plugin-sdk';
import type { ModelRef } from './plugins';

export function referenceFor(model: ModelRef): string {
  return model.group ? `${model.group}~${model.version}~${model.kind}` : model.kind;
}

interface APIResourceList {
  resources: { name: string; kind: string; namespaced: boolean; shortNames?: string[] }[];
}

/** The console's abbreviation of a kind: its capitals, at most four. */
const abbreviate = (kind: string) => (kind.replace(/[^A-Z]/g, '') || kind.slice(0, 1)).slice(0, 4);

export async function discoverModel(ref: ModelRef): Promise<K8sModel> {
  if (!ref.version) throw new Error(`${ref.kind}: a model without a version is not supported here`);
  const path = ref.group ? `/apis/${ref.group}/${ref.version}` : `/api/${ref.version}`;
  const res = await fetch(`/api/kubernetes${path}`);
  if (!res.ok) throw new Error(`discovery of ${path.slice(1)}: HTTP ${res.status}`);
  const found = ((await res.json()) as APIResourceList).resources.find(
    (r) => r.kind === ref.kind && !r.name.includes('/'),
  );
  if (!found) throw new Error(`the apiserver serves no ${ref.kind} in ${path.slice(1)}`);
  return {
    ...(ref.group ? { apiGroup: ref.group } : {}),
    apiVersion: ref.version,
    kind: ref.kind,
    plural: found.name,
    namespaced: found.namespaced,
    abbr: abbreviate(ref.kind),
    label: ref.kind,
    labelPlural: `${ref.kind}s`,
    ...(ref.group ? { crd: true } : {}),
  };
}
