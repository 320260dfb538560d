// Form values are strings as typed; these turn them into API fields and back. An empty text
// means "not set", so the field is left out of the object and the server's default applies.
import type { LabelSelector, ObjectMeta } from '../../api/types';

/** `a=b, c=d` as labels; a malformed entry is kept with an empty value for validation to flag. */
export function parseLabels(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(/[,\n]/)) {
    const s = part.trim();
    if (!s) continue;
    const eq = s.indexOf('=');
    if (eq < 0) out[s] = '';
    else out[s.slice(0, eq).trim()] = s.slice(eq + 1).trim();
  }
  return out;
}

export function formatLabels(labels: Record<string, string> | undefined): string {
  return Object.entries(labels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}

/** One selector from `a=b` text (matchLabels only); undefined when empty. */
export function selectorsFromText(text: string): LabelSelector[] | undefined {
  const labels = parseLabels(text);
  return Object.keys(labels).length ? [{ matchLabels: labels }] : undefined;
}

/** Text of the first selector's matchLabels; selectors the form cannot show are kept by the caller. */
export function selectorsToText(selectors: LabelSelector[] | undefined): string {
  return formatLabels(selectors?.[0]?.matchLabels);
}

/** True when the selectors are what `selectorsFromText` can express (one, matchLabels only). */
export function selectorsEditable(selectors: LabelSelector[] | undefined): boolean {
  return (
    !selectors ||
    selectors.length === 0 ||
    (selectors.length === 1 && !selectors[0]!.matchExpressions?.length)
  );
}

/** A whole number from text; undefined when empty, NaN when not a number (validation reports it). */
export function optionalInt(text: string): number | undefined {
  const s = text.trim();
  if (!s) return undefined;
  return /^-?\d+$/.test(s) ? Number(s) : Number.NaN;
}

export function intText(n: number | undefined): string {
  return n === undefined ? '' : String(n);
}

/** Non-empty, trimmed entries of a list field. */
export function cleanList(values: readonly string[]): string[] | undefined {
  const out = values.map((v) => v.trim()).filter(Boolean);
  return out.length ? out : undefined;
}

/** Drops keys whose value is undefined, so the object has only what the form set. */
export function compact<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}

/** The object's metadata: the stored object's, with the form's name (trimmed) in `namespace`. */
export function formMetadata(name: string, namespace: string, base?: { metadata?: ObjectMeta }): ObjectMeta {
  return { ...base?.metadata, name: name.trim(), namespace };
}
