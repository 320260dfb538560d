import { parseIP, type IPFamily } from '../../../api/ip-ranges';
import { comparePools, poolAllowsService, poolPinnedFor, type Pool } from './pool';
import {
  linkOverlaps,
  mirror,
  PoolState,
  slotBefore,
  usersOf,
  type IPUse,
  type ServiceAlloc,
  type Slot,
} from './pool-state';
import { familyName, type AllocService } from './service-request';
import { sharingError } from './sharing';
import {
  notAllowed,
  usageOf,
  wantedFamilies,
  type AllocResult,
  type Allocation,
  type AllocatorOptions,
  type PoolUsage,
} from './allocation';

export type { AllocResult, Allocation, AllocatorOptions, PoolUsage } from './allocation';

/**
 * The IP allocator: pure state, no I/O. Semantics follow upstream MetalLB's allocator, with a
 * deterministic order where upstream is random: pools by priority then name, and inside a pool the
 * lowest free address (or lowest compatible shared one). Errors are returned, never thrown.
 */
export class Allocator {
  private pools = new Map<string, PoolState>();
  /** autoAssign pools without serviceAllocation, by name: everyone's fallback. */
  private fallback: PoolState[] = [];
  /** autoAssign pools with serviceAllocation, by name. */
  private pinnable: PoolState[] = [];
  private readonly services = new Map<string, ServiceAlloc>();
  private readonly dirty = new Set<PoolState>();
  /** In-use counts [IPv4, IPv6] last reported per pool. */
  private readonly notified = new Map<PoolState, [number, number]>();

  constructor(private readonly options: AllocatorOptions = {}) {}

  /**
   * Replaces the pools and re-homes every allocation: kept (possibly in a renamed or split pool) when
   * one pool still contains all its IPs, allows them (not buggy) and allows the Service; released
   * otherwise. Returns the keys of the released Services, which need a new allocation.
   */
  setPools(pools: readonly Pool[]): string[] {
    const oldNames = [...this.pools.keys()];
    const sorted = [...pools].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    this.pools = new Map();
    for (const p of sorted) if (!this.pools.has(p.name)) this.pools.set(p.name, new PoolState(p));
    const states = [...this.pools.values()];
    linkOverlaps(states);
    this.fallback = states.filter((p) => p.config.autoAssign && !p.config.serviceAllocation);
    this.pinnable = states.filter((p) => p.config.autoAssign && p.config.serviceAllocation);

    const previous = [...this.services.values()];
    this.services.clear();
    const released: string[] = [];
    for (const alloc of previous) {
      const placed = this.place(
        alloc.svc,
        alloc.uses.map((u) => u.ip),
      );
      if ('error' in placed) released.push(alloc.svc.key);
      else this.commit(alloc.svc, placed.pool, placed.slots);
    }
    this.dirty.clear();
    this.notified.clear();
    for (const p of this.pools.values()) this.notified.set(p, [p.inUse4, p.inUse6]);
    for (const name of new Set([...oldNames, ...this.pools.keys()])) this.options.onUsageChange?.(name);
    return released;
  }

  /** Gives the Service exactly these IPs (1, or one per family, all from one pool); autoAssign is ignored. */
  assign(svc: AllocService, ips: readonly string[]): AllocResult {
    const placed = this.place(svc, ips);
    if ('error' in placed) return { ok: false, error: placed.error };
    const existing = this.services.get(svc.key);
    if (existing) this.detach(existing);
    // Detaching may have freed the very slots we are re-taking: look their uses up again.
    for (const s of placed.slots) s.use = s.block.used.get(s.offset);
    return this.done(this.commit(svc, placed.pool, placed.slots));
  }

  /** Automatic allocation: compatible pinned pools by priority, then fallback pools by name. */
  allocate(svc: AllocService): AllocResult {
    const existing = this.services.get(svc.key);
    if (existing) return this.reassign(svc, existing);
    const candidates = this.candidatePools(svc);
    if (candidates.length === 0)
      return { ok: false, error: 'no available IPs: no pool can be used for this service' };
    const families = wantedFamilies(svc);
    const pick = this.bestPool(svc, candidates, families);
    if (!pick) {
      const what = families.length === 2 ? 'dual-stack' : familyName(families[0]!);
      return { ok: false, error: `no available IPs: no ${what} addresses left in any pool for this service` };
    }
    return this.done(this.commit(svc, pick.pool, pick.slots));
  }

