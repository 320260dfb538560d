// metav1.LabelSelector: syntax checks (what LabelSelectorAsSelector would refuse), upstream's
// duplicate rules (duplicate selectors, expressions and values), and matching against labels.
// The one selector implementation of the project: browser-safe (no Node APIs), used by the
// validation core (webhook, UI forms), the controller's allocator and the speaker.
import type { LabelSelector, LabelSelectorRequirement } from '../types';
import type { FieldProblem } from './issues';
import { labelKeyProblem, labelValueProblem } from './label-syntax';

/** Labels of a Node, Namespace, Service or pool, as matched by selectors. */
export type Labels = Readonly<Record<string, string>>;
/** A compiled selector (see compileSelector). */
export type LabelMatcher = (labels: Labels) => boolean;

const OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

/**
 * Why the apiserver (metav1.LabelSelectorAsSelector) refuses this expression's operator or value
 * count, with the field it concerns; undefined when both are right. Key and value syntax are
 * checked apart (selectorProblems).
 */
function expressionShapeProblem(
  e: LabelSelectorRequirement,
): { field: 'operator' | 'values'; detail: string } | undefined {
  const n = Array.isArray(e?.values) ? e.values.length : 0;
  if (!OPERATORS.has(e?.operator)) {
    return {
      field: 'operator',
      detail: `invalid operator ${JSON.stringify(e?.operator)}: must be In, NotIn, Exists or DoesNotExist`,
    };
  }
  if ((e.operator === 'In' || e.operator === 'NotIn') && n === 0) {
    return { field: 'values', detail: `values must be non-empty for operator ${e.operator}` };
  }
  if ((e.operator === 'Exists' || e.operator === 'DoesNotExist') && n > 0) {
    return { field: 'values', detail: `values must be empty for operator ${e.operator}` };
  }
  return undefined;
}

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
    const shape = expressionShapeProblem(e);
    if (shape) out.push({ field: `${at}.${shape.field}`, detail: shape.detail });
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

function hasLabel(labels: Labels, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(labels, key);
}

/** One requirement as a test; an unknown operator selects nothing. */
function expressionMatcher(e: LabelSelectorRequirement): LabelMatcher {
  const key = e.key;
  const values = new Set(Array.isArray(e.values) ? e.values : []);
  switch (e.operator) {
    case 'In':
      return (l) => hasLabel(l, key) && values.has(l[key]!);
    case 'NotIn':
      return (l) => !hasLabel(l, key) || !values.has(l[key]!);
    case 'Exists':
      return (l) => hasLabel(l, key);
    case 'DoesNotExist':
      return (l) => !hasLabel(l, key);
    default:
      return () => false;
  }
}

/** The expressions of a selector that may come from a half-filled form or a JSON null. */
function expressionsOf(sel: LabelSelector | null | undefined): LabelSelectorRequirement[] {
  return Array.isArray(sel?.matchExpressions) ? sel.matchExpressions : [];
}

/**
 * matchLabels AND every matchExpression, with no validity check. A null selector reads as the
 * empty one, as Go decodes a null list item into a zero LabelSelector (and selectorListProblems
 * reads it).
 */
function matcherOf(sel: LabelSelector | null | undefined): LabelMatcher {
  const tests: LabelMatcher[] = [];
  for (const [k, v] of Object.entries(sel?.matchLabels ?? {})) {
    tests.push((l) => hasLabel(l, k) && l[k] === v);
  }
  for (const e of expressionsOf(sel)) {
    // A null expression has no operator: it selects nothing, like an unknown operator.
    tests.push(e ? expressionMatcher(e) : () => false);
  }
  return (labels) => tests.every((t) => t(labels));
}

/**
 * Compiles a selector for repeated matching (the allocator matches every Service against every
 * pool). Returns an error message instead for a selector whose operator or value count
 * LabelSelectorAsSelector refuses, as upstream's controller does when it parses the config. An
 * empty selector matches everything, as in Kubernetes.
 */
export function compileSelector(sel: LabelSelector): LabelMatcher | string {
  for (const e of expressionsOf(sel)) {
    const shape = expressionShapeProblem(e);
    if (shape) return `invalid label selector: ${shape.detail}`;
  }
  return matcherOf(sel);
}

/**
 * Whether the selector selects an object with these labels. An empty selector selects everything.
 * Lenient, for previews and for rules about "the same nodes" while the selector's own problems are
 * reported separately (selectorProblems): an expression with an unknown operator selects nothing,
 * and the others are evaluated as written even when their value count is wrong (In with no values
 * selects nothing, NotIn with no values everything). For a valid selector this agrees with
 * compileSelector.
 */
export function selectorMatches(sel: LabelSelector, labels: Labels | undefined): boolean {
  return matcherOf(sel)(labels ?? {});
}

/**
 * OR over a list of selectors, as every MetalLB selector list is evaluated. An empty list selects
 * nothing here; callers for which an absent or empty list means "everything" decide that first.
 */
export function anySelectorMatches(list: readonly LabelSelector[], labels: Labels | undefined): boolean {
  return list.some((sel) => selectorMatches(sel, labels));
}
