import {
  KubernetesObjectApi,
  PatchStrategy,
  type KubeConfig,
  type KubernetesObject,
} from '@kubernetes/client-node';

/** Our field manager for server-side apply: the fields we own are recorded under this name. */
export const FIELD_MANAGER = 'metallb-ts';

/**
 * Server-side apply of one object (create or update the fields we own), forcing ownership so a
 * manual edit of one of our fields is reverted rather than refused as a conflict.
 */
export function apply<T extends KubernetesObject>(
  kc: KubeConfig,
  obj: T,
  fieldManager = FIELD_MANAGER,
): Promise<T> {
  return KubernetesObjectApi.makeApiClient(kc).patch(
    obj,
    undefined,
    undefined,
    fieldManager,
    true,
    PatchStrategy.ServerSideApply,
  );
}
