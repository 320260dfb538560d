import { describe, expect, it } from 'vitest';
import { Freshest } from './freshest';

const obj = (rv: string, note: string) => ({ metadata: { uid: 'u1', resourceVersion: rv }, note });

describe('Freshest', () => {
  it('prefers what our write returned while the cache still holds an older version', () => {
    const f = new Freshest<ReturnType<typeof obj>>();
    f.record(obj('1', 'cached'), obj('2', 'finalizer'));
    f.record(obj('2', 'finalizer'), obj('3', 'status'));
    expect(f.get(obj('1', 'cached')).note).toBe('status');
    expect(f.get(obj('2', 'finalizer')).note).toBe('status');
  });

  it('takes the cache once it moved past our writes', () => {
    const f = new Freshest<ReturnType<typeof obj>>();
    f.record(obj('1', 'cached'), obj('2', 'ours'));
    expect(f.get(obj('5', 'someone else')).note).toBe('someone else');
    // and forgets: an old version seen later is not replaced any more
    expect(f.get(obj('1', 'cached')).note).toBe('cached');
  });

  it('forgets objects that are gone', () => {
    const f = new Freshest<ReturnType<typeof obj>>();
    f.record(obj('1', 'cached'), obj('2', 'ours'));
    f.retain([]);
    expect(f.get(obj('1', 'cached')).note).toBe('cached');
  });
});
