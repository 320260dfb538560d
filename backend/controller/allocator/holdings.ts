import type { IPFamily } from '../../../api/ip-ranges';
import type { AddressBlock } from './address-block';
import { mirror, type AddressSpan, type PoolState, type SharedIP, type Slot } from './pool-state';
import type { AllocService } from './service-request';
import { ServiceTable } from './service-table';
import { sharingError } from './sharing';

/**
 * Who holds which address, and the two state changes that keep blocks, pools and the table in step:
 * attach (a Service takes an address) and detach (a Service gives all of its addresses back).
 *
 * Blocks store an owner ref per address: `id + 1` for an IP held by the Service with that table id
 * alone (no sharing key: the common case, with no object of its own), `-(i + 1)` for the SharedIP at
 * index i, 0 when free.
 */
export class Holdings {
  readonly table = new ServiceTable();
  private sharedIPs: (SharedIP | undefined)[] = [];
  private freeShared: number[] = [];

  /** `touched` hears of every pool whose in-use counts change (when someone listens for usage). */
  constructor(private readonly touched: ((pool: PoolState) => void) | undefined) {}

  /** The Services using the address with this owner ref. */
  users(ref: number): AllocService[] {
    if (ref > 0) return [this.table.service(ref - 1)];
    if (ref < 0) return this.sharedIPs[-ref - 1]!.users.map((id) => this.table.service(id));
    return [];
  }

  /** Why the Service may not use the slot's address; undefined when it may (always when free). */
  conflict(svc: AllocService, slot: Slot): string | undefined {
    if (slot.ref === 0) return undefined;
    return sharingError(svc, this.users(slot.ref), slot.block.format(slot.offset));
  }

  /** The pool holding the Service's IPs (all of a Service's IPs come from one pool). */
  poolOf(id: number): PoolState {
    return this.table.span(id, 0).pool;
  }

  ips(id: number): string[] {
    const t = this.table;
    return t.ipCount(id) === 1 ? [t.ip(id, 0)] : [t.ip(id, 0), t.ip(id, 1)];
  }

  families(id: number): IPFamily[] {
    const t = this.table;
    return Array.from({ length: t.ipCount(id) }, (_, i) => t.block(id, i).family);
  }

  /** Gives the Service these slots (its previous IPs must have been detached); returns its id. */
  commit(svc: AllocService, slots: readonly Slot[]): number {
    let id = this.table.idOf(svc.key);
    if (id < 0) id = this.table.add(svc);
    else this.table.setService(id, svc);
    for (const s of slots) this.attach(id, s.span, s.block, s.offset, s.ref);
    return id;
  }

  /**
   * commit for a Service not yet in the table and one free address of a span's head block, without
   * building a Slot: the automatic-allocation fast path.
   */
  commitFree(svc: AllocService, span: AddressSpan, offset: number): number {
    const id = this.table.add(svc);
    this.attach(id, span, span.head, offset, 0);
    return id;
  }

  /**
   * Gives Service `id` an address, with its current owner ref: a free one (0), or a shared one
   * `conflict` allowed it to join (a used address without a sharing key never gets here: `conflict`
   * refuses it a second user).
   */
  attach(id: number, span: AddressSpan, block: AddressBlock, offset: number, ref: number): void {
    this.table.addIP(id, span, block, offset);
    if (ref < 0) {
      this.sharedIPs[-ref - 1]!.users.push(id);
      return;
    }
    const sharingKey = this.table.service(id).sharingKey;
    const owner = sharingKey ? this.share(span, block, offset, sharingKey, id) : id + 1;
    block.take(offset, owner);
    if (span.mirrors) mirror(span, block, offset, owner, true);
    const pool = span.pool;
    if (block.family === 4) pool.inUse4++;
    else pool.inUse6++;
    this.touched?.(pool);
  }

  /** Takes the Service's IPs back; an IP still used by other sharers stays taken. */
  detach(id: number): void {
    const t = this.table;
    for (let i = 0; i < t.ipCount(id); i++) {
      let span = t.span(id, i);
      let block = t.block(id, i);
      let offset = t.offset(id, i);
      const ref = block.get(offset);
      if (ref < 0) {
        const shared = this.sharedIPs[-ref - 1]!;
        const at = shared.users.indexOf(id);
        if (at >= 0) shared.users.splice(at, 1);
        if (shared.users.length > 0) continue;
        this.unshare(shared);
        // Free it where it is owned: the Service may have joined it through an overlapping pool.
        ({ span, block, offset } = shared);
      }
      this.free(span, block, offset);
    }
    t.clearIPs(id);
  }

  /** Detaches the Service and forgets it. */
  remove(id: number): void {
    this.detach(id);
    this.table.remove(id);
  }

  /** Every Service with its IPs, in first-allocation order (to re-home them in new pools). */
  snapshot(): { svc: AllocService; ips: string[] }[] {
    return this.table.allIds().map((id) => ({ svc: this.table.service(id), ips: this.ips(id) }));
  }

  /** Forgets everything: the pools, with their blocks, are replaced by these. */
  reset(pools: Iterable<PoolState>): void {
    this.table.reset([...pools].flatMap((p) => [...p.spans4, ...p.spans6]));
    this.sharedIPs = [];
    this.freeShared = [];
  }

  private free(span: AddressSpan, block: AddressBlock, offset: number): void {
    const pool = span.pool;
    block.release(offset);
    span.dropIfEmpty(block);
    if (span.mirrors) mirror(span, block, offset, 0, false);
    pool.released(span, block.family);
    if (block.family === 4) pool.inUse4--;
    else pool.inUse6--;
    this.touched?.(pool);
  }

  /** Records a new shareable IP (first user `id`) and indexes it by key in its pool; returns its ref. */
  private share(
    span: AddressSpan,
    block: AddressBlock,
    offset: number,
    sharingKey: string,
    id: number,
  ): number {
    const i = this.freeShared.pop() ?? this.sharedIPs.length;
    const ip: SharedIP = { span, block, offset, ref: -(i + 1), sharingKey, users: [id] };
    this.sharedIPs[i] = ip;
    const index = span.pool.shared;
    let set = index.get(sharingKey);
    if (!set) index.set(sharingKey, (set = new Set()));
    set.add(ip);
    return ip.ref;
  }

  private unshare(ip: SharedIP): void {
    const index = ip.span.pool.shared;
    const set = index.get(ip.sharingKey);
    set?.delete(ip);
    if (set?.size === 0) index.delete(ip.sharingKey);
    this.sharedIPs[-ip.ref - 1] = undefined;
    this.freeShared.push(-ip.ref - 1);
  }
}
