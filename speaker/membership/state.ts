// SWIM membership (Das, Gupta, Motivala 2002) as a pure state machine: every input carries the
// time (ms, monotonic), every output is a list of datagrams to send. Each round probes one member
// (round-robin over a shuffled list); no ack in time -> ask k others to probe it; still nothing ->
// suspect; a suspicion not refuted in time -> dead. Updates ride along on every message, and a
// periodic full sync (push-pull), also towards dead members and seeds, heals partitions.
import type { Message } from './messages';
import { supersedes, type Address, type MemberState, type Update } from './updates';

export interface Timing {
  probeIntervalMs: number;
  /** Wait for a direct ack before probing indirectly. */
  probeTimeoutMs: number;
  /** Wait for an indirect ack before suspecting. */
  indirectTimeoutMs: number;
  indirectProbes: number;
  suspicionMs: number;
  syncIntervalMs: number;
  /** An update is piggybacked this many times log2(members). */
  retransmitMult: number;
  /** Dead and left members are remembered this long (to refute stale news about them). */
  deadRetentionMs: number;
}

/** LAN defaults: a silent member is dead after about 0.3-0.6 s. */
export const DEFAULT_TIMING: Timing = {
  probeIntervalMs: 100,
  probeTimeoutMs: 60,
  indirectTimeoutMs: 80,
  indirectProbes: 2,
  suspicionMs: 250,
  syncIntervalMs: 2_000,
  retransmitMult: 3,
  deadRetentionMs: 60_000,
};

export interface Send {
  to: Address;
  message: Message;
}

interface Member extends Update {
  /** When the current state began. */
  since: number;
}

interface Probe {
  target: string;
  seq: number;
  sentAt: number;
  indirectAt?: number;
}

const PIGGYBACK = 8;

export class MembershipState {
  private readonly members = new Map<string, Member>();
  private readonly gossip = new Map<string, { update: Update; sent: number }>();
  private readonly relays = new Map<number, { requester: Address; seq: number; expires: number }>();
  private incarnation: number;
  private seq = 0;
  private probe: Probe | undefined;
  private order: string[] = [];
  private nextProbeAt = 0;
  private nextSyncAt = 0;
  private last = -Infinity;
  private left = false;
  private seeds: Address[] = [];
  /** Times we refuted news of our own failure: others may have taken our IPs meanwhile. */
  refutations = 0;

  constructor(
    private readonly me: { name: string } & Address,
    private readonly timing: Timing = DEFAULT_TIMING,
    private readonly random: () => number = Math.random,
    /** Start above any incarnation an earlier run of this member used (e.g. wall-clock seconds). */
    incarnation = 0,
  ) {
    this.incarnation = incarnation;
  }

  self(): Update {
    return { ...this.me, state: this.left ? 'left' : 'alive', incarnation: this.incarnation };
  }

  /** This member and every member not known to be dead or gone. */
  liveMembers(): Set<string> {
    const out = new Set(this.left ? [] : [this.me.name]);
    for (const m of this.members.values()) if (m.state === 'alive' || m.state === 'suspect') out.add(m.name);
    return out;
  }

  stateOf(name: string): MemberState | undefined {
    return name === this.me.name ? this.self().state : this.members.get(name)?.state;
  }

  join(seeds: readonly Address[], now: number): Send[] {
    this.seeds = seeds.filter((s) => !(s.address === this.me.address && s.port === this.me.port));
    this.nextSyncAt = this.clock(now) + this.timing.syncIntervalMs;
    return this.seeds.map((to) => ({ to, message: this.sync(false) }));
  }

  leave(now: number): Send[] {
    this.clock(now);
    this.left = true;
    this.incarnation++;
    return this.alive().map((m) => ({ to: m, message: this.sync(false, [this.self()]) }));
  }

