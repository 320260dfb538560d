import type { LabelSelector } from '../../../api/types';

export type Labels = Readonly<Record<string, string>>;
export type LabelMatcher = (labels: Labels) => boolean;

/**
 * Compiles a Kubernetes LabelSelector (matchLabels AND every matchExpression). An empty selector
 * matches everything, as metav1.LabelSelectorAsSelector does. Returns an error message for
 * selectors the apiserver would reject.
 */
export function compileSelector(sel: LabelSelector): LabelMatcher | string {
  const tests: LabelMatcher[] = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) tests.push((l) => l[k] === v);
  for (const e of sel.matchExpressions ?? []) {
    const values = e.values ?? [];
    const set = new Set(values);
    const key = e.key;
    switch (e.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0)
          return `invalid selector: values must be non-empty for operator ${e.operator}`;
        tests.push(
          e.operator === 'In'
            ? (l) => l[key] !== undefined && set.has(l[key])
            : (l) => l[key] === undefined || !set.has(l[key]),
        );
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) return `invalid selector: values must be empty for operator ${e.operator}`;
        tests.push(e.operator === 'Exists' ? (l) => key in l : (l) => !(key in l));
        break;
      default:
        return `invalid selector: unknown operator ${JSON.stringify(e.operator)}`;
    }
  }
  return (labels) => tests.every((t) => t(labels));
}
