import { describe, expect, it } from 'vitest';
import type { LabelSelector } from '../../../api/types';
import { compileSelector } from './label-selector';

describe('compileSelector', () => {
  const labels = { app: 'web', tier: 'front' };
  it.each<[LabelSelector, boolean]>([
    [{}, true],
    [{ matchLabels: { app: 'web' } }, true],
    [{ matchLabels: { app: 'web', tier: 'back' } }, false],
    [{ matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }] }, true],
    [{ matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] }, false],
    [{ matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }, true],
    [{ matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, true],
    [{ matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, false],
    [{ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'zone', operator: 'Exists' }] }, false],
  ])('%j -> %s', (sel, want) => {
    const m = compileSelector(sel);
    expect(typeof m).toBe('function');
    if (typeof m === 'function') expect(m(labels)).toBe(want);
  });

  it('rejects invalid selectors', () => {
    expect(compileSelector({ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] })).toMatch(
      'values must be empty',
    );
    expect(
      compileSelector({ matchExpressions: [{ key: 'a', operator: 'Near' as 'In', values: ['x'] }] }),
    ).toMatch('unknown operator "Near"');
  });
});
