// metav1.LabelSelector: syntax checks (what LabelSelectorAsSelector would refuse), upstream's
// duplicate rules (duplicate selectors, expressions and values), and matching against labels.
import type { LabelSelector, LabelSelectorRequirement } from '../types';
import type { FieldProblem } from './issues';
import { labelKeyProblem, labelValueProblem } from './label-syntax';

const OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

function canonicalExpression(e: LabelSelectorRequirement): string {
  return JSON.stringify([e.key, e.operator, [...(e.values ?? [])].sort()]);
}

/** Equal strings for selectors upstream considers duplicates (values compared sorted). */
export function canonicalSelector(sel: LabelSelector): string {
  const labels = Object.entries(sel.matchLabels ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([labels, (sel.matchExpressions ?? []).map(canonicalExpression)]);
}

/** Problems of one selector, with fields relative to `path` (e.g. `spec.nodeSelectors[0]`). */
export function selectorProblems(sel: LabelSelector, path: string): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const [key, value] of Object.entries(sel.matchLabels ?? {})) {
    const keyProblem = labelKeyProblem(key);
    if (keyProblem) out.push({ field: `${path}.matchLabels`, detail: keyProblem });
    const valueProblem =
      typeof value === 'string' ? labelValueProblem(value) : 'label values must be strings';
    if (valueProblem)
      out.push({ field: `${path}.matchLabels[${JSON.stringify(key)}]`, detail: valueProblem });
  }
  const seen = new Map<string, number>();
  // Forms hand in half-filled objects; never throw on a wrong shape, report it.
  const expressions = Array.isArray(sel.matchExpressions) ? sel.matchExpressions : [];
  expressions.forEach((e, i) => {
    const at = `${path}.matchExpressions[${i}]`;
    const keyProblem = labelKeyProblem(typeof e?.key === 'string' ? e.key : '');
    if (keyProblem) out.push({ field: `${at}.key`, detail: keyProblem });
    const values = Array.isArray(e?.values) ? e.values : [];
    if (!OPERATORS.has(e.operator)) {
      out.push({
        field: `${at}.operator`,
        detail: `invalid operator ${JSON.stringify(e.operator)}: must be In, NotIn, Exists or DoesNotExist`,
      });
    } else if ((e.operator === 'In' || e.operator === 'NotIn') && values.length === 0) {
      out.push({ field: `${at}.values`, detail: `values must be non-empty for operator ${e.operator}` });
    } else if ((e.operator === 'Exists' || e.operator === 'DoesNotExist') && values.length > 0) {
      out.push({ field: `${at}.values`, detail: `values must be empty for operator ${e.operator}` });
    }
    const firstIndex = new Map<string, number>();
    values.forEach((v, j) => {
      const valueProblem = labelValueProblem(v);
      if (valueProblem) out.push({ field: `${at}.values[${j}]`, detail: valueProblem });
      const prev = firstIndex.get(v);
      if (prev !== undefined) {
        out.push({
          field: `${at}.values[${j}]`,
          detail: `duplicate definition of match expression value in label selector ${JSON.stringify(v)} (also at values[${prev}])`,
        });
      } else firstIndex.set(v, j);
    });
    const canon = canonicalExpression(e);
    const prev = seen.get(canon);
    if (prev !== undefined) {
      out.push({
        field: at,
        detail: `duplicate definition of match expressions (same as matchExpressions[${prev}])`,
      });
    } else seen.set(canon, i);
  });
  return out;
}

/** Problems of a list of selectors (each one, plus duplicates between them). */
export function selectorListProblems(list: LabelSelector[] | undefined, path: string): FieldProblem[] {
  if (!Array.isArray(list)) return [];
  const listName = path.slice(path.lastIndexOf('.') + 1);
  const out: FieldProblem[] = [];
  const seen = new Map<string, number>();
  list.forEach((sel, i) => {
    out.push(...selectorProblems(sel ?? {}, `${path}[${i}]`));
    const canon = canonicalSelector(sel ?? {});
    const prev = seen.get(canon);
    if (prev !== undefined) {
      out.push({
        field: `${path}[${i}]`,
        detail: `duplicate definition of ${listName}: same selector as ${listName}[${prev}]`,
      });
    } else seen.set(canon, i);
  });
  return out;
}

/** Whether the selector selects an object with these labels. An empty selector selects everything. */
export function selectorMatches(sel: LabelSelector, labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) {
    if (l[k] !== v) return false;
  }
  for (const e of sel.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(l, e.key);
    const values = e.values ?? [];
    switch (e.operator) {
      case 'In':
        if (!has || !values.includes(l[e.key]!)) return false;
        break;
      case 'NotIn':
        if (has && values.includes(l[e.key]!)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false; // an invalid selector selects nothing (it is reported separately)
    }
  }
  return true;
}

/** OR over a list of selectors, as every MetalLB selector list is evaluated. */
export function anySelectorMatches(
  list: LabelSelector[],
  labels: Record<string, string> | undefined,
): boolean {
  return list.some((sel) => selectorMatches(sel, labels));
}
