import type { AddressBlock } from './address-block';
import { KeyIndex } from './key-index';
import type { AddressSpan } from './pool-state';
import type { AllocService } from './service-request';

const INITIAL_CAPACITY = 1024;

/**
 * The Services holding IPs, as flat arrays indexed by a small id (ids of removed Services are
 * reused): per Service its description and 1 or 2 IPs (IPv4 first), each as span number and offset.
 * Filling a pool then costs no object per allocation, so the garbage collector has nothing new to
 * copy or promote; IP strings are formatted on demand.
 */
export class ServiceTable {
  /** The Services by id, and ids by key. */
  private readonly ids = new KeyIndex<AllocService>();
  /** Per id, when its Service was first allocated: re-homing keeps that order. */
  private seqs: Float64Array;
  private seq = 0;
  /** IPs held per id: 0 (only between detach and re-commit), 1 or 2. */
  private counts: Uint8Array;
  /** Per IP, at index 2 * id + i: the span's number in `spans` and the offset in its block. */
  private spanIds: Int32Array;
  private offsets: Float64Array;
  /** The spans of the current pools, numbered (AddressSpan.id). */
  private spans: readonly AddressSpan[] = [];
  /**
   * IPs in a block other than their span's head (explicit IPs beyond the first 2^52 addresses of a
   * huge IPv6 range), by IP index: rare enough for a Map.
   */
  private readonly tailBlocks = new Map<number, AddressBlock>();
  private readonly freeIds: number[] = [];
  private next = 0;

  constructor(private capacity = INITIAL_CAPACITY) {
    this.counts = new Uint8Array(capacity);
    this.seqs = new Float64Array(capacity);
    this.spanIds = new Int32Array(2 * capacity);
    this.offsets = new Float64Array(2 * capacity);
  }

  /** The Service's id, or -1. */
  idOf(key: string): number {
    return this.ids.get(key);
  }

  /** Ids in first-allocation order (as a Map would iterate them). */
  allIds(): number[] {
    const ids: number[] = [];
    for (let id = 0; id < this.next; id++) if (this.ids.item(id) !== undefined) ids.push(id);
    return ids.sort((a, b) => this.seqs[a]! - this.seqs[b]!);
  }

  /** Registers a new Service, holding no IP yet. */
  add(svc: AllocService): number {
    let id = this.freeIds.pop();
    if (id === undefined) {
      if (this.next === this.capacity) this.grow();
      id = this.next++;
    }
    this.ids.add(svc, id);
    this.seqs[id] = this.seq++;
    return id;
  }

  /** Forgets the Service; its id will be reused. */
  remove(id: number): void {
    this.ids.delete(id);
    this.clearIPs(id);
    this.freeIds.push(id);
  }

  service(id: number): AllocService {
    return this.ids.item(id)!;
  }

  /** Replaces the Service's description (same key), e.g. on re-assignment. */
  setService(id: number, svc: AllocService): void {
    this.ids.replace(id, svc);
  }

  ipCount(id: number): number {
    return this.counts[id]!;
  }

  span(id: number, i: number): AddressSpan {
    return this.spans[this.spanIds[2 * id + i]!]!;
  }

  block(id: number, i: number): AddressBlock {
    const tail = this.tailBlocks.size === 0 ? undefined : this.tailBlocks.get(2 * id + i);
    return tail ?? this.spans[this.spanIds[2 * id + i]!]!.head;
  }

  offset(id: number, i: number): number {
    return this.offsets[2 * id + i]!;
  }

  /** The IP's text, built from its block (not stored). */
  ip(id: number, i: number): string {
    return this.block(id, i).format(this.offsets[2 * id + i]!);
  }

  /** Adds an IP (at most 2): IPv4 goes first, so dual-stack lists read IPv4, IPv6. */
  addIP(id: number, span: AddressSpan, block: AddressBlock, offset: number): void {
    const n = this.counts[id]!;
    let at = 2 * id + n;
    if (n === 1 && block.family === 4) {
      this.move(at - 1, at);
      at--;
    }
    this.spanIds[at] = span.id;
    this.offsets[at] = offset;
    if (block !== span.head) this.tailBlocks.set(at, block);
    this.counts[id] = n + 1;
  }

  clearIPs(id: number): void {
    if (this.tailBlocks.size > 0) {
      this.tailBlocks.delete(2 * id);
      this.tailBlocks.delete(2 * id + 1);
    }
    this.counts[id] = 0;
  }

  /** Forgets every Service and numbers the spans of a new set of pools. */
  reset(spans: readonly AddressSpan[]): void {
    this.ids.clear();
    this.seq = 0;
    this.freeIds.length = 0;
    this.tailBlocks.clear();
    this.counts.fill(0);
    this.next = 0;
    spans.forEach((s, i) => (s.id = i));
    this.spans = spans;
  }

  private move(from: number, to: number): void {
    this.spanIds[to] = this.spanIds[from]!;
    this.offsets[to] = this.offsets[from]!;
    const tail = this.tailBlocks.get(from);
    if (tail) {
      this.tailBlocks.set(to, tail);
      this.tailBlocks.delete(from);
    }
  }

  private grow(): void {
    const cap = this.capacity * 2;
    const counts = new Uint8Array(cap);
    counts.set(this.counts);
    const seqs = new Float64Array(cap);
    seqs.set(this.seqs);
    this.seqs = seqs;
    const spanIds = new Int32Array(2 * cap);
    spanIds.set(this.spanIds);
    const offsets = new Float64Array(2 * cap);
    offsets.set(this.offsets);
    this.counts = counts;
    this.spanIds = spanIds;
    this.offsets = offsets;
    this.capacity = cap;
  }
}
