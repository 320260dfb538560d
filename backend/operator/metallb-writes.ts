// The operator's writes to MetalLB objects themselves: its finalizer and the status conditions.
// Merge patches, never apply: an apply to an object deleted meanwhile would create it again.
import {
  CustomObjectsApi,
  KubernetesObjectApi,
  PatchStrategy,
  type KubeConfig,
} from '@kubernetes/client-node';
import type { Condition, MetalLB } from '../../api/types';
import { mergePatch } from '../k8s/patch';
import { METALLB_RESOURCE } from './discovery';

/** Held on the MetalLB object until the cluster-scoped operand objects are gone. */
export const FINALIZER = 'metallb.io/operand-cleanup';

const CONDITION_FIELDS = [
  'type',
  'status',
  'reason',
  'message',
  'lastTransitionTime',
  'observedGeneration',
] as const;

export function sameConditions(a: readonly Condition[] | undefined, b: readonly Condition[]): boolean {
  const have = a ?? [];
  return have.length === b.length && have.every((c, i) => CONDITION_FIELDS.every((f) => c[f] === b[i]![f]));
}

export class MetalLBWriter {
  private readonly objects: KubernetesObjectApi;
  private readonly custom: CustomObjectsApi;

  constructor(kc: KubeConfig) {
    this.objects = KubernetesObjectApi.makeApiClient(kc);
    this.custom = kc.makeApiClient(CustomObjectsApi);
  }

  hasFinalizer(cr: MetalLB): boolean {
    return (cr.metadata.finalizers ?? []).includes(FINALIZER);
  }

  /** Conditional on the resourceVersion read, so a concurrent edit of the list is never lost. */
  private setFinalizers(cr: MetalLB, finalizers: string[]): Promise<MetalLB> {
    const { name, namespace, resourceVersion } = cr.metadata;
    return this.objects.patch(
      {
        apiVersion: cr.apiVersion,
        kind: cr.kind,
        metadata: { name, namespace, resourceVersion, finalizers },
      },
      undefined,
      undefined,
      undefined,
      undefined,
      PatchStrategy.MergePatch,
    ) as Promise<MetalLB>;
  }

  addFinalizer(cr: MetalLB): Promise<MetalLB> {
    return this.setFinalizers(cr, [...(cr.metadata.finalizers ?? []), FINALIZER]);
  }

  removeFinalizer(cr: MetalLB): Promise<MetalLB> {
    return this.setFinalizers(
      cr,
      (cr.metadata.finalizers ?? []).filter((f) => f !== FINALIZER),
    );
  }

  /** Through the status subresource; the whole list, since every condition is ours. */
  async writeConditions(cr: MetalLB, conditions: Condition[]): Promise<MetalLB> {
    const [group, version] = METALLB_RESOURCE.apiVersion.split('/') as [string, string];
    return (await this.custom.patchNamespacedCustomObjectStatus(
      {
        group,
        version,
        namespace: cr.metadata.namespace ?? '',
        plural: METALLB_RESOURCE.plural,
        name: cr.metadata.name ?? '',
        body: { status: { conditions } },
      },
      mergePatch,
    )) as MetalLB;
  }
}
