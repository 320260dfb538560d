import { describe, expect, it } from 'vitest';
import type { Condition } from '../../api/types';
import { sameConditions } from './metallb-writes';

const c = (type: string, status: Condition['status'], extra: Partial<Condition> = {}): Condition => ({
  type,
  status,
  reason: 'AsExpected',
  message: '',
  lastTransitionTime: '2025-01-01T00:00:00Z',
  ...extra,
});

describe('sameConditions', () => {
  it('compares every field, in order', () => {
    const a = [c('Available', 'True'), c('Degraded', 'False')];
    expect(sameConditions(a, structuredClone(a))).toBe(true);
    expect(sameConditions(undefined, [])).toBe(true);
    expect(sameConditions(undefined, a)).toBe(false);
    expect(sameConditions(a, [c('Available', 'True'), c('Degraded', 'False', { message: 'x' })])).toBe(false);
    expect(
      sameConditions(a, [c('Available', 'True', { observedGeneration: 2 }), c('Degraded', 'False')]),
    ).toBe(false);
  });
});
