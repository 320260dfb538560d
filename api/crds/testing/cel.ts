// Test-only: a JavaScript equivalent of every CEL rule in the CRDs, so sample objects can be
// checked against the rules without an apiserver (the integration tests check the real thing).
// A rule added to a CRD without an equivalent here fails the schema test.
import { CONNECT_TIME_RANGE_RULE, CONNECT_TIME_WHOLE_RULE } from '../bgppeer';
import { SERVICE_SELECTORS_RULE } from '../bgpadvertisement';
import { parseGoDuration } from '../../validation/duration';
import type { LocatedRule } from '../to-json-schema';

type Rule = (self: unknown, oldSelf: unknown) => boolean;

interface AggregationSpec {
  serviceSelectors?: unknown[];
  aggregationLength?: number;
  aggregationLengthV6?: number;
}

export const CEL_EQUIVALENTS: Record<string, Rule> = {
  'self == oldSelf': (self, old) => JSON.stringify(self) === JSON.stringify(old),
  [SERVICE_SELECTORS_RULE]: (self) => {
    const s = self as AggregationSpec;
    return (
      !s.serviceSelectors ||
      s.serviceSelectors.length === 0 ||
      ((s.aggregationLength === undefined || s.aggregationLength === 32) &&
        (s.aggregationLengthV6 === undefined || s.aggregationLengthV6 === 128))
    );
  },
  [CONNECT_TIME_RANGE_RULE]: (self) => {
    const s = Math.trunc((parseGoDuration(self as string) ?? NaN) / 1e9);
    return s >= 1 && s <= 65535;
  },
  [CONNECT_TIME_WHOLE_RULE]: (self) =>
    Math.trunc((parseGoDuration(self as string) ?? NaN) / 1e6) % 1000 === 0,
};

function valuesAt(obj: unknown, path: string): unknown[] {
  let current: unknown[] = [obj];
  for (const part of path.split('.').filter(Boolean)) {
    const [name, ...stars] = part.split('[*]');
    const next: unknown[] = [];
    for (const v of current) {
      if (v && typeof v === 'object' && name! in v) next.push((v as Record<string, unknown>)[name!]);
    }
    current = next;
    for (let i = 0; i < stars.length; i++) current = current.flatMap((v) => (Array.isArray(v) ? v : []));
  }
  return current;
}

/** The messages of the rules the object (and, for transition rules, its old version) violates. */
export function celViolations(rules: LocatedRule[], obj: unknown, old?: unknown): string[] {
  const out: string[] = [];
  for (const r of rules) {
    const fn = CEL_EQUIVALENTS[r.rule];
    if (!fn) throw new Error(`no JavaScript equivalent for CEL rule ${JSON.stringify(r.rule)}`);
    const transition = r.rule.includes('oldSelf');
    if (transition && old === undefined) continue;
    const values = valuesAt(obj, r.path);
    const olds = transition ? valuesAt(old, r.path) : [];
    values.forEach((v, i) => {
      if (transition && olds[i] === undefined) return;
      if (!fn(v, olds[i])) out.push(`${r.path}: ${r.message ?? r.rule}`);
    });
  }
  return out;
}