  /** Allocation from a named pool (`metallb.io/address-pool`); autoAssign is ignored. */
  allocateFromPool(svc: AllocService, poolName: string): AllocResult {
    const existing = this.services.get(svc.key);
    if (existing) {
      const have = existing.uses.map((u) => u.block.family);
      const want = wantedFamilies(svc);
      const same = have.length === want.length && want.every((f) => have.includes(f));
      if (!same && svc.policy !== 'PreferDualStack') {
        return {
          ok: false,
          error: `IP for wrong family assigned: ${existing.uses.map((u) => u.ip).join(', ')}`,
        };
      }
      return this.reassign(svc, existing);
    }
    const pool = this.pools.get(poolName);
    if (!pool) return { ok: false, error: `pool "${poolName}" does not exist` };
    if (!poolAllowsService(pool.config, svc.namespace, svc.labels)) return notAllowed(pool, svc);
    let families = wantedFamilies(svc);
    // PreferDualStack takes what the pool has; a family the pool has but that is exhausted still fails.
    if (svc.policy === 'PreferDualStack') families = families.filter((f) => pool.hasFamily(f));
    const missing =
      families.length === 0 ? wantedFamilies(svc)[0]! : families.find((f) => !pool.hasFamily(f));
    if (missing !== undefined) {
      const fam = familyName(missing);
      return {
        ok: false,
        error: `requested IP family ${fam} but pool "${poolName}" has no ${fam} addresses`,
      };
    }
    const slots: Slot[] = [];
    for (const f of families) {
      const slot = this.pickSlot(pool, f, svc);
      if (!slot) {
        const which = families.length === 2 ? ` for ${familyName(f)}` : '';
        return { ok: false, error: `no available IPs in pool "${poolName}"${which}` };
      }
      slots.push(slot);
    }
    return this.done(this.commit(svc, pool, slots));
  }

  /** PreferDualStack with one IP: adds the other family from the same pool. */
  allocateAdditionalFamily(svc: AllocService): AllocResult {
    const existing = this.services.get(svc.key);
    if (!existing || existing.uses.length !== 1)
      return { ok: false, error: 'service must hold exactly one IP' };
    const pool = existing.pool;
    const f = svc.families.find((x) => x !== existing.uses[0]!.block.family);
    if (f === undefined) return { ok: false, error: 'service has a single IP family' };
    if (!pool.hasFamily(f)) {
      return { ok: false, error: `pool "${pool.name}" has no ${familyName(f)} addresses` };
    }
    const slot = this.pickSlot(pool, f, svc);
    if (!slot) return { ok: false, error: `no available IPs in pool "${pool.name}" for ${familyName(f)}` };
    const use = this.attach(existing, slot);
    existing.uses = use.block.family === 4 ? [use, ...existing.uses] : [...existing.uses, use];
    return this.done(existing);
  }

  /** Frees the Service's IPs; false if it had none. */
  release(key: string): boolean {
    const alloc = this.services.get(key);
    if (!alloc) return false;
    this.detach(alloc);
    this.services.delete(key);
    this.flush();
    return true;
  }

  allocation(key: string): Allocation | undefined {
    const a = this.services.get(key);
    return a && { pool: a.pool.name, ips: a.uses.map((u) => u.ip) };
  }

  /** The Service as last given to the allocator (its sharing and backend keys matter for reprocessing). */
  allocatedService(key: string): AllocService | undefined {
    return this.services.get(key)?.svc;
  }

  /** The pool that contains all these IPs (buggy IPs of avoiding pools excluded), if any. */
  poolFor(ips: readonly string[]): string | undefined {
    const found = this.findPool(ips);
    return 'pool' in found ? found.pool.name : undefined;
  }

  hasPools(): boolean {
    return this.pools.size > 0;
  }

  poolConfig(name: string): Pool | undefined {
    return this.pools.get(name)?.config;
  }

  usage(name: string): PoolUsage | undefined {
    const p = this.pools.get(name);
    return p && usageOf(p);
  }

