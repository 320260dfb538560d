// What the validation core reports. Every issue names the object, the field (a JSON path into the
// object) and, for conflicts, the other object, so the webhook, the controller's ConfigurationState
// and the UI forms can all show the same sentence next to the same field.

export interface ObjectRef {
  kind: string;
  name: string;
  field?: string;
}

export interface ValidationIssue {
  kind: string;
  name: string;
  /** JSON path inside the object, e.g. `spec.addresses[1]` or `metadata.name`. */
  field: string;
  /** A full sentence: `<Kind> "<name>" <field>: <what is wrong>`, naming the conflicting object if any. */
  message: string;
  conflictsWith?: ObjectRef;
}

export interface ValidationResult {
  /** The configuration is refused (webhook) or not loaded (controller). */
  errors: ValidationIssue[];
  /** A reference to an object that may simply not exist yet: the config is stale, not refused. */
  transient: ValidationIssue[];
  /** Accepted, but probably not what the user meant. */
  warnings: ValidationIssue[];
}

export type Severity = 'error' | 'transient' | 'warning';

export function describeObject(ref: ObjectRef): string {
  return `${ref.kind} ${JSON.stringify(ref.name || '<unnamed>')}`;
}

export function describeRef(ref: ObjectRef): string {
  return ref.field ? `${describeObject(ref)} ${ref.field}` : describeObject(ref);
}

/** Collects issues in the three buckets and formats their messages uniformly. */
export class IssueCollector {
  readonly result: ValidationResult = { errors: [], transient: [], warnings: [] };

  add(
    severity: Severity,
    subject: ObjectRef,
    field: string,
    detail: string,
    conflictsWith?: ObjectRef,
  ): void {
    let message = `${describeObject(subject)} ${field}: ${detail}`;
    // The contract is that a conflict message names the other object; enforce it centrally.
    if (conflictsWith && !detail.includes(describeObject(conflictsWith))) {
      message += ` (conflicts with ${describeRef(conflictsWith)})`;
    }
    const issue: ValidationIssue = { kind: subject.kind, name: subject.name, field, message };
    if (conflictsWith) issue.conflictsWith = { ...conflictsWith };
    const bucket =
      severity === 'error'
        ? this.result.errors
        : severity === 'transient'
          ? this.result.transient
          : this.result.warnings;
    bucket.push(issue);
  }

  error(subject: ObjectRef, field: string, detail: string, conflictsWith?: ObjectRef): void {
    this.add('error', subject, field, detail, conflictsWith);
  }

  transient(subject: ObjectRef, field: string, detail: string, conflictsWith?: ObjectRef): void {
    this.add('transient', subject, field, detail, conflictsWith);
  }

  warning(subject: ObjectRef, field: string, detail: string, conflictsWith?: ObjectRef): void {
    this.add('warning', subject, field, detail, conflictsWith);
  }
}

/**
 * For a conflict between two objects, which one the issue is reported on: the focused object (the
 * one being admitted) if it is part of the pair, otherwise the later one in evaluation order, as
 * upstream reports "already defined" conflicts.
 */
export function orientPair<T extends ObjectRef>(earlier: T, later: T, focus: ObjectRef | undefined): [T, T] {
  if (focus && earlier.kind === focus.kind && earlier.name === focus.name) return [earlier, later];
  return [later, earlier];
}

export function isFocus(ref: ObjectRef, focus: ObjectRef | undefined): boolean {
  return !!focus && ref.kind === focus.kind && ref.name === focus.name;
}

/** A problem found by a helper that does not know which object it is looking at. */
export interface FieldProblem {
  field: string;
  detail: string;
}