  receive(m: Message, from: Address, now: number): Send[] {
    now = this.clock(now);
    if (this.left) return [];
    for (const u of m.updates) this.apply(u, now);
    switch (m.t) {
      case 'ping':
        return [
          { to: from, message: { t: 'ack', seq: m.seq, from: this.me.name, updates: this.piggyback() } },
        ];
      case 'ack': {
        if (this.probe?.seq === m.seq) this.probe = undefined;
        const relay = this.relays.get(m.seq);
        if (!relay) return [];
        this.relays.delete(m.seq);
        return [
          {
            to: relay.requester,
            message: { t: 'ack', seq: relay.seq, from: this.me.name, updates: this.piggyback() },
          },
        ];
      }
      case 'ping-req': {
        const seq = ++this.seq;
        this.relays.set(seq, {
          requester: from,
          seq: m.seq,
          expires: now + this.timing.indirectTimeoutMs * 2,
        });
        return [{ to: m.target, message: { t: 'ping', seq, from: this.me.name, updates: this.piggyback() } }];
      }
      case 'sync':
        return m.reply ? [] : [{ to: from, message: this.sync(true) }];
    }
  }

  tick(now: number): Send[] {
    now = this.clock(now);
    if (this.left) return [];
    const out: Send[] = [];
    this.expireSuspicions(now);
    this.forgetTheDead(now);
    for (const [seq, r] of this.relays) if (r.expires <= now) this.relays.delete(seq);
    if (this.probe) out.push(...this.followProbe(now));
    if (!this.probe && now >= this.nextProbeAt) out.push(...this.startProbe(now));
    if (now >= this.nextSyncAt) out.push(...this.periodicSync(now));
    return out;
  }

  /** When tick() next has something to do. */
  nextWakeMs(): number {
    let next = Math.min(this.nextProbeAt, this.nextSyncAt);
    if (this.probe) {
      const p = this.probe;
      next = Math.min(
        next,
        p.indirectAt === undefined
          ? p.sentAt + this.timing.probeTimeoutMs
          : p.indirectAt + this.timing.indirectTimeoutMs,
      );
    }
    for (const m of this.members.values())
      if (m.state === 'suspect') next = Math.min(next, m.since + this.timing.suspicionMs);
    return Math.max(next, this.last);
  }

  /**
   * Monotonic clock: time never goes back, and a jump forward (a paused process, a suspended VM)
   * shifts every deadline by the gap instead of expiring them all at once.
   */
  private clock(now: number): number {
    if (this.last === -Infinity || now <= this.last) {
      this.last = Math.max(this.last, now);
      return this.last;
    }
    const gap = now - this.last;
    const limit = Math.max(2_000, this.timing.probeIntervalMs * 10);
    if (gap > limit) {
      const shift = gap - this.timing.probeIntervalMs;
      for (const m of this.members.values()) m.since += shift;
      if (this.probe) {
        this.probe.sentAt += shift;
        if (this.probe.indirectAt !== undefined) this.probe.indirectAt += shift;
      }
      for (const r of this.relays.values()) r.expires += shift;
    }
    this.last = now;
    return now;
  }

  private apply(u: Update, now: number): void {
    if (u.name === this.me.name) {
      // News of our own failure (or an earlier life): refute it with a higher incarnation.
      if (u.incarnation >= this.incarnation && (u.state !== 'alive' || u.incarnation > this.incarnation)) {
        if (u.state !== 'alive') this.refutations++;
        this.incarnation = u.incarnation + 1;
        this.enqueue(this.self());
      }
      return;
    }
    const known = this.members.get(u.name);
    if (!supersedes(u, known)) return;
    this.members.set(u.name, { ...u, since: known && known.state === u.state ? known.since : now });
    this.enqueue(u);
  }

  private enqueue(u: Update): void {
    this.gossip.set(u.name, {
      update: { name: u.name, address: u.address, port: u.port, state: u.state, incarnation: u.incarnation },
      sent: 0,
    });
  }

