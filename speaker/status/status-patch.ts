// The merge patch turning a status object's current status into the desired one: every desired
// field set, every other field nulled; undefined when they already agree (key order ignored).

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function canonical(v: unknown): string {
  return JSON.stringify(sortKeys(v as Json));
}

function sortKeys(v: Json): Json {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .filter((k) => v[k] !== undefined)
        .map((k) => [k, sortKeys(v[k]!)]),
    );
  }
  return v;
}

export function sameStatus(a: object | undefined, b: object | undefined): boolean {
  // The speaker hands the same status object over while nothing changed (api/announce/statuses.ts).
  if (a === b) return true;
  return canonical(a ?? {}) === canonical(b ?? {});
}

export function statusPatch(
  current: object | undefined,
  desired: object,
): Record<string, unknown> | undefined {
  if (sameStatus(current, desired)) return undefined;
  const patch: Record<string, unknown> = {};
  for (const k of Object.keys(current ?? {})) patch[k] = null;
  for (const [k, v] of Object.entries(desired)) if (v !== undefined) patch[k] = v;
  return patch;
}
