import { describe, expect, it } from 'vitest';
import { STATUS_LABELS, statusServiceRef } from './operand';

describe('statusServiceRef', () => {
  it('reads the status fields first', () => {
    const obj = {
      metadata: { labels: { [STATUS_LABELS.serviceName]: 'old', [STATUS_LABELS.serviceNamespace]: 'x' } },
      status: { serviceName: 'web', serviceNamespace: 'shop' },
    };
    expect(statusServiceRef(obj)).toEqual({ name: 'web', namespace: 'shop' });
  });

  it('falls back to the labels every speaker sets', () => {
    const obj = {
      metadata: { labels: { [STATUS_LABELS.serviceName]: 'web', [STATUS_LABELS.serviceNamespace]: 'shop' } },
    };
    expect(statusServiceRef(obj)).toEqual({ name: 'web', namespace: 'shop' });
  });

  it('leaves out what neither says', () => {
    expect(statusServiceRef({ metadata: {} })).toEqual({});
  });
});