  /** Our own state and the least-sent pending updates; each is dropped after enough sends. */
  private piggyback(): Update[] {
    const limit = this.timing.retransmitMult * Math.ceil(Math.log2(this.members.size + 2));
    const picked = [...this.gossip.values()].sort((a, b) => a.sent - b.sent).slice(0, PIGGYBACK);
    for (const g of picked) if (++g.sent >= limit) this.gossip.delete(g.update.name);
    return [this.self(), ...picked.map((g) => g.update).filter((u) => u.name !== this.me.name)];
  }

  private sync(reply: boolean, updates?: Update[]): Message {
    const view = updates ?? [this.self(), ...[...this.members.values()].map(({ since: _s, ...u }) => u)];
    return { t: 'sync', from: this.me.name, reply, updates: view };
  }

  private alive(): Member[] {
    return [...this.members.values()].filter((m) => m.state === 'alive' || m.state === 'suspect');
  }

  private startProbe(now: number): Send[] {
    this.nextProbeAt = now + this.timing.probeIntervalMs;
    if (this.order.length === 0) this.order = this.shuffle(this.alive().map((m) => m.name));
    while (this.order.length > 0) {
      const target = this.members.get(this.order.shift()!);
      if (!target || (target.state !== 'alive' && target.state !== 'suspect')) continue;
      const seq = ++this.seq;
      this.probe = { target: target.name, seq, sentAt: now };
      return [{ to: target, message: { t: 'ping', seq, from: this.me.name, updates: this.piggyback() } }];
    }
    return [];
  }

  private followProbe(now: number): Send[] {
    const p = this.probe!;
    const target = this.members.get(p.target);
    if (!target || target.state === 'dead' || target.state === 'left') {
      this.probe = undefined;
      return [];
    }
    if (p.indirectAt === undefined) {
      if (now < p.sentAt + this.timing.probeTimeoutMs) return [];
      p.indirectAt = now;
      const helpers = this.shuffle(
        this.alive()
          .filter((m) => m.name !== p.target)
          .map((m) => m.name),
      );
      return helpers.slice(0, this.timing.indirectProbes).map((name) => ({
        to: this.members.get(name)!,
        message: {
          t: 'ping-req',
          seq: p.seq,
          from: this.me.name,
          target: strip(target),
          updates: this.piggyback(),
        },
      }));
    }
    if (now < p.indirectAt + this.timing.indirectTimeoutMs) return [];
    this.probe = undefined;
    if (target.state === 'alive') this.apply({ ...strip(target), state: 'suspect' }, now);
    return [];
  }

  private expireSuspicions(now: number): void {
    for (const m of [...this.members.values()]) {
      if (m.state === 'suspect' && now >= m.since + this.timing.suspicionMs)
        this.apply({ ...strip(m), state: 'dead' }, now);
    }
  }

  private forgetTheDead(now: number): void {
    for (const [name, m] of this.members) {
      if ((m.state === 'dead' || m.state === 'left') && now >= m.since + this.timing.deadRetentionMs)
        this.members.delete(name);
    }
  }

  /** Push-pull with one live member, one dead one (a healed partition), and the seeds when alone. */
  private periodicSync(now: number): Send[] {
    this.nextSyncAt = now + this.timing.syncIntervalMs;
    const pick = <T>(xs: T[]) => (xs.length ? [xs[Math.floor(this.random() * xs.length)]!] : []);
    const alive = this.alive();
    const dead = [...this.members.values()].filter((m) => m.state === 'dead');
    const targets: Address[] = [...pick(alive), ...pick(dead), ...(alive.length === 0 ? this.seeds : [])];
    return targets.map((to) => ({ to, message: this.sync(false) }));
  }

  private shuffle<T>(xs: T[]): T[] {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = Math.floor(this.random() * (i + 1));
      [xs[i], xs[j]] = [xs[j]!, xs[i]!];
    }
    return xs;
  }
}

function strip(m: Update): Update {
  return { name: m.name, address: m.address, port: m.port, state: m.state, incarnation: m.incarnation };
}
