import { describe, expect, it } from 'vitest';
import { parseStatus } from './errors';

describe('parseStatus', () => {
  it('takes message and reason from a Status body', () => {
    expect(
      parseStatus('{"kind":"Status","message":"pools.metallb.io \\"a\\" not found","reason":"NotFound"}'),
    ).toEqual({ message: 'pools.metallb.io "a" not found', reason: 'NotFound' });
  });

  it('keeps the text when the body is not a Status with a message', () => {
    expect(parseStatus('upstream connect error')).toEqual({ message: 'upstream connect error' });
    expect(parseStatus('null')).toEqual({ message: 'null' });
    expect(parseStatus('{"reason":"Conflict"}')).toEqual({
      message: '{"reason":"Conflict"}',
      reason: 'Conflict',
    });
  });
});
