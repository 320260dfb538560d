import { formatHextets, type IPFamily } from '../../../api/ip-ranges';
import { DENSE_MAX, DenseIndex } from './dense-index';
import { SparseIndex } from './sparse-index';

/** Addresses per block: offsets stay plain numbers (exact below 2^53), so no bigint in the hot path. */
export const BLOCK_SIZE = 2 ** 52;

const OCTETS = Array.from({ length: 256 }, (_, i) => String(i));
/** Bytes in hex, bare and zero-padded: Number#toString(16) was a tenth of IPv6 allocation time. */
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16));
const HEX2 = HEX.map((h) => h.padStart(2, '0'));

/** A 16-bit group in lowercase hex without leading zeros, as in formatted IPv6. */
function hexGroup(g: number): string {
  return g < 256 ? HEX[g]! : HEX[g >>> 8]! + HEX2[g & 255]!;
}

/**
 * A contiguous run of at most BLOCK_SIZE addresses of one pool, tracking which are in use and by
 * whom, as an owner ref: a non-zero int32 the caller defines (0 = free). Blocks up to DENSE_MAX addresses (any IPv4 pool up to a /8) use a two-level bitmap; larger
 * ones (IPv6) a watermark and a heap of released offsets, which needs no memory per free address.
 */
export class AddressBlock {
  private readonly index: DenseIndex | SparseIndex;
  /** First address as a number (IPv4 only). */
  private readonly firstNum: number;
  /** First address as 16-bit groups (IPv6 only), for fast formatting. */
  private readonly firstGroups: number[] | undefined;
  /**
   * The text of the last formatted address without its last part (IPv4 "a.b.c.", IPv6 everything
   * before the last group, valid when that group is not 0), and which /24 or /112 it belongs to:
   * allocation walks addresses in order, so this saves most of the formatting.
   */
  private prefixKey = -1;
  private prefix = '';

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
    if (size > DENSE_MAX) {
      this.index = new SparseIndex(size, avoidBuggy ? (o) => this.isBuggy(o) : undefined);
      return;
    }
    const dense = new DenseIndex(size);
    if (avoidBuggy) {
      // Offsets of the first .0 and the first .255, then every 256.
      const low = this.firstNum & 255;
      for (let o = (256 - low) & 255; o < size; o += 256) dense.reserve(o);
      for (let o = 255 - low; o < size; o += 256) dense.reserve(o);
    }
    this.index = dense;
  }

  /** Offsets in use. */
  get count(): number {
    return this.index.count;
  }

  /** The owner ref at the offset, 0 when free. */
  get(offset: number): number {
    return this.index.get(offset);
  }

  isBuggy(offset: number): boolean {
    if (!this.avoidBuggy) return false;
    const low = (this.firstNum + offset) & 255;
    return low === 0 || low === 255;
  }

  /** The lowest free, allocatable offset, or -1. */
  lowestFree(): number {
    return this.index.lowestFree();
  }

  take(offset: number, ref: number): void {
    this.index.take(offset, ref);
  }

  release(offset: number): void {
    // A buggy IP is only ever taken as a mirror of an overlapping pool's use: it stays unavailable.
    if (this.index.release(offset) && this.index instanceof DenseIndex && this.isBuggy(offset)) {
      this.index.reserve(offset);
    }
  }

  format(offset: number): string {
    if (this.family === 4) {
      const v = this.firstNum + offset;
      const key = v >>> 8;
      if (key !== this.prefixKey) {
        this.prefixKey = key;
        this.prefix = `${v >>> 24}.${(v >>> 16) & 255}.${key & 255}.`;
      }
      return this.prefix + OCTETS[v & 255]!;
    }
    const fg = this.firstGroups!;
    const s = fg[7]! + offset;
    const last = s % 65536;
    const key = Math.floor(s / 65536);
    if (key === this.prefixKey && last !== 0) return this.prefix + hexGroup(last);
    const g = fg.slice();
    g[7] = last;
    let carry = key;
    for (let i = 6; i >= 0 && carry > 0; i--) {
      const t = g[i]! + (carry % 65536);
      carry = Math.floor(carry / 65536) + (t >= 65536 ? 1 : 0);
      g[i] = t % 65536;
    }
    if (last === 0) return formatHextets(g);
    // With a non-zero last group the zero compression is decided by the other groups alone.
    g[7] = 1;
    this.prefixKey = key;
    this.prefix = formatHextets(g).slice(0, -1);
    return this.prefix + hexGroup(last);
  }

  value(offset: number): bigint {
    return this.first + BigInt(offset);
  }
}
