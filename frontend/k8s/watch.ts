// Typed watches of the MetalLB kinds over the SDK's useK8sWatchResource.
import {
  useK8sWatchResource,
  type K8sModel,
  type K8sResourceCommon,
} from '@openshift-console/dynamic-plugin-sdk';
import { gvkOf } from '../models';

export interface Watched<T> {
  data: T;
  loaded: boolean;
  error: unknown;
}

/** Every object of a kind in `namespace` (all namespaces when undefined). */
export function useWatchList<T>(model: K8sModel, namespace?: string): Watched<T[]> {
  const [data, loaded, error] = useK8sWatchResource<K8sResourceCommon[]>({
    groupVersionKind: gvkOf(model),
    isList: true,
    ...(namespace ? { namespace } : {}),
  });
  return { data: (data ?? []) as unknown as T[], loaded, error };
}

/** One object, or undefined until loaded / when it does not exist. */
export function useWatchObject<T>(
  model: K8sModel,
  name: string | undefined,
  namespace?: string,
): Watched<T | undefined> {
  const [data, loaded, error] = useK8sWatchResource<K8sResourceCommon>(
    name ? { groupVersionKind: gvkOf(model), name, ...(namespace ? { namespace } : {}) } : null,
  );
  const obj = data && (data as K8sResourceCommon).metadata?.name ? (data as unknown as T) : undefined;
  return { data: obj, loaded, error };
}
