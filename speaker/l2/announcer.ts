// What the L2 announcer owes the wire, as pure data over a clock the shell passes in (ms): which
// IPs it answers for (owned now, or released within the grace period), and when each IP's
// gratuitous ARP / unsolicited NA is due. The shell keeps one AnnouncerState per interface (or one
// for all), sets a single timer to `nextWakeMs`, and sends `gratuitousFrames` for every due IP.
import { gratuitousArpFrames } from './arp';
import { canonicalIP } from './ip-bytes';
import { unsolicitedNeighborAdvertisementFrame } from './ndp';

/** Upstream: each takeover (SetBalancer) starts or extends a 5 s window of announcements... */
export const GRATUITOUS_WINDOW_MS = 5_000;
/** ...the first sent at once, then one every 1100 ms until the window ends. */
export const GRATUITOUS_INTERVAL_MS = 1_100;
/**
 * L3 (planned failover): after this node stops owning an IP it keeps answering requests for it this
 * long, for clients that still send to its MAC. Sized to the ~10 s failover clients tolerate (X3).
 */
export const RELEASE_GRACE_MS_DEFAULT = 10_000;

export interface AnnouncedIP {
  /** The gratuitous window ends here. */
  windowEndMs: number;
  /** The next gratuitous frame is due here (> windowEndMs once the window is spent). */
  nextAtMs: number;
}

export interface AnnouncerState {
  /** IPs this node owns, by canonical text. */
  readonly owned: ReadonlyMap<string, AnnouncedIP>;
  /** IPs released recently, with the time until which they are still answered. */
  readonly releasing: ReadonlyMap<string, number>;
}

export const EMPTY_ANNOUNCER: AnnouncerState = { owned: new Map(), releasing: new Map() };

/**
 * Own `ip` (again): (re)start its window (`windowMs`, upstream's 5 s by default); the first
 * announcement is due now. Non-IPs are ignored.
 */
export function announce(
  state: AnnouncerState,
  ip: string,
  nowMs: number,
  windowMs = GRATUITOUS_WINDOW_MS,
): AnnouncerState {
  const key = canonicalIP(ip);
  if (!key) return state;
  const owned = new Map(state.owned);
  owned.set(key, { windowEndMs: nowMs + windowMs, nextAtMs: nowMs });
  const releasing = new Map(state.releasing);
  releasing.delete(key);
  return { owned, releasing };
}

/** Stop owning `ip`; it is still answered until nowMs + graceMs (0: never again). */
export function release(
  state: AnnouncerState,
  ip: string,
  nowMs: number,
  graceMs = RELEASE_GRACE_MS_DEFAULT,
): AnnouncerState {
  const key = canonicalIP(ip);
  if (!key || !state.owned.has(key)) return state;
  const owned = new Map(state.owned);
  owned.delete(key);
  const releasing = new Map(state.releasing);
  if (graceMs > 0) releasing.set(key, nowMs + graceMs);
  return { owned, releasing };
}

/**
 * The addresses to answer ARP/NDP for at `nowMs`. Owned ones always; those in their grace period
 * only for a request sent to this node's MAC (`addressedToUs`): a client still holding our MAC
 * re-probes it by unicast and must keep its answer, while a broadcast or multicast request comes
 * from a client without an entry, which must learn only the owner's MAC. Two answers to one
 * broadcast request let the client's cache follow whichever came last (a node that claimed the IP
 * for a moment during a partition could win it back for the whole grace period).
 */
export function answeringSet(state: AnnouncerState, nowMs: number, addressedToUs = true): Set<string> {
  const out = new Set(state.owned.keys());
  if (!addressedToUs) return out;
  for (const [ip, until] of state.releasing) if (until > nowMs) out.add(ip);
  return out;
}

export interface AnnouncerTick {
  state: AnnouncerState;
  /** IPs whose gratuitous frames are due now. */
  due: string[];
  /** When to call tick again (the earliest future announcement or grace expiry), or null. */
  nextWakeMs: number | null;
}

/** Advances the clock: collects due announcements, schedules the next ones, drops expired graces. */
export function tick(state: AnnouncerState, nowMs: number): AnnouncerTick {
  const due: string[] = [];
  const owned = new Map<string, AnnouncedIP>();
  let next = Infinity;
  for (const [ip, a] of state.owned) {
    let { nextAtMs } = a;
    if (nextAtMs <= nowMs && nextAtMs <= a.windowEndMs) {
      due.push(ip);
      nextAtMs = nowMs + GRATUITOUS_INTERVAL_MS;
    }
    owned.set(ip, { windowEndMs: a.windowEndMs, nextAtMs });
    if (nextAtMs <= a.windowEndMs) next = Math.min(next, nextAtMs);
  }
  const releasing = new Map<string, number>();
  for (const [ip, until] of state.releasing) {
    if (until > nowMs) {
      releasing.set(ip, until);
      next = Math.min(next, until);
    }
  }
  return { state: { owned, releasing }, due: due.sort(), nextWakeMs: next === Infinity ? null : next };
}

/** The frames announcing `ip` at `mac`: ARP announcement + gratuitous reply (IPv4) or an unsolicited NA (IPv6). */
export function gratuitousFrames(mac: Uint8Array, ip: string): Uint8Array[] {
  return ip.includes(':') ? [unsolicitedNeighborAdvertisementFrame(mac, ip)] : gratuitousArpFrames(mac, ip);
}
