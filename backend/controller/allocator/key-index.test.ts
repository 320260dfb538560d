import { describe, expect, it } from 'vitest';
import { hashKey, KeyIndex } from './key-index';

/** A tiny deterministic PRNG so failures reproduce. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface Item {
  key: string;
  n: number;
}

/** Drives a KeyIndex and a Map side by side; ids are handed out as ServiceTable does. */
function model(seed: number) {
  const index = new KeyIndex<Item>(seed);
  const map = new Map<string, number>();
  const free: number[] = [];
  let next = 0;
  return {
    index,
    map,
    add(key: string, n = 0) {
      const id = free.pop() ?? next++;
      // As the allocator does: look the key up first, so add reuses the slot the miss stopped at.
      if (n % 2 === 0) expect(index.get(key)).toBe(-1);
      index.add({ key, n }, id);
      map.set(key, id);
    },
    delete(key: string) {
      const id = map.get(key)!;
      index.delete(id);
      map.delete(key);
      free.push(id);
    },
    check(keys: Iterable<string>) {
      for (const k of keys) expect(index.get(k), k).toBe(map.get(k) ?? -1);
      for (const [k, id] of map) expect(index.item(id)?.key).toBe(k);
      expect(index.size).toBe(map.size);
    },
  };
}

describe('KeyIndex', () => {
  it.each([1, 2, 3])('answers like a Map under random adds and deletes across resizes (seed %i)', (seed) => {
    const r = rng(seed);
    const m = model(seed);
    const universe = Array.from({ length: 6000 }, (_, i) => `ns-${i % 7}/svc-${i}`);
    for (let step = 0; step < 30000; step++) {
      const key = universe[Math.floor(r() * universe.length)]!;
      // Mostly adds at first, so the table grows past several resizes, then churn.
      if (!m.map.has(key) && (step < 15000 || r() < 0.5)) m.add(key, step);
      else if (m.map.has(key)) m.delete(key);
      if (step % 3000 === 0) m.check(universe);
    }
    m.check(universe);
  });

  // Home slot 2046: the run wraps around the end of the table. Keys whose home lies inside the run
  // must stay put when a key before them is deleted; the others move back into the hole.
  it.each([5, 2046])(
    'keeps a collision cluster findable when keys inside it are deleted (home %i)',
    (home) => {
      const seed = 42;
      const withHome = (h: number, n: number) => {
        const keys: string[] = [];
        for (let i = 0; keys.length < n; i++) {
          const key = `default/collide-${h}-${i}`;
          if ((hashKey(key, seed) & 2047) === h) keys.push(key);
        }
        return keys;
      };
      // In the initial table (2,048 slots): a key homed 2 slots later, then a run of 6 from `home`.
      const later = withHome((home + 2) & 2047, 3);
      const first = withHome(home, 6);
      const all = [later[0]!, ...first, ...later.slice(1)];
      const m = model(seed);
      for (const k of all) m.add(k);
      for (const k of [first[1]!, first[0]!, later[0]!, first[5]!]) {
        m.delete(k);
        m.check(all);
      }
      m.add(first[0]!);
      m.check(all);
      // A miss remembers where its key would go; a delete in between moves the run, so add must
      // not trust that slot (odd n: add without its own lookup).
      const extra = withHome(home, 7)[6]!;
      expect(m.index.get(extra)).toBe(-1);
      m.delete(first[2]!);
      m.add(extra, 1);
      m.check([...all, extra]);
    },
  );

  it('finds a key given as another string with the same text, and replaces items in place', () => {
    const m = model(7);
    m.add('default/a', 1);
    const sameText = ['default', 'a'].join('/');
    expect(m.index.get(sameText)).toBe(0);
    m.index.replace(0, { key: 'default/a', n: 2 });
    expect(m.index.item(m.index.get('default/a'))!.n).toBe(2);
    m.index.clear();
    expect([m.index.get('default/a'), m.index.size]).toEqual([-1, 0]);
  });

  it('does not depend on the seed for ids', () => {
    const ids = (seed: number) => {
      const m = model(seed);
      for (let i = 0; i < 3000; i++) m.add(`k${i}`);
      return Array.from({ length: 3000 }, (_, i) => m.index.get(`k${i}`));
    };
    expect(ids(1)).toEqual(ids(123456));
  });
});
