// The gossip protocol's messages. Every message piggybacks recent updates; `sync` carries a whole
// view (push-pull), so joining members and healed partitions converge.
import { parseUpdate, type Update } from './updates';

export type Message =
  | { t: 'ping'; seq: number; from: string; updates: Update[] }
  | { t: 'ack'; seq: number; from: string; updates: Update[] }
  /** Ask `from`'s neighbour to probe `target` for us (indirect probe). */
  | { t: 'ping-req'; seq: number; from: string; target: Update; updates: Update[] }
  | { t: 'sync'; from: string; reply: boolean; updates: Update[] };

/** A well-formed message from untrusted JSON, or undefined. */
export function parseMessage(raw: unknown): Message | undefined {
  const m = raw as Record<string, unknown> | null;
  if (!m || typeof m !== 'object' || typeof m.from !== 'string' || !Array.isArray(m.updates))
    return undefined;
  if (m.updates.length > 1024) return undefined;
  const updates: Update[] = [];
  for (const u of m.updates) {
    const p = parseUpdate(u);
    if (!p) return undefined;
    updates.push(p);
  }
  const seq = m.seq;
  const validSeq = Number.isSafeInteger(seq);
  switch (m.t) {
    case 'ping':
    case 'ack':
      return validSeq ? { t: m.t, seq: seq as number, from: m.from, updates } : undefined;
    case 'ping-req': {
      const target = parseUpdate(m.target);
      return validSeq && target
        ? { t: 'ping-req', seq: seq as number, from: m.from, target, updates }
        : undefined;
    }
    case 'sync':
      return typeof m.reply === 'boolean' ? { t: 'sync', from: m.from, reply: m.reply, updates } : undefined;
    default:
      return undefined;
  }
}
