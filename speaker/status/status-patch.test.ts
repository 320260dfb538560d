import { describe, expect, it } from 'vitest';
import { sameStatus, statusPatch } from './status-patch';

describe('statusPatch', () => {
  const base = { node: 'n', serviceName: 's', serviceNamespace: 'ns' };
  it.each([
    ['equal, key order aside', { serviceNamespace: 'ns', node: 'n', serviceName: 's' }, base, undefined],
    ['missing status', undefined, base, base],
    [
      'interfaces added',
      base,
      { ...base, interfaces: [{ name: 'eth0' }] },
      { ...base, interfaces: [{ name: 'eth0' }] },
    ],
    ['interfaces dropped', { ...base, interfaces: [{ name: 'eth0' }] }, base, { ...base, interfaces: null }],
    [
      'peers changed',
      { ...base, peers: ['a'] },
      { ...base, peers: ['a', 'b'] },
      { ...base, peers: ['a', 'b'] },
    ],
  ])('%s', (_n, current, desired, want) => {
    expect(statusPatch(current, desired)).toEqual(want);
  });

  it('sameStatus ignores undefined fields', () => {
    expect(sameStatus({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameStatus({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
  });
});
