import type { IPFamily, IPRange } from '../../../api/ip-ranges';
import { rangeSize } from '../../../api/ip-ranges';
import { AddressBlock, BLOCK_SIZE } from './address-block';
import type { Pool } from './pool';
import type { AllocService } from './service-request';

/** One Service's current allocation. */
export interface ServiceAlloc {
  svc: AllocService;
  pool: PoolState;
  /** 1 or 2 IPs; IPv4 first when dual-stack. */
  uses: IPUse[];
}

/** One IP in use, by one or more Services (sharing). Kept small: there is one per allocated IP. */
export interface IPUse {
  /** Its span; `span.pool` owns the IP and counts it. */
  span: AddressSpan;
  block: AddressBlock<IPUse>;
  offset: number;
  ip: string;
  /** The users' common sharing key ("" = not shareable). */
  sharingKey: string;
  /** Its one user, or its users when shared (no array for the common case: one per allocated IP). */
  users: ServiceAlloc | ServiceAlloc[];
}

export function usersOf(use: IPUse): readonly ServiceAlloc[] {
  return Array.isArray(use.users) ? use.users : [use.users];
}

/** Where an address lives: its block and offset, plus its current use if any. */
export interface Slot {
  span: AddressSpan;
  block: AddressBlock<IPUse>;
  offset: number;
  use: IPUse | undefined;
}

/**
 * One `addresses` entry. Ranges larger than BLOCK_SIZE (IPv6 only) get their first block eagerly,
 * which serves automatic allocation (2^52 addresses cannot be exhausted in practice); further blocks
 * are created only when an explicit IP lands there.
 */
export class AddressSpan {
  readonly head: AddressBlock<IPUse>;
  private tail: Map<bigint, AddressBlock<IPUse>> | undefined;
  /**
   * Spans of other pools overlapping this one. Validation forbids overlaps, but if a config gets
   * through anyway, every use is mirrored into them so an IP still has one owner.
   */
  mirrors: AddressSpan[] | undefined;

  constructor(
    readonly pool: PoolState,
    readonly range: IPRange,
    readonly index: number,
    private readonly avoidBuggy: boolean,
  ) {
    const size = rangeSize(range);
    this.head = new AddressBlock(
      range.family,
      range.first,
      Number(size < 2n ** 52n ? size : 2n ** 52n),
      avoidBuggy,
    );
  }

  contains(value: bigint): boolean {
    return value >= this.range.first && value <= this.range.last;
  }

  locate(value: bigint): { block: AddressBlock<IPUse>; offset: number } {
    const rel = value - this.range.first;
    if (rel < BigInt(this.head.size)) return { block: this.head, offset: Number(rel) };
    const chunk = rel / BigInt(BLOCK_SIZE);
    this.tail ??= new Map();
    let block = this.tail.get(chunk);
    if (!block) {
      const first = this.range.first + chunk * BigInt(BLOCK_SIZE);
      const rest = this.range.last - first + 1n;
      block = new AddressBlock(
        this.range.family,
        first,
        Number(rest < 2n ** 52n ? rest : 2n ** 52n),
        this.avoidBuggy,
      );
      this.tail.set(chunk, block);
    }
    return { block, offset: Number(value - block.first) };
  }

  /** Forgets an explicitly created block once nothing uses it. */
  dropIfEmpty(block: AddressBlock<IPUse>): void {
    if (block === this.head || block.used.size > 0 || !this.tail) return;
    this.tail.delete((block.first - this.range.first) / BigInt(BLOCK_SIZE));
  }
}

/** Runtime state of one pool: its address spans per family, usage counters and sharing index. */
/** Links overlapping spans of different pools to each other (sorted sweep). */
export function linkOverlaps(pools: readonly PoolState[]): void {
  const spans = pools.flatMap((p) => [...p.spans4, ...p.spans6].map((span) => ({ p, span })));
  spans.sort(
    (a, b) => a.span.range.family - b.span.range.family || cmpBig(a.span.range.first, b.span.range.first),
  );
  for (let i = 0; i < spans.length; i++) {
    const a = spans[i]!;
    for (let j = i + 1; j < spans.length; j++) {
      const b = spans[j]!;
      if (b.span.range.family !== a.span.range.family || b.span.range.first > a.span.range.last) break;
      if (a.p === b.p) continue;
      (a.span.mirrors ??= []).push(b.span);
      (b.span.mirrors ??= []).push(a.span);
    }
  }
}

