// U1: since 4.11 the operator supports only the AllNamespaces install mode. An OperatorGroup left
// over from an older install with spec.targetNamespaces (or a namespace selector) must be
// reported with the fix, not silently half-work.
import type { LabelSelector } from '../../api/types';

/** operators.coreos.com/v1 OperatorGroup, the fields that matter here. */
export interface OperatorGroupLike {
  metadata?: { name?: string; namespace?: string };
  spec?: { targetNamespaces?: string[]; selector?: LabelSelector };
}

function restricts(og: OperatorGroupLike): boolean {
  const targets = (og.spec?.targetNamespaces ?? []).filter((ns) => ns !== '');
  const sel = og.spec?.selector;
  const selects =
    !!sel && (Object.keys(sel.matchLabels ?? {}).length > 0 || (sel.matchExpressions ?? []).length > 0);
  return targets.length > 0 || selects;
}

/** The problem with the OperatorGroups in the operator namespace, or undefined when all is well. */
export function installModeProblem(
  groups: readonly OperatorGroupLike[],
  operatorNamespace: string,
): string | undefined {
  const bad = groups
    .filter((og) => (og.metadata?.namespace ?? operatorNamespace) === operatorNamespace && restricts(og))
    .sort((a, b) => ((a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1));
  const og = bad[0];
  if (!og) return undefined;
  const name = og.metadata?.name ?? '';
  const targets = (og.spec?.targetNamespaces ?? []).filter((ns) => ns !== '');
  const what = targets.length > 0 ? `spec.targetNamespaces [${targets.join(', ')}]` : 'spec.selector';
  return (
    `OperatorGroup "${name}" in namespace "${operatorNamespace}" sets ${what}; the MetalLB Operator supports ` +
    `only the AllNamespaces install mode: remove it with "oc edit operatorgroup ${name} -n ${operatorNamespace}"`
  );
}
