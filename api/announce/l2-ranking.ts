// The Layer 2 election at scale. Every node ranks the candidates of each Service IP by sha256
// (election.ts); with 1,000 nodes and 5,000 Layer 2 IPs that is 5 million hashes, seconds of CPU,
// on every pass. Two facts make it cheap:
//   - the candidates depend only on which advertisements apply (and on nodes and members, the same
//     for the whole pass), so Services share a few candidate groups, computed once per pass and
//     kept as the same object while they do not change;
//   - a node's rank for an IP never changes, so the best few of each IP are kept: with the same
//     group the winner is known; when nodes leave or join, only the joiners are hashed and merged.
// Results are exactly sortL2Candidates' first element (the tests compare them on random changes).
import { l2ElectionKey } from './election';

/** The Layer 2 candidates of some Services: eligible nodes, with their preferred-node scores. */
export interface CandidateGroup {
  readonly names: readonly string[];
  readonly set: ReadonlySet<string>;
  readonly scores: ReadonlyMap<string, number>;
}

interface Ranked {
  n: string;
  key: string;
  score: number;
}

interface Entry {
  group: CandidateGroup;
  /** The group's best candidates, best first (an exact prefix of its full order). */
  top: Ranked[];
  /** `top` holds every candidate of the group. */
  complete: boolean;
  /** The last pass that asked about this IP. */
  seen: number;
}

interface Diff {
  removed: ReadonlySet<string>;
  added: readonly string[];
}

/** How many of an IP's best candidates are kept: enough for a few nodes failing at once. */
const KEEP = 4;

/** Higher score first, then ascending key (hex order is byte order), then name: a total order. */
export function rankedBefore(a: Ranked, b: Ranked): number {
  return b.score - a.score || cmp(a.key, b.key) || cmp(a.n, b.n);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function candidateGroup(
  names: readonly string[],
  scores: ReadonlyMap<string, number>,
): CandidateGroup {
  return { names, set: new Set(names), scores };
}

function sameGroup(a: CandidateGroup, b: CandidateGroup): boolean {
  if (a.names.length !== b.names.length) return false;
  for (let i = 0; i < a.names.length; i++) {
    const n = a.names[i]!;
    if (n !== b.names[i] || (a.scores.get(n) ?? 0) !== (b.scores.get(n) ?? 0)) return false;
  }
  return true;
}

/** The best `limit` of `names` for `ip`, best first. */
function rankAll(names: readonly string[], ip: string, scores: ReadonlyMap<string, number>, limit: number) {
  const top: Ranked[] = [];
  for (const n of names) {
    const r = { n, key: l2ElectionKey(n, ip), score: scores.get(n) ?? 0 };
    if (top.length === limit && rankedBefore(r, top[limit - 1]!) >= 0) continue;
    let i = top.length;
    while (i > 0 && rankedBefore(r, top[i - 1]!) < 0) i--;
    top.splice(i, 0, r);
    if (top.length > limit) top.pop();
  }
  return top;
}

/**
 * Remembers, across passes, each IP's best candidates. The owner calls beginPass before planning
 * and endPass after (IPs not asked about in between are forgotten). Planning for several nodes on
 * the same inputs may share one memo: the groups and winners do not depend on the asking node.
 */
export class L2RankingMemo {
  private previous = new Map<string, CandidateGroup>();
  private current = new Map<string, CandidateGroup>();
  private readonly entries = new Map<string, Entry>();
  private readonly diffs = new Map<CandidateGroup, Map<CandidateGroup, Diff>>();
  /** Counts passes: entries not asked about in the current one are forgotten at its end. */
  private pass = 0;

  beginPass(): void {
    // Groups of the last pass stay available for interning, as long as this pass has none yet.
    if (this.current.size > 0) this.previous = this.current;
    this.current = new Map();
    this.diffs.clear();
    this.pass++;
  }

  endPass(): void {
    for (const [ip, e] of this.entries) if (e.seen !== this.pass) this.entries.delete(ip);
  }

  /** The group for `key` this pass: computed once, and last pass's object when it is equal. */
  group(key: string, compute: () => CandidateGroup): CandidateGroup {
    const mine = this.current.get(key);
    if (mine) return mine;
    const fresh = compute();
    const before = this.previous.get(key);
    const g = before && sameGroup(before, fresh) ? before : fresh;
    this.current.set(key, g);
    return g;
  }

  /** Counts `ip` as asked this pass (its outcome was reused without asking): its ranking stays. */
  keep(ip: string): void {
    const e = this.entries.get(ip);
    if (e) e.seen = this.pass;
  }

  /** The election's winner for `ip` among the group's candidates (null: no candidate). */
  winner(ip: string, g: CandidateGroup): string | null {
    const e = this.entries.get(ip);
    if (e?.group === g) {
      e.seen = this.pass;
      return e.top[0]?.n ?? null;
    }
    const next = (e && this.update(e, ip, g)) ?? this.full(ip, g);
    next.seen = this.pass;
    this.entries.set(ip, next);
    return next.top[0]?.n ?? null;
  }

  private full(ip: string, g: CandidateGroup): Entry {
    const top = rankAll(g.names, ip, g.scores, KEEP);
    return { group: g, top, complete: top.length === g.names.length, seen: this.pass };
  }

  /** The entry moved to group `g` by hashing only the nodes that joined; undefined if it cannot. */
  private update(e: Entry, ip: string, g: CandidateGroup): Entry | undefined {
    const d = this.diff(e.group, g);
    const kept = e.top.filter((r) => !d.removed.has(r.n));
    if (kept.length === 0 && !e.complete) return undefined;
    const joined = d.added.map((n) => ({ n, key: l2ElectionKey(n, ip), score: g.scores.get(n) ?? 0 }));
    // Without the whole old order, a joiner ranked after the last kept one has an unknown place.
    const last = kept.at(-1);
    const usable = e.complete || !last ? joined : joined.filter((r) => rankedBefore(r, last) < 0);
    const merged = [...kept, ...usable].sort(rankedBefore);
    const top = merged.slice(0, KEEP);
    const complete = e.complete && merged.length === g.names.length && merged.length <= KEEP;
    if (top.length === 0 && g.names.length > 0) return undefined;
    return { group: g, top, complete, seen: this.pass };
  }

  /** Who left (or changed score) and who joined (or changed score), once per pair of groups. */
  private diff(from: CandidateGroup, to: CandidateGroup): Diff {
    let byTo = this.diffs.get(from);
    if (!byTo) this.diffs.set(from, (byTo = new Map()));
    let d = byTo.get(to);
    if (!d) {
      const changed = (n: string) => (from.scores.get(n) ?? 0) !== (to.scores.get(n) ?? 0);
      const removed = new Set(from.names.filter((n) => !to.set.has(n) || changed(n)));
      const added = to.names.filter((n) => !from.set.has(n) || changed(n));
      d = { removed, added };
      byTo.set(to, d);
    }
    return d;
  }
}