function cmpBig(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export class PoolState {
  readonly spans4: AddressSpan[];
  readonly spans6: AddressSpan[];
  /** Index of the first span that may still have free addresses, per family. */
  private cursor4 = 0;
  private cursor6 = 0;
  inUse4 = 0;
  inUse6 = 0;
  readonly capacity4: bigint;
  readonly capacity6: bigint;
  /** Sharing key -> IPs of this pool currently used under that key. */
  readonly shared = new Map<string, Set<IPUse>>();

  constructor(readonly config: Pool) {
    const byFirst = (f: IPFamily) =>
      config.ranges
        .filter((r) => r.family === f)
        .sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0))
        .map((r, i) => new AddressSpan(this, r, i, f === 4 && config.avoidBuggyIPs));
    this.spans4 = byFirst(4);
    this.spans6 = byFirst(6);
    const capacity = (spans: AddressSpan[]) =>
      spans.reduce((n, s) => n + rangeSize(s.range) - (s.head.avoidBuggy ? buggyCount(s.range) : 0n), 0n);
    this.capacity4 = capacity(this.spans4);
    this.capacity6 = capacity(this.spans6);
  }

  get name(): string {
    return this.config.name;
  }

  hasFamily(f: IPFamily): boolean {
    return (f === 4 ? this.spans4 : this.spans6).length > 0;
  }

  /** The lowest free address of the family (spans are sorted and disjoint). */
  lowestFree(f: IPFamily): Slot | undefined {
    const spans = f === 4 ? this.spans4 : this.spans6;
    let i = f === 4 ? this.cursor4 : this.cursor6;
    for (; i < spans.length; i++) {
      const span = spans[i]!;
      const offset = span.head.lowestFree();
      if (offset >= 0) {
        this.setCursor(f, i);
        return { span, block: span.head, offset, use: undefined };
      }
    }
    this.setCursor(f, i);
    return undefined;
  }

  /** The slot of an address of this pool; undefined if outside, "buggy" if the pool avoids it. */
  locate(f: IPFamily, value: bigint): Slot | 'buggy' | undefined {
    for (const span of f === 4 ? this.spans4 : this.spans6) {
      if (!span.contains(value)) continue;
      const { block, offset } = span.locate(value);
      if (block.isBuggy(offset)) return 'buggy';
      return { span, block, offset, use: block.used.get(offset) };
    }
    return undefined;
  }

  /** A span regained free space: allocation must look at it again. */
  released(span: AddressSpan, f: IPFamily = span.range.family): void {
    if (f === 4) this.cursor4 = Math.min(this.cursor4, span.index);
    else this.cursor6 = Math.min(this.cursor6, span.index);
  }

  private setCursor(f: IPFamily, i: number): void {
    if (f === 4) this.cursor4 = i;
    else this.cursor6 = i;
  }
}

/** Marks (or unmarks) the IP as used in the overlapping spans of other pools. */
export function mirror(use: IPUse, taken: boolean): void {
  const value = use.block.value(use.offset);
  for (const m of use.span.mirrors ?? []) {
    if (!m.contains(value)) continue;
    const { block, offset } = m.locate(value);
    if (taken) {
      block.take(offset, use);
    } else {
      block.release(offset);
      m.dropIfEmpty(block);
      m.pool.released(m);
    }
  }
}

export function slotBefore(a: Slot, b: Slot): boolean {
  if (a.block === b.block) return a.offset < b.offset;
  return a.block.first + BigInt(a.offset) < b.block.first + BigInt(b.offset);
}

/** IPv4 addresses ending in .0 or .255 within the range. */
function buggyCount(r: IPRange): bigint {
  // Numbers of x in [0, n] with x % 256 === rem.
  const upTo = (n: bigint, rem: bigint) => (n < rem ? 0n : (n - rem) / 256n + 1n);
  const inRange = (rem: bigint) => upTo(r.last, rem) - (r.first === 0n ? 0n : upTo(r.first - 1n, rem));
  return inRange(0n) + inRange(255n);
}
