import { describe, expect, it } from 'vitest';
import { configurationStateStatus } from './configuration-state';

describe('configurationStateStatus', () => {
  const t0 = new Date('2026-01-01T00:00:00Z');
  const t1 = new Date('2026-01-02T00:00:00Z');

  it('is Valid with a True poolReconcilerValid condition', () => {
    expect(configurationStateStatus([], undefined, t0)).toEqual({
      result: 'Valid',
      errorSummary: '',
      conditions: [
        {
          type: 'poolReconcilerValid',
          status: 'True',
          reason: 'Reconciled',
          message: '',
          lastTransitionTime: '2026-01-01T00:00:00Z',
        },
      ],
    });
  });

  it('is Invalid with the errors, keeping the transition time while the status holds', () => {
    const first = configurationStateStatus(['a is wrong', 'b is wrong'], undefined, t0);
    expect(first).toMatchObject({ result: 'Invalid', errorSummary: 'a is wrong\nb is wrong' });
    expect(first.conditions?.[0]).toMatchObject({ status: 'False', reason: 'ConfigurationError' });
    const again = configurationStateStatus(['a is wrong'], first.conditions, t1);
    expect(again.conditions?.[0]?.lastTransitionTime).toBe('2026-01-01T00:00:00Z');
    const fixed = configurationStateStatus([], again.conditions, t1);
    expect(fixed.conditions?.[0]?.lastTransitionTime).toBe('2026-01-02T00:00:00Z');
  });
});
