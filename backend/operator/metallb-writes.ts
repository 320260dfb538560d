// The operator's writes to MetalLB objects themselves: its finalizer and the status conditions.
// Merge patches, never apply: an apply to an object deleted meanwhile would create it again.
import { METALLB_KINDS, resourcePath } from '../../api/kinds';
import type { Condition, MetalLB } from '../../api/types';
import type { ApiClient } from '../../k8s/api-client';

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
  constructor(private readonly client: ApiClient) {}

  private path(cr: MetalLB, subresource?: 'status'): string {
    const { name, namespace } = cr.metadata;
    return resourcePath(METALLB_KINDS.MetalLB, { namespace, name, subresource });
  }

  hasFinalizer(cr: MetalLB): boolean {
    return (cr.metadata.finalizers ?? []).includes(FINALIZER);
  }

  /** Conditional on the resourceVersion read, so a concurrent edit of the list is never lost. */
  private setFinalizers(cr: MetalLB, finalizers: string[]): Promise<MetalLB> {
    const { resourceVersion } = cr.metadata;
    return this.client.mergePatch<MetalLB>(this.path(cr), { metadata: { resourceVersion, finalizers } });
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
    return this.client.mergePatch<MetalLB>(this.path(cr, 'status'), { status: { conditions } });
  }
}