  usageAll(): PoolUsage[] {
    return [...this.pools.values()].map(usageOf);
  }

  // ---- internals ----

  private reassign(svc: AllocService, existing: ServiceAlloc): AllocResult {
    return this.assign(
      svc,
      existing.uses.map((u) => u.ip),
    );
  }

  private candidatePools(svc: AllocService): PoolState[] {
    let pinned: PoolState[] | undefined;
    for (const p of this.pinnable) {
      if (poolPinnedFor(p.config, svc.namespace) && poolAllowsService(p.config, svc.namespace, svc.labels)) {
        (pinned ??= []).push(p);
      }
    }
    if (!pinned) return this.fallback;
    pinned.sort((a, b) => comparePools(a.config, b.config));
    return pinned.concat(this.fallback);
  }

  /** Upstream's findBestPoolForService, over pools already in preference order. */
  private bestPool(
    svc: AllocService,
    pools: readonly PoolState[],
    families: readonly IPFamily[],
  ): { pool: PoolState; slots: Slot[] } | undefined {
    if (families.length === 1) {
      for (const pool of pools) {
        const slot = this.pickSlot(pool, families[0]!, svc);
        if (slot) return { pool, slots: [slot] };
      }
      return undefined;
    }
    const [primary, secondary] = svc.families[0] === 6 ? ([6, 4] as const) : ([4, 6] as const);
    let onlyPrimary: { pool: PoolState; slots: Slot[] } | undefined;
    let onlySecondary: { pool: PoolState; slots: Slot[] } | undefined;
    for (const pool of pools) {
      const s4 = this.pickSlot(pool, 4, svc);
      const s6 = this.pickSlot(pool, 6, svc);
      if (s4 && s6) return { pool, slots: [s4, s6] };
      if (svc.policy !== 'PreferDualStack') continue;
      const p = primary === 4 ? s4 : s6;
      const s = secondary === 4 ? s4 : s6;
      if (p && !onlyPrimary) onlyPrimary = { pool, slots: [p] };
      if (s && !onlySecondary) onlySecondary = { pool, slots: [s] };
    }
    return onlyPrimary ?? onlySecondary;
  }

  /** The lowest usable address of the family: a free one, or one the Service may share. */
  private pickSlot(pool: PoolState, f: IPFamily, svc: AllocService): Slot | undefined {
    const free = pool.lowestFree(f);
    if (!svc.sharingKey) return free;
    let best = free;
    for (const use of pool.shared.get(svc.sharingKey) ?? []) {
      if (use.block.family !== f || sharingError(svc, use) !== undefined) continue;
      const slot: Slot = { span: use.span, block: use.block, offset: use.offset, use };
      if (!best || slotBefore(slot, best)) best = slot;
    }
    return best;
  }

  /** Validates explicit IPs for the Service; no state change. */
  private place(
    svc: AllocService,
    ips: readonly string[],
  ): { pool: PoolState; slots: Slot[] } | { error: string } {
    const found = this.findPool(ips);
    if ('error' in found) return found;
    const { pool, values } = found;
    if (!poolAllowsService(pool.config, svc.namespace, svc.labels)) return notAllowed(pool, svc);
    const slots: Slot[] = [];
    for (const v of values) {
      const slot = pool.locate(v.family, v.value) as Slot;
      if (slot.use) {
        const err = sharingError(svc, slot.use);
        if (err) return { error: err };
      }
      slots.push(slot);
    }
    return { pool, slots };
  }

