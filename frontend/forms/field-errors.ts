// Puts validation messages next to form fields. Messages come from the validation core while the
// user types, and from the webhook when the server refuses; both read
// `<Kind> "<name>" <field path>: <detail>`, so the field path tells where each belongs.

export interface FieldMessage {
  /** JSON path in the object, e.g. `spec.addresses[0]`; '' when the message names no field. */
  field: string;
  message: string;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Splits a refusal (e.g. `admission webhook "x" denied the request: IPAddressPool "a"
 * spec.addresses[0]: ...; IPAddressPool "a" spec.autoAssign: ...`) into one message per field,
 * each kept verbatim from the object's name on. A message naming no field of this object is
 * returned whole with field ''.
 */
export function parseRefusal(message: string, kind: string): FieldMessage[] {
  const re = new RegExp(
    `${escapeRegExp(kind)} "((?:[^"\\\\]|\\\\.)*)" ([A-Za-z](?:[\\w.-]|\\[[^\\]]*\\])*): `,
    'g',
  );
  const starts: { index: number; field: string }[] = [];
  for (const m of message.matchAll(re)) starts.push({ index: m.index, field: m[2]! });
  if (starts.length === 0) return [{ field: '', message }];
  return starts.map((s, i) => {
    const end = i + 1 < starts.length ? starts[i + 1]!.index : message.length;
    return { field: s.field, message: message.slice(s.index, end).replace(/;\s*$/, '').trim() };
  });
}

/** The form field a message belongs to: the longest known field that is the path or contains it. */
export function fieldFor(path: string, knownFields: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const f of knownFields) {
    const covers = path === f || path.startsWith(`${f}.`) || path.startsWith(`${f}[`);
    if (covers && (!best || f.length > best.length)) best = f;
  }
  return best;
}

export interface AssignedMessages {
  byField: Map<string, string[]>;
  /** Messages no field of the form shows, for an alert under the form. */
  general: string[];
}

export function assignMessages(
  messages: readonly FieldMessage[],
  knownFields: readonly string[],
): AssignedMessages {
  const byField = new Map<string, string[]>();
  const general: string[] = [];
  for (const m of messages) {
    const f = m.field ? fieldFor(m.field, knownFields) : undefined;
    if (!f) {
      if (!general.includes(m.message)) general.push(m.message);
      continue;
    }
    const list = byField.get(f) ?? [];
    if (!list.includes(m.message)) list.push(m.message);
    byField.set(f, list);
  }
  return { byField, general };
}
