import { describe, expect, it } from 'vitest';
import { attrError, ErrorTally, isAttrError } from './decoder';

const EMPTY = new Uint8Array(0);

describe('ErrorTally', () => {
  it('is usable until something stronger than a discard happens', () => {
    const t = new ErrorTally();
    expect(t.usable).toBe(true);
    t.record(attrError('discard', 5, EMPTY, 'a'), 6);
    expect(t.usable).toBe(true);
    t.record(attrError('withdraw', 9, EMPTY, 'b'), 8);
    expect(t.usable).toBe(false);
  });

  it('keeps the first error of the strongest severity and lists only the discards', () => {
    const t = new ErrorTally();
    t.record(attrError('withdraw', 1, EMPTY, 'first'), 1);
    t.record(attrError('discard', 5, EMPTY, 'dropped'), 7);
    t.record(attrError('withdraw', 2, EMPTY, 'second'), 2);
    expect(t.worst?.note.reason).toBe('first');
    t.record(attrError('reset', 4, EMPTY, 'reset'), 14);
    expect(t.worst?.note.reason).toBe('reset');
    expect(t.discarded).toEqual([7]);
  });
});

it('tells errors from decoded fields', () => {
  expect(isAttrError(attrError('withdraw', 1, EMPTY, 'x'))).toBe(true);
  expect(isAttrError({ origin: 0 })).toBe(false);
  expect(attrError('withdraw', 6, Uint8Array.of(1), 'x').note.notification).toEqual({
    code: 3,
    subcode: 6,
    data: Uint8Array.of(1),
  });
});
