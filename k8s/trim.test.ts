import { describe, expect, it } from 'vitest';
import { LAST_APPLIED_ANNOTATION, trimMetadata } from './trim';

describe('trimMetadata', () => {
  it('drops managedFields and the last-applied annotation, keeping every other annotation', () => {
    const svc = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'web',
        resourceVersion: '7',
        managedFields: [{ manager: 'kubectl' }],
        annotations: { [LAST_APPLIED_ANNOTATION]: '{"huge":true}', 'metallb.io/address-pool': 'a' },
      },
      spec: { type: 'LoadBalancer' },
    };
    expect(trimMetadata(svc)).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', resourceVersion: '7', annotations: { 'metallb.io/address-pool': 'a' } },
      spec: { type: 'LoadBalancer' },
    });
    expect(svc.metadata.managedFields).toHaveLength(1); // the input is not changed
  });

  it('returns the same object when there is nothing to drop', () => {
    const obj = { metadata: { name: 'x', annotations: { a: 'b' } } };
    expect(trimMetadata(obj)).toBe(obj);
  });
});
