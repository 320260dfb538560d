// What members tell each other about a member, and which of two reports wins (SWIM's ordering by
// incarnation: a member's own `alive` with a higher incarnation refutes any suspicion; at equal
// incarnation suspect beats alive and dead/left beat both).

export type MemberState = 'alive' | 'suspect' | 'dead' | 'left';

export interface Address {
  address: string;
  port: number;
}

export interface Update extends Address {
  name: string;
  state: MemberState;
  incarnation: number;
}

const RANK: Record<MemberState, number> = { alive: 0, suspect: 1, dead: 2, left: 2 };

/** Whether `next` replaces what we know (`known`) about the same member. */
export function supersedes(next: Update, known: Update | undefined): boolean {
  if (!known) return true;
  if (next.incarnation !== known.incarnation) return next.incarnation > known.incarnation;
  return RANK[next.state] > RANK[known.state];
}

/** A well-formed update from untrusted input, or undefined. */
export function parseUpdate(raw: unknown): Update | undefined {
  const u = raw as Partial<Update> | null;
  if (!u || typeof u !== 'object') return undefined;
  if (typeof u.name !== 'string' || u.name.length === 0 || u.name.length > 253) return undefined;
  if (typeof u.address !== 'string' || u.address.length > 64) return undefined;
  if (!Number.isInteger(u.port) || u.port! < 0 || u.port! > 65535) return undefined;
  if (!Number.isSafeInteger(u.incarnation) || u.incarnation! < 0) return undefined;
  if (!u.state || !(u.state in RANK)) return undefined;
  return { name: u.name, address: u.address, port: u.port!, state: u.state, incarnation: u.incarnation! };
}