  private findPool(
    ips: readonly string[],
  ): { pool: PoolState; values: { family: IPFamily; value: bigint }[] } | { error: string } {
    if (ips.length === 0) return { error: 'no IP given' };
    const values: { family: IPFamily; value: bigint }[] = [];
    for (const ip of ips) {
      const v = parseIP(ip);
      if (!v) return { error: `invalid IP ${JSON.stringify(ip)}` };
      values.push(v);
    }
    if (values.length > 2) return { error: `too many IPs (${ips.join(', ')}): at most one per family` };
    if (values.length === 2 && values[0]!.family === values[1]!.family) {
      return { error: `IPs ${ips.join(' and ')} are of the same family` };
    }
    let buggyIn: string | undefined;
    for (const pool of this.pools.values()) {
      let all = true;
      for (const v of values) {
        const loc = pool.locate(v.family, v.value);
        if (loc === 'buggy') buggyIn ??= pool.name;
        if (loc === undefined || loc === 'buggy') {
          all = false;
          break;
        }
      }
      if (all) return { pool, values };
    }
    for (const [i, v] of values.entries()) {
      const home = [...this.pools.values()].find((p) => p.locate(v.family, v.value) !== undefined);
      if (!home) return { error: `IP ${ips[i]} is not in any pool` };
      if (home.locate(v.family, v.value) === 'buggy') {
        return { error: `IP ${ips[i]} can not be used: pool "${home.name}" avoids buggy IPs (.0 and .255)` };
      }
    }
    return {
      error: buggyIn
        ? `IPs ${ips.join(' and ')} are not usable together: pool "${buggyIn}" avoids buggy IPs`
        : `IPs ${ips.join(' and ')} are not in the same pool`,
    };
  }

  private commit(svc: AllocService, pool: PoolState, slots: readonly Slot[]): ServiceAlloc {
    const alloc: ServiceAlloc = { svc, pool, uses: [] };
    if (slots.length === 1) {
      alloc.uses = [this.attach(alloc, slots[0]!)];
    } else {
      const uses = slots.map((s) => this.attach(alloc, s));
      alloc.uses = uses[0]!.block.family === 6 ? uses.reverse() : uses;
    }
    this.services.set(svc.key, alloc);
    return alloc;
  }

  private attach(alloc: ServiceAlloc, slot: Slot): IPUse {
    const pool = slot.span.pool;
    if (slot.use) {
      slot.use.users = [...usersOf(slot.use), alloc];
      return slot.use;
    }
    const family = slot.block.family;
    const use: IPUse = {
      span: slot.span,
      block: slot.block,
      offset: slot.offset,
      ip: slot.block.format(slot.offset),
      sharingKey: alloc.svc.sharingKey,
      users: alloc,
    };
    slot.block.take(slot.offset, use);
    if (slot.span.mirrors) mirror(use, true);
    if (family === 4) pool.inUse4++;
    else pool.inUse6++;
    if (use.sharingKey) {
      let set = pool.shared.get(use.sharingKey);
      if (!set) pool.shared.set(use.sharingKey, (set = new Set()));
      set.add(use);
    }
    if (this.options.onUsageChange) this.dirty.add(pool);
    return use;
  }

  private detach(alloc: ServiceAlloc): void {
    for (const use of alloc.uses) {
      if (use.users !== alloc) {
        const rest = usersOf(use).filter((u) => u !== alloc); // a handful of sharers at most
        use.users = rest.length === 1 ? rest[0]! : rest;
        if (rest.length > 0) continue;
      }
      const pool = use.span.pool;
      const family = use.block.family;
      use.block.release(use.offset);
      use.span.dropIfEmpty(use.block);
      if (use.span.mirrors) mirror(use, false);
      pool.released(use.span, family);
      if (family === 4) pool.inUse4--;
      else pool.inUse6--;
      if (use.sharingKey) {
        const set = pool.shared.get(use.sharingKey);
        set?.delete(use);
        if (set?.size === 0) pool.shared.delete(use.sharingKey);
      }
      if (this.options.onUsageChange) this.dirty.add(pool);
    }
    alloc.uses = [];
  }

  private done(alloc: ServiceAlloc): AllocResult {
    this.flush();
    const ips = alloc.uses.length === 1 ? [alloc.uses[0]!.ip] : alloc.uses.map((u) => u.ip);
    return { ok: true, pool: alloc.pool.name, ips };
  }

  /** Notifies pools whose counts really changed during the operation. */
  private flush(): void {
    const cb = this.options.onUsageChange;
    if (!cb || this.dirty.size === 0) return;
    for (const pool of this.dirty) {
      const last = this.notified.get(pool);
      if (last && last[0] === pool.inUse4 && last[1] === pool.inUse6) continue;
      this.notified.set(pool, [pool.inUse4, pool.inUse6]);
      if (this.pools.get(pool.name) === pool) cb(pool.name);
    }
    this.dirty.clear();
  }
}
