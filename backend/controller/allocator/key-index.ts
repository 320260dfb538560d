const EMPTY = 0;
const MIN_SLOTS = 2048;
/**
 * Items are kept in pages of this many: regular heap objects that are never copied. One growing
 * array would move to V8's large-object space past 16K items and cost ~15 ns per item appended
 * (fresh pages for every regrowth) against ~5 ns paged.
 */
const PAGE_BITS = 12;
const PAGE_MASK = (1 << PAGE_BITS) - 1;

/** 32-bit FNV-1a over UTF-16 units from a seed, with a final avalanche so the low bits mix well. */
export function hashKey(key: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * Items by small id (chosen by the caller), and ids by the items' keys. It replaces a
 * `Map<string, number>` in the allocation hot path, where the Map's probes chase pointers (bucket,
 * entry, then the entry's key string) and took 40% of the allocation time on a /16. Here the key
 * lookup is an open-addressing table in one Int32Array of [id + 1, hash] pairs, probed linearly and at
 * most half full: a probe reads one cache line, and only a matching hash reads a key. Deletion shifts
 * later entries back, so no tombstones pile up. The seed is random (as V8 seeds its own string
 * hashes) so that colliding Service names are hard to craft; ids, and so allocation order, do not
 * depend on it.
 */
export class KeyIndex<T extends { readonly key: string }> {
  private slots = new Int32Array(2 * MIN_SLOTS);
  private mask = MIN_SLOTS - 1;
  private readonly pages: (T | undefined)[][] = [];
  private count = 0;
  /** The last key looked up and its hash: allocation looks a key up, then adds it. */
  private lastKey = '';
  private lastHash = 0;
  /** Where that lookup stopped, when it missed: the slot its key goes to (-1 once the table changed). */
  private lastSlot = -1;

  constructor(private readonly seed: number = (Math.random() * 2 ** 32) | 0) {}

  get size(): number {
    return this.count;
  }

  /** The id of the item with this key, or -1. */
  get(key: string): number {
    const slots = this.slots;
    const mask = this.mask;
    const h = hashKey(key, this.seed);
    this.lastKey = key;
    this.lastHash = h;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const v = slots[2 * i]!;
      if (v === EMPTY) {
        this.lastSlot = i;
        return -1;
      }
      if (slots[2 * i + 1] === h && this.item(v - 1)!.key === key) {
        this.lastSlot = -1;
        return v - 1;
      }
    }
  }

  item(id: number): T | undefined {
    return this.pages[id >>> PAGE_BITS]?.[id & PAGE_MASK];
  }

  /** Replaces the item at an id in use by one with the same key. */
  replace(id: number, item: T): void {
    this.pages[id >>> PAGE_BITS]![id & PAGE_MASK] = item;
  }

  /** Adds an item whose key is not present, under a free id (ids are best kept dense: paged). */
  add(item: T, id: number): void {
    if (2 * (this.count + 1) > this.mask + 1) this.resize(2 * (this.mask + 1));
    let page = this.pages[id >>> PAGE_BITS];
    if (page === undefined) {
      page = new Array<T | undefined>(PAGE_MASK + 1).fill(undefined);
      this.pages[id >>> PAGE_BITS] = page;
    }
    page[id & PAGE_MASK] = item;
    if (this.lastSlot >= 0 && item.key === this.lastKey) {
      this.slots[2 * this.lastSlot] = id + 1;
      this.slots[2 * this.lastSlot + 1] = this.lastHash;
    } else {
      this.insert(id + 1, this.hash(item.key));
    }
    this.lastSlot = -1;
    this.count++;
  }

  /** Removes the item at this id (in use) and frees the id. */
  delete(id: number): void {
    const slots = this.slots;
    const mask = this.mask;
    const page = this.pages[id >>> PAGE_BITS]!;
    let i = this.hash(page[id & PAGE_MASK]!.key) & mask;
    while (slots[2 * i] !== id + 1) i = (i + 1) & mask;
    page[id & PAGE_MASK] = undefined;
    this.count--;
    this.lastSlot = -1;
    // Backward shift: move later entries of the run into the hole unless their home is after it.
    for (let j = (i + 1) & mask; slots[2 * j] !== EMPTY; j = (j + 1) & mask) {
      const home = slots[2 * j + 1]! & mask;
      const stays = i <= j ? i < home && home <= j : i < home || home <= j;
      if (stays) continue;
      slots[2 * i] = slots[2 * j]!;
      slots[2 * i + 1] = slots[2 * j + 1]!;
      i = j;
    }
    slots[2 * i] = EMPTY;
    slots[2 * i + 1] = 0;
  }

  clear(): void {
    this.slots = new Int32Array(2 * MIN_SLOTS);
    this.mask = MIN_SLOTS - 1;
    this.pages.length = 0;
    this.count = 0;
    this.lastSlot = -1;
  }

  /** The key's hash, reusing get's when it was for this key (usually the very same string). */
  private hash(key: string): number {
    return key === this.lastKey ? this.lastHash : hashKey(key, this.seed);
  }

  private insert(ref: number, h: number): void {
    const slots = this.slots;
    const mask = this.mask;
    let i = h & mask;
    while (slots[2 * i] !== EMPTY) i = (i + 1) & mask;
    slots[2 * i] = ref;
    slots[2 * i + 1] = h;
  }

  private resize(n: number): void {
    this.lastSlot = -1;
    const old = this.slots;
    this.slots = new Int32Array(2 * n);
    this.mask = n - 1;
    for (let i = 0; i < old.length; i += 2) if (old[i] !== EMPTY) this.insert(old[i]!, old[i + 1]!);
  }
}
