import { describe, expect, it } from 'vitest';
import { sortL2Candidates } from './election';
import { candidateGroup, L2RankingMemo } from './l2-ranking';
import { prng } from '../test-prng';

const ALL = Array.from({ length: 24 }, (_, i) => `node-${i}`);
const IPS = Array.from({ length: 40 }, (_, i) => `192.0.2.${i}`);

describe('L2RankingMemo', () => {
  it('gives the same winner as a full sort while nodes leave, join and change scores', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const rnd = prng(seed);
      const memo = new L2RankingMemo();
      let alive = new Set(ALL.filter(() => rnd() < 0.8));
      let scores = new Map<string, number>();
      for (let step = 0; step < 60; step++) {
        // A few nodes leave or join; now and then preferences move (scores change).
        const next = new Set(alive);
        for (let k = Math.floor(rnd() * 4); k > 0; k--) {
          const n = ALL[Math.floor(rnd() * ALL.length)]!;
          if (next.has(n)) next.delete(n);
          else next.add(n);
        }
        if (rnd() < 0.2)
          scores = new Map(ALL.filter(() => rnd() < 0.2).map((n) => [n, 1 + Math.floor(rnd() * 3)]));
        alive = next;
        const names = ALL.filter((n) => alive.has(n));
        memo.beginPass();
        const g = memo.group('ads', () => candidateGroup(names, scores));
        for (const ip of IPS.filter(() => rnd() < 0.9)) {
          const expected = sortL2Candidates(names, ip, scores)[0] ?? null;
          expect(memo.winner(ip, g), `seed ${seed} step ${step} ${ip}`).toBe(expected);
        }
        memo.endPass();
      }
    }
  });

  it('keeps the same group object while its candidates do not change, so winners are not recomputed', () => {
    const memo = new L2RankingMemo();
    memo.beginPass();
    const first = memo.group('a', () => candidateGroup(['n1', 'n2'], new Map()));
    memo.endPass();
    memo.beginPass();
    const again = memo.group('a', () => candidateGroup(['n1', 'n2'], new Map()));
    const other = memo.group('b', () => candidateGroup(['n1'], new Map()));
    memo.endPass();
    expect(again).toBe(first);
    expect(other).not.toBe(first);
    memo.beginPass();
    const changed = memo.group('a', () => candidateGroup(['n1', 'n2'], new Map([['n2', 5]])));
    expect(changed).not.toBe(first);
    expect(memo.winner('192.0.2.1', changed)).toBe('n2');
  });

  it('answers null when no node is a candidate, and recovers when one joins', () => {
    const memo = new L2RankingMemo();
    memo.beginPass();
    expect(
      memo.winner(
        '192.0.2.1',
        memo.group('a', () => candidateGroup([], new Map())),
      ),
    ).toBeNull();
    memo.endPass();
    memo.beginPass();
    expect(
      memo.winner(
        '192.0.2.1',
        memo.group('a', () => candidateGroup(['n1'], new Map())),
      ),
    ).toBe('n1');
  });
});
