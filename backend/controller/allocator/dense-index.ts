/** Largest block kept as a bitmap: an IPv4 /8 or IPv6 /104 costs 2 MiB of bits plus 64 KiB of summary. */
export const DENSE_MAX = 2 ** 24;

/** Owner refs are stored in pages of 2^PAGE_BITS offsets. */
const PAGE_BITS = 10;
const PAGE_MASK = (1 << PAGE_BITS) - 1;

/** Index of the lowest set bit of a non-zero 32-bit word. */
function lowestBit(w: number): number {
  return 31 - Math.clz32(w & -w);
}

/**
 * A two-level bitmap over offsets [0, size): bit set = not available (taken, or reserved such as
 * IPv4 .0/.255, or past the end). A summary bit per 32-bit word says "that word is full", so the
 * lowest clear bit is found in O(size / 1024) word reads at worst, and O(1) amortized for the usual
 * fill-from-the-bottom, since `cursor` skips the summary words known to be full.
 */
export class TwoLevelBitmap {
  private words: Int32Array;
  private summary: Int32Array;
  /** Every summary word below it is full (-1). */
  private cursor = 0;

  constructor(private size: number) {
    if (!Number.isInteger(size) || size < 0 || size > DENSE_MAX) throw new RangeError(`bitmap size ${size}`);
    const nWords = Math.ceil(size / 32);
    this.words = new Int32Array(nWords);
    this.summary = new Int32Array(Math.ceil(nWords / 32));
    // Bits past the end, and summary bits of words past the end, are set so no search returns them.
    for (let o = size; o < nWords * 32; o++) this.set(o);
    for (let w = nWords; w < this.summary.length * 32; w++) this.summary[w >>> 5]! |= 1 << (w & 31);
  }

  get length(): number {
    return this.size;
  }

  /**
   * Extends the bitmap to a larger size, keeping its bits. The current size must be a multiple of
   * 1,024 (whole summary words), so no bit past the old end was set.
   */
  grow(size: number): void {
    if (this.size % 1024 !== 0 || size < this.size)
      throw new RangeError(`cannot grow ${this.size} to ${size}`);
    const bigger = new TwoLevelBitmap(size);
    bigger.words.set(this.words);
    bigger.summary.set(this.summary);
    this.words = bigger.words;
    this.summary = bigger.summary;
    this.size = size;
  }

  has(offset: number): boolean {
    return (this.words[offset >>> 5]! & (1 << (offset & 31))) !== 0;
  }

  set(offset: number): void {
    const w = offset >>> 5;
    const v = this.words[w]! | (1 << (offset & 31));
    this.words[w] = v;
    if (v === -1) this.summary[w >>> 5]! |= 1 << (w & 31);
  }

  clear(offset: number): void {
    const w = offset >>> 5;
    this.words[w]! &= ~(1 << (offset & 31));
    const s = w >>> 5;
    this.summary[s]! &= ~(1 << (w & 31));
    if (s < this.cursor) this.cursor = s;
  }

  /** The lowest clear offset, or -1 when every bit is set. */
  lowestClear(): number {
    const summary = this.summary;
    for (let s = this.cursor; s < summary.length; s++) {
      const sw = summary[s]!;
      if (sw === -1) continue;
      this.cursor = s;
      const w = (s << 5) | lowestBit(~sw);
      return (w << 5) | lowestBit(~this.words[w]!);
    }
    this.cursor = summary.length;
    return -1;
  }
}

/**
 * Which offsets of a block of at most DENSE_MAX addresses are in use, and by whom: the bitmap answers
 * "lowest free" and typed-array pages hold each offset's owner ref (a non-zero int32, 0 = free), so
 * neither path hashes and a use costs no object. Pages are created on first use, so a big, mostly
 * empty block stays small.
 */
export class DenseIndex {
  private readonly bits: TwoLevelBitmap;
  private readonly pages: (Int32Array | undefined)[];
  count = 0;

  constructor(size: number) {
    this.bits = new TwoLevelBitmap(size);
    this.pages = new Array<Int32Array | undefined>(Math.ceil(size / (PAGE_MASK + 1))).fill(undefined);
  }

  /** Offsets covered: [0, size). */
  get size(): number {
    return this.bits.length;
  }

  /** Covers more offsets (see TwoLevelBitmap.grow); the new ones are free. */
  grow(size: number): void {
    this.bits.grow(size);
    while (this.pages.length < Math.ceil(size / (PAGE_MASK + 1))) this.pages.push(undefined);
  }

  /** Makes an offset never free (IPv4 .0/.255 of pools avoiding buggy IPs); it is not counted. */
  reserve(offset: number): void {
    this.bits.set(offset);
  }

  /** The owner ref at the offset, 0 when free. */
  get(offset: number): number {
    const page = this.pages[offset >>> PAGE_BITS];
    return page === undefined ? 0 : page[offset & PAGE_MASK]!;
  }

  /** The lowest free (not used, not reserved) offset, or -1. */
  lowestFree(): number {
    return this.bits.lowestClear();
  }

  /** Records a non-zero owner ref at the offset (re-taking replaces the owner). */
  take(offset: number, ref: number): void {
    let page = this.pages[offset >>> PAGE_BITS];
    if (page === undefined) {
      page = new Int32Array(PAGE_MASK + 1);
      this.pages[offset >>> PAGE_BITS] = page;
    }
    if (page[offset & PAGE_MASK] === 0) this.count++;
    page[offset & PAGE_MASK] = ref;
    this.bits.set(offset);
  }

  release(offset: number): boolean {
    const page = this.pages[offset >>> PAGE_BITS];
    if (page === undefined || page[offset & PAGE_MASK] === 0) return false;
    page[offset & PAGE_MASK] = 0;
    this.count--;
    this.bits.clear(offset);
    return true;
  }
}
