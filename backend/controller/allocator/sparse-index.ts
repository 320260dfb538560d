import { DENSE_MAX, DenseIndex } from './dense-index';
import { MinHeap } from './min-heap';

/** First size of the dense window: whole summary words of the bitmap, as growing requires. */
const FIRST_WINDOW = 1024;

/**
 * Which offsets of a block too big for a bitmap (IPv6 ranges beyond DENSE_MAX, up to 2^52) are in
 * use, with no memory per free address. Automatic allocation fills such a block from the bottom, so
 * its low offsets live in a dense window (a DenseIndex) that doubles as allocation climbs, up to
 * DENSE_MAX; a hash map there would cost an entry per use. Used offsets above the window (explicit
 * IPs far into the block) sit in `high`, and move into the window when it grows over them.
 *
 * Past DENSE_MAX (2^24 uses of one block: not expected in practice), free space is "everything from
 * the watermark up, except used offsets" plus a min-heap of offsets released below the watermark,
 * so lowest-first stays O(log n) or amortized O(1) without scanning. Heap entries are checked lazily
 * against `high`, so taking an offset never has to search the heap.
 */
export class SparseIndex {
  private readonly low = new DenseIndex(FIRST_WINDOW);
  /** Used offsets at or above the window's end. */
  private readonly high = new Map<number, number>();
  /** Past the window's limit only: the lowest offset never handed out, offsets released below it. */
  private watermark: number;
  private readonly freed = new MinHeap();

  constructor(
    private readonly size: number,
    /** Offsets never handed out (IPv4 .0/.255 when avoiding buggy IPs). */
    private readonly reserved: ((offset: number) => boolean) | undefined,
    /** The window's largest size: DENSE_MAX (smaller in tests); 1,024 times a power of two. */
    private readonly windowMax = DENSE_MAX,
  ) {
    if (size <= windowMax) throw new RangeError(`a block of ${size} addresses takes a DenseIndex`);
    this.watermark = windowMax;
    this.reserveFrom(0);
  }

  get count(): number {
    return this.low.count + this.high.size;
  }

  /** The owner ref at the offset, 0 when free. */
  get(offset: number): number {
    return offset < this.low.size ? this.low.get(offset) : (this.high.get(offset) ?? 0);
  }

  lowestFree(): number {
    for (;;) {
      const o = this.low.lowestFree();
      if (o >= 0) return o;
      if (this.low.size === this.windowMax) break;
      this.growWindow();
    }
    const heap = this.freed;
    let h = heap.peek();
    while (h !== undefined && (this.high.has(h) || this.reserved?.(h))) {
      heap.pop();
      h = heap.peek();
    }
    if (h !== undefined) return h; // heap entries are all below the watermark
    let w = this.watermark;
    while (w < this.size && (this.high.has(w) || this.reserved?.(w))) w++;
    this.watermark = w;
    return w < this.size ? w : -1;
  }

  take(offset: number, ref: number): void {
    if (offset < this.low.size) {
      this.low.take(offset, ref);
      return;
    }
    this.high.set(offset, ref);
    if (offset === this.watermark) this.watermark++;
  }

  release(offset: number): boolean {
    if (offset < this.low.size) {
      if (!this.low.release(offset)) return false;
      // A reserved offset is only ever taken as a mirror of an overlapping pool's use: keep it out.
      if (this.reserved?.(offset)) this.low.reserve(offset);
      return true;
    }
    if (!this.high.delete(offset)) return false;
    if (offset >= this.windowMax && offset < this.watermark) {
      this.freed.push(offset);
      // Stale entries pile up when released offsets are re-taken explicitly; compact now and then.
      if (this.freed.size > 2 * this.high.size + 1024) this.compact();
    }
    return true;
  }

  /** Doubles the dense window, moving the uses it now covers out of `high`. */
  private growWindow(): void {
    const from = this.low.size;
    const to = Math.min(2 * from, this.windowMax);
    this.low.grow(to);
    this.reserveFrom(from);
    for (const [offset, ref] of this.high) {
      if (offset >= to) continue;
      this.low.take(offset, ref);
      this.high.delete(offset);
    }
  }

  private reserveFrom(from: number): void {
    if (!this.reserved) return;
    for (let o = from; o < this.low.size; o++) if (this.reserved(o)) this.low.reserve(o);
  }

  private compact(): void {
    const keep = new Set<number>();
    for (const v of this.freed.values()) if (!this.high.has(v)) keep.add(v);
    this.freed.rebuild(keep);
  }
}
