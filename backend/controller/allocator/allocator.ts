import type { IPFamily } from '../../../api/ip-ranges';
import { findPool, placeIPs } from './explicit-ips';
import { Holdings } from './holdings';
import { comparePools, poolAllowsService, poolPinnedFor, type Pool } from './pool';
import { linkOverlaps, PoolState, slotBefore, type Slot } from './pool-state';
import { familyName, type AllocService } from './service-request';
import type { ServiceTable } from './service-table';
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
  /** Which Service holds which addresses (flat, see ServiceTable). */
  private readonly holdings: Holdings;
  private readonly table: ServiceTable;
  private readonly dirty = new Set<PoolState>();
  /** In-use counts [IPv4, IPv6] last reported per pool. */
  private readonly notified = new Map<PoolState, [number, number]>();

  constructor(private readonly options: AllocatorOptions = {}) {
    this.holdings = new Holdings(options.onUsageChange ? (pool) => this.dirty.add(pool) : undefined);
    this.table = this.holdings.table;
  }

  /**
   * Replaces the pools and re-homes every allocation: kept (possibly in a renamed or split pool) when
   * one pool still contains all its IPs, allows them (not buggy) and allows the Service; released
   * otherwise. Returns the keys of the released Services, which need a new allocation.
   */
  setPools(pools: readonly Pool[]): string[] {
    const oldNames = [...this.pools.keys()];
    const previous = this.holdings.snapshot(); // formatted while the old pools' spans are numbered
    const sorted = [...pools].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    this.pools = new Map();
    for (const p of sorted) if (!this.pools.has(p.name)) this.pools.set(p.name, new PoolState(p));
    const states = [...this.pools.values()];
    linkOverlaps(states);
    this.fallback = states.filter((p) => p.config.autoAssign && !p.config.serviceAllocation);
    this.pinnable = states.filter((p) => p.config.autoAssign && p.config.serviceAllocation);

    this.holdings.reset(states);
    const released: string[] = [];
    for (const { svc, ips } of previous) {
      const placed = placeIPs(this.pools, this.holdings, svc, ips);
      if ('error' in placed) released.push(svc.key);
      else this.holdings.commit(svc, placed.slots);
    }
    this.dirty.clear();
    this.notified.clear();
    for (const p of this.pools.values()) this.notified.set(p, [p.inUse4, p.inUse6]);
    for (const name of new Set([...oldNames, ...this.pools.keys()])) this.options.onUsageChange?.(name);
    return released;
  }

  /** Gives the Service exactly these IPs (1, or one per family, all from one pool); autoAssign is ignored. */
  assign(svc: AllocService, ips: readonly string[]): AllocResult {
    const placed = placeIPs(this.pools, this.holdings, svc, ips);
    if ('error' in placed) return { ok: false, error: placed.error };
    const existing = this.table.idOf(svc.key);
    if (existing >= 0) this.holdings.detach(existing);
    // Detaching may have freed the very slots we are re-taking: look their owners up again.
    for (const s of placed.slots) s.ref = s.block.get(s.offset);
    return this.done(this.holdings.commit(svc, placed.slots));
  }

  /** Automatic allocation: compatible pinned pools by priority, then fallback pools by name. */
  allocate(svc: AllocService): AllocResult {
    const existing = this.table.idOf(svc.key);
    if (existing >= 0) return this.reassign(svc, existing);
    const candidates = this.candidatePools(svc);
    if (candidates.length === 0)
      return { ok: false, error: 'no available IPs: no pool can be used for this service' };
    const families = wantedFamilies(svc);
    if (families.length === 1 && !svc.sharingKey) {
      // The common case, as pickSlot would do it but without intermediate objects.
      for (const pool of candidates) {
        const span = pool.spanWithFree(families[0]!);
        if (!span) continue;
        const offset = span.head.lowestFree();
        this.holdings.commitFree(svc, span, offset);
        this.flush();
        return { ok: true, pool: pool.name, ips: [span.head.format(offset)] };
      }
    }
    const slots = this.bestPool(svc, candidates, families);
    if (!slots) {
      const what = families.length === 2 ? 'dual-stack' : familyName(families[0]!);
      return { ok: false, error: `no available IPs: no ${what} addresses left in any pool for this service` };
    }
    return this.done(this.holdings.commit(svc, slots));
  }

  /** Allocation from a named pool (`metallb.io/address-pool`); autoAssign is ignored. */
  allocateFromPool(svc: AllocService, poolName: string): AllocResult {
    const existing = this.table.idOf(svc.key);
    if (existing >= 0) {
      const have = this.holdings.families(existing);
      const want = wantedFamilies(svc);
      const same = have.length === want.length && want.every((f) => have.includes(f));
      if (!same && svc.policy !== 'PreferDualStack') {
        return {
          ok: false,
          error: `IP for wrong family assigned: ${this.holdings.ips(existing).join(', ')}`,
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
    return this.done(this.holdings.commit(svc, slots));
  }

  /** PreferDualStack with one IP: adds the other family from the same pool. */
  allocateAdditionalFamily(svc: AllocService): AllocResult {
    const id = this.table.idOf(svc.key);
    if (id < 0 || this.table.ipCount(id) !== 1)
      return { ok: false, error: 'service must hold exactly one IP' };
    const pool = this.holdings.poolOf(id);
    const f = svc.families.find((x) => x !== this.table.block(id, 0).family);
    if (f === undefined) return { ok: false, error: 'service has a single IP family' };
    if (!pool.hasFamily(f)) {
      return { ok: false, error: `pool "${pool.name}" has no ${familyName(f)} addresses` };
    }
    const slot = this.pickSlot(pool, f, svc);
    if (!slot) return { ok: false, error: `no available IPs in pool "${pool.name}" for ${familyName(f)}` };
    this.holdings.attach(id, slot.span, slot.block, slot.offset, slot.ref);
    return this.done(id);
  }

  /** Frees the Service's IPs; false if it had none. */
  release(key: string): boolean {
    const id = this.table.idOf(key);
    if (id < 0) return false;
    this.holdings.remove(id);
    this.flush();
    return true;
  }

  allocation(key: string): Allocation | undefined {
    const id = this.table.idOf(key);
    return id < 0 ? undefined : { pool: this.holdings.poolOf(id).name, ips: this.holdings.ips(id) };
  }

  /** The Service as last given to the allocator (its sharing and backend keys matter for reprocessing). */
  allocatedService(key: string): AllocService | undefined {
    const id = this.table.idOf(key);
    return id < 0 ? undefined : this.table.service(id);
  }

  /** The pool that contains all these IPs (buggy IPs of avoiding pools excluded), if any. */
  poolFor(ips: readonly string[]): string | undefined {
    const found = findPool(this.pools, ips);
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

  private reassign(svc: AllocService, id: number): AllocResult {
    return this.assign(svc, this.holdings.ips(id));
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

  /** Upstream's findBestPoolForService, over pools already in preference order: the slots to take. */
  private bestPool(
    svc: AllocService,
    pools: readonly PoolState[],
    families: readonly IPFamily[],
  ): Slot[] | undefined {
    if (families.length === 1) {
      for (const pool of pools) {
        const slot = this.pickSlot(pool, families[0]!, svc);
        if (slot) return [slot];
      }
      return undefined;
    }
    const [primary, secondary] = svc.families[0] === 6 ? ([6, 4] as const) : ([4, 6] as const);
    let onlyPrimary: Slot[] | undefined;
    let onlySecondary: Slot[] | undefined;
    for (const pool of pools) {
      const s4 = this.pickSlot(pool, 4, svc);
      const s6 = this.pickSlot(pool, 6, svc);
      if (s4 && s6) return [s4, s6];
      if (svc.policy !== 'PreferDualStack') continue;
      const p = primary === 4 ? s4 : s6;
      const s = secondary === 4 ? s4 : s6;
      if (p && !onlyPrimary) onlyPrimary = [p];
      if (s && !onlySecondary) onlySecondary = [s];
    }
    return onlyPrimary ?? onlySecondary;
  }

  /** The lowest usable address of the family: a free one, or one the Service may share. */
  private pickSlot(pool: PoolState, f: IPFamily, svc: AllocService): Slot | undefined {
    const free = pool.lowestFree(f);
    if (!svc.sharingKey) return free;
    let best = free;
    for (const ip of pool.shared.get(svc.sharingKey) ?? []) {
      if (ip.block.family !== f) continue;
      const slot: Slot = { span: ip.span, block: ip.block, offset: ip.offset, ref: ip.ref };
      if (this.holdings.conflict(svc, slot) !== undefined) continue;
      if (!best || slotBefore(slot, best)) best = slot;
    }
    return best;
  }

  private done(id: number): AllocResult {
    this.flush();
    return { ok: true, pool: this.holdings.poolOf(id).name, ips: this.holdings.ips(id) };
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
