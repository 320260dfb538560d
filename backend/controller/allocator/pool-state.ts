import type { IPFamily, IPRange } from '../../../api/ip-ranges';
import { rangeSize } from '../../../api/ip-ranges';
import { AddressBlock, BLOCK_SIZE } from './address-block';
import type { Pool } from './pool';

/**
 * An IP taken under an `allow-shared-ip` key: the only IPs that can have several users, and the only
 * ones with an object of their own (plain allocations are flat, see ServiceTable).
 */
export interface SharedIP {
  /** Its owning span (`span.pool` counts it; mirrors are marked with the same ref). */
  span: AddressSpan;
  block: AddressBlock;
  offset: number;
  /** Its owner ref, negative. */
  ref: number;
  /** The users' common sharing key. */
  sharingKey: string;
  /** Table ids of its users, in the order they joined. */
  users: number[];
}

/** Where an address lives: its block and offset, plus its current owner ref (0 = free; see Holdings). */
export interface Slot {
  span: AddressSpan;
  block: AddressBlock;
  offset: number;
  ref: number;
}

/**
 * One `addresses` entry. Ranges larger than BLOCK_SIZE (IPv6 only) get their first block eagerly,
 * which serves automatic allocation (2^52 addresses cannot be exhausted in practice); further blocks
 * are created only when an explicit IP lands there.
 */
export class AddressSpan {
  readonly head: AddressBlock;
  private tail: Map<bigint, AddressBlock> | undefined;
  /**
   * Spans of other pools overlapping this one. Validation forbids overlaps, but if a config gets
   * through anyway, every use is mirrored into them so an IP still has one owner.
   */
  mirrors: AddressSpan[] | undefined;
  /** Its number among all current spans, as the ServiceTable stores it. */
  id = -1;

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

  locate(value: bigint): { block: AddressBlock; offset: number } {
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
  dropIfEmpty(block: AddressBlock): void {
    if (block === this.head || block.count > 0 || !this.tail) return;
    this.tail.delete((block.first - this.range.first) / BigInt(BLOCK_SIZE));
  }
}

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

/** Runtime state of one pool: its address spans per family, usage counters and sharing index. */
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
  readonly shared = new Map<string, Set<SharedIP>>();

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
    const span = this.spanWithFree(f);
    return span && { span, block: span.head, offset: span.head.lowestFree(), ref: 0 };
  }

  /**
   * The span holding the lowest free address of the family (in its head block: automatic
   * allocation never reaches further), without building a Slot: the allocation fast path.
   */
  spanWithFree(f: IPFamily): AddressSpan | undefined {
    const spans = f === 4 ? this.spans4 : this.spans6;
    let i = f === 4 ? this.cursor4 : this.cursor6;
    for (; i < spans.length; i++) {
      const span = spans[i]!;
      if (span.head.lowestFree() >= 0) {
        this.setCursor(f, i);
        return span;
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
      return { span, block, offset, ref: block.get(offset) };
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

/** Marks (or unmarks) the IP as used, with the same owner ref, in the overlapping spans of other pools. */
export function mirror(
  span: AddressSpan,
  block: AddressBlock,
  offset: number,
  ref: number,
  taken: boolean,
): void {
  const value = block.value(offset);
  for (const m of span.mirrors ?? []) {
    if (!m.contains(value)) continue;
    const at = m.locate(value);
    if (taken) {
      at.block.take(at.offset, ref);
    } else {
      at.block.release(at.offset);
      m.dropIfEmpty(at.block);
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
