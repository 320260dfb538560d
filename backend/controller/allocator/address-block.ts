import { formatHextets, formatIPv4Number, type IPFamily } from '../../../api/ip-ranges';
import { MinHeap } from './min-heap';

/** Addresses per block: offsets stay plain numbers (exact below 2^53), so no bigint in the hot path. */
export const BLOCK_SIZE = 2 ** 52;

/**
 * A contiguous run of at most BLOCK_SIZE addresses of one pool, tracking which are in use.
 *
 * Free space is "everything from the watermark up, except used offsets" plus a min-heap of offsets
 * released below the watermark. Lowest-first allocation is then O(log n) (heap) or amortized O(1)
 * (watermark), with no scan of the address space and no array splicing. Heap entries are checked
 * lazily against `used`, so taking an offset never has to search the heap.
 */
export class AddressBlock<U> {
  readonly used = new Map<number, U>();
  private watermark = 0;
  private readonly freed = new MinHeap();
  /** First address as a number (IPv4 only). */
  private readonly firstNum: number;
  /** First address as 16-bit groups (IPv6 only), for fast formatting. */
  private readonly firstGroups: number[] | undefined;

  constructor(
    readonly family: IPFamily,
    readonly first: bigint,
    readonly size: number,
    /** IPv4 pools with avoidBuggyIPs never hand out x.x.x.0 or x.x.x.255. */
    readonly avoidBuggy: boolean,
  ) {
    this.firstNum = family === 4 ? Number(first) : 0;
    if (family === 6) {
      this.firstGroups = [];
      for (let i = 7; i >= 0; i--) this.firstGroups.push(Number((first >> BigInt(16 * i)) & 0xffffn));
    }
  }

  isBuggy(offset: number): boolean {
    if (!this.avoidBuggy) return false;
    const low = (this.firstNum + offset) & 255;
    return low === 0 || low === 255;
  }

  /** The lowest free, allocatable offset, or -1. */
  lowestFree(): number {
    const heap = this.freed;
    let h = heap.peek();
    while (h !== undefined && this.used.has(h)) {
      heap.pop();
      h = heap.peek();
    }
    if (h !== undefined) return h; // heap entries are all below the watermark
    let w = this.watermark;
    while (w < this.size && (this.used.has(w) || this.isBuggy(w))) w++;
    this.watermark = w;
    return w < this.size ? w : -1;
  }

  take(offset: number, use: U): void {
    this.used.set(offset, use);
    if (offset === this.watermark) this.watermark++;
  }

  release(offset: number): void {
    if (!this.used.delete(offset)) return;
    if (offset < this.watermark) {
      this.freed.push(offset);
      // Stale entries pile up when released offsets are re-taken explicitly; compact now and then.
      if (this.freed.size > 2 * this.used.size + 1024) this.compact();
    }
  }

  private compact(): void {
    const keep = new Set<number>();
    for (const v of this.freed.values()) if (!this.used.has(v)) keep.add(v);
    this.freed.rebuild(keep);
  }

  format(offset: number): string {
    if (this.family === 4) return formatIPv4Number(this.firstNum + offset);
    const g = this.firstGroups!.slice();
    let carry = offset;
    for (let i = 7; i >= 0 && carry > 0; i--) {
      const s = g[i]! + (carry % 65536);
      carry = Math.floor(carry / 65536) + (s >= 65536 ? 1 : 0);
      g[i] = s % 65536;
    }
    return formatHextets(g);
  }

  value(offset: number): bigint {
    return this.first + BigInt(offset);
  }
}
