import { describe, expect, it } from 'vitest';
import type { LabelSelector, LabelSelectorRequirement } from '../types';
import { anySelectorMatches, compileSelector, selectorMatches, selectorProblems } from './label-selector';

const expr = (
  key: string,
  operator: LabelSelectorRequirement['operator'],
  values?: string[],
): LabelSelectorRequirement => (values ? { key, operator, values } : { key, operator });

function compiled(sel: LabelSelector) {
  const m = compileSelector(sel);
  if (typeof m === 'string') throw new Error(`unexpected: ${m}`);
  return m;
}

describe('label selectors match like Kubernetes (selectorMatches and compileSelector agree)', () => {
  const labels = { app: 'web', tier: 'front' };
  it.each<[LabelSelector, boolean]>([
    [{}, true],
    [{ matchLabels: {}, matchExpressions: [] }, true],
    [{ matchLabels: { app: 'web' } }, true],
    [{ matchLabels: { app: 'db' } }, false],
    [{ matchLabels: { app: 'web', tier: 'back' } }, false],
    [{ matchLabels: { zone: 'a' } }, false],
    [{ matchExpressions: [expr('app', 'In', ['web', 'db'])] }, true],
    [{ matchExpressions: [expr('app', 'In', ['api'])] }, false],
    [{ matchExpressions: [expr('zone', 'In', ['a'])] }, false],
    [{ matchExpressions: [expr('app', 'NotIn', ['web'])] }, false],
    [{ matchExpressions: [expr('zone', 'NotIn', ['a'])] }, true],
    [{ matchExpressions: [expr('tier', 'Exists')] }, true],
    [{ matchExpressions: [expr('zone', 'Exists')] }, false],
    [{ matchExpressions: [expr('tier', 'DoesNotExist')] }, false],
    [{ matchExpressions: [expr('zone', 'DoesNotExist')] }, true],
    [{ matchLabels: { app: 'web' }, matchExpressions: [expr('zone', 'Exists')] }, false],
    [{ matchLabels: { app: 'web' }, matchExpressions: [expr('tier', 'In', ['front'])] }, true],
  ])('%j -> %s', (sel, want) => {
    expect(selectorMatches(sel, labels)).toBe(want);
    expect(compiled(sel)(labels)).toBe(want);
  });

  it('reads missing labels as no labels', () => {
    expect(selectorMatches({}, undefined)).toBe(true);
    expect(selectorMatches({ matchExpressions: [expr('a', 'DoesNotExist')] }, undefined)).toBe(true);
    expect(selectorMatches({ matchLabels: { a: 'b' } }, undefined)).toBe(false);
  });

  it('does not take inherited object properties for labels', () => {
    for (const key of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const exists = { matchExpressions: [expr(key, 'Exists')] };
      const absent = { matchExpressions: [expr(key, 'DoesNotExist')] };
      expect(selectorMatches(exists, {}), key).toBe(false);
      expect(compiled(exists)({}), key).toBe(false);
      expect(selectorMatches(absent, {}), key).toBe(true);
      expect(compiled(absent)({}), key).toBe(true);
    }
  });

  it('matches a label whose value is the empty string', () => {
    const sel = { matchLabels: { edge: '' }, matchExpressions: [expr('edge', 'In', [''])] };
    expect(selectorMatches(sel, { edge: '' })).toBe(true);
    expect(selectorMatches(sel, {})).toBe(false);
  });
});

describe('selector lists', () => {
  it('OR the selectors; an empty list selects nothing (callers decide what "no selectors" means)', () => {
    const list: LabelSelector[] = [{ matchLabels: { a: '1' } }, { matchLabels: { b: '2' } }];
    expect(anySelectorMatches(list, { b: '2' })).toBe(true);
    expect(anySelectorMatches(list, { c: '3' })).toBe(false);
    expect(anySelectorMatches([], { a: '1' })).toBe(false);
    expect(anySelectorMatches([{}], {})).toBe(true);
  });
});

describe('compileSelector refuses what LabelSelectorAsSelector refuses', () => {
  it.each<[LabelSelector, string]>([
    [{ matchExpressions: [expr('a', 'Exists', ['x'])] }, 'values must be empty for operator Exists'],
    [
      { matchExpressions: [expr('a', 'DoesNotExist', ['x'])] },
      'values must be empty for operator DoesNotExist',
    ],
    [{ matchExpressions: [expr('a', 'In')] }, 'values must be non-empty for operator In'],
    [{ matchExpressions: [expr('a', 'NotIn', [])] }, 'values must be non-empty for operator NotIn'],
    [{ matchExpressions: [expr('a', 'Near' as 'In', ['x'])] }, 'invalid operator "Near"'],
    [{ matchExpressions: [expr('a', 'Exists'), expr('b', 'In')] }, 'operator In'],
  ])('%j', (sel, message) => {
    const m = compileSelector(sel);
    expect(typeof m).toBe('string');
    expect(m).toContain('invalid label selector: ');
    expect(m).toContain(message);
  });

  it('with the same wording as the field problems the validation core reports', () => {
    const sel = { matchExpressions: [expr('a', 'Exists', ['x'])] };
    const [problem] = selectorProblems(sel, 'spec.serviceSelectors[0]');
    expect(problem).toEqual({
      field: 'spec.serviceSelectors[0].matchExpressions[0].values',
      detail: 'values must be empty for operator Exists',
    });
    expect(compileSelector(sel)).toBe(`invalid label selector: ${problem!.detail}`);
  });
});

describe('selectorMatches is lenient with selectors that are reported separately', () => {
  const labels = { app: 'web' };
  it.each<[string, LabelSelector, boolean]>([
    [
      'an unknown operator selects nothing',
      { matchExpressions: [expr('app', 'Near' as 'In', ['web'])] },
      false,
    ],
    ['In without values selects nothing', { matchExpressions: [expr('app', 'In', [])] }, false],
    ['NotIn without values selects everything', { matchExpressions: [expr('app', 'NotIn', [])] }, true],
    ['Exists with values checks existence', { matchExpressions: [expr('app', 'Exists', ['x'])] }, true],
    [
      'a null expression selects nothing',
      { matchExpressions: [null as unknown as LabelSelectorRequirement] },
      false,
    ],
    ['a non-list matchExpressions is ignored', { matchExpressions: 'app' as unknown as [] }, true],
  ])('%s', (_name, sel, want) => expect(selectorMatches(sel, labels)).toBe(want));

  it('reads a null selector (a null list item) as the empty selector', () => {
    const nul = null as unknown as LabelSelector;
    expect(selectorMatches(nul, labels)).toBe(true);
    expect(compiled(nul)(labels)).toBe(true);
  });
});
