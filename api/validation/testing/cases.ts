// Test-only table runner: each case is a configuration and the exact errors and transient issues
// it must produce (field plus message fragment, optionally the object and the conflicting object).
import { describe, expect, it } from 'vitest';
import type { ConfigInput, ValidateOptions } from '../config-input';
import type { ValidationIssue } from '../issues';
import { validateConfig } from '../validate-config';
import { NS } from './builders';

export interface Expected {
  field: string;
  msg: string;
  /** The object the issue is reported on (name; kind is implied by the field's owner). */
  on?: string;
  /** The name of the conflicting object the issue must reference. */
  conflicts?: string;
}

export interface Case {
  name: string;
  cfg: ConfigInput;
  opts?: Partial<ValidateOptions>;
  /** Exactly these errors (none when omitted). */
  errors?: Expected[];
  /** Exactly these transient issues (none when omitted). */
  transient?: Expected[];
  /** These warnings at least (not checked when omitted). */
  warnings?: Expected[];
}

function matches(issue: ValidationIssue, e: Expected): boolean {
  return (
    issue.field === e.field &&
    issue.message.includes(e.msg) &&
    (e.on === undefined || issue.name === e.on) &&
    (e.conflicts === undefined ||
      (issue.conflictsWith?.name === e.conflicts && issue.message.includes(`"${e.conflicts}"`)))
  );
}

export function expectIssues(
  actual: ValidationIssue[],
  expected: Expected[] | undefined,
  what: string,
  exact = true,
) {
  const want = expected ?? [];
  const unmatched = [...actual];
  for (const e of want) {
    const i = unmatched.findIndex((a) => matches(a, e));
    expect(
      i,
      `expected ${what} ${JSON.stringify(e)} among ${JSON.stringify(actual, null, 1)}`,
    ).toBeGreaterThanOrEqual(0);
    unmatched.splice(i, 1);
  }
  if (exact) expect(unmatched, `unexpected ${what}`).toEqual([]);
}

export function runCases(title: string, cases: Case[]): void {
  describe(title, () => {
    it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
      const r = validateConfig(c.cfg, { namespace: NS, bgpType: 'frr', ...c.opts });
      expectIssues(r.errors, c.errors, 'error');
      expectIssues(r.transient, c.transient, 'transient issue');
      if (c.warnings) expectIssues(r.warnings, c.warnings, 'warning', false);
      // Every message names its object and the field.
      for (const issue of [...r.errors, ...r.transient, ...r.warnings]) {
        expect(issue.message).toContain(`${issue.kind} "`);
        expect(issue.message).toContain(issue.field);
      }
    });
  });
}
