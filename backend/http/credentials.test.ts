import { describe, expect, it } from 'vitest';
import { credentialsOf } from './credentials';

describe('credentialsOf', () => {
  it('uses the caller token when there is one, in any mode', () => {
    expect(credentialsOf('Bearer abc', false)).toEqual({ kind: 'token', token: 'abc' });
    expect(credentialsOf('bearer abc', true)).toEqual({ kind: 'token', token: 'abc' });
  });
  it('falls back to the backend credentials only in development', () => {
    expect(credentialsOf(undefined, true)).toEqual({ kind: 'backend' });
    expect(credentialsOf(undefined, false)).toBeUndefined();
    expect(credentialsOf('Basic xyz', false)).toBeUndefined();
  });
});
