import { describe, expect, it } from 'vitest';
import { emptyPool, poolFromObject, poolToObject } from './convert';

describe('IPAddressPool form conversion', () => {
  it('a new pool carries only what was typed', () => {
    const obj = poolToObject(
      { ...emptyPool(), name: ' web ', addresses: ['192.0.2.0/24', ' ', '2001:db8::/120 '] },
      'metallb-system',
    );
    expect(obj).toEqual({
      apiVersion: 'metallb.io/v1beta1',
      kind: 'IPAddressPool',
      metadata: { name: 'web', namespace: 'metallb-system' },
      spec: { addresses: ['192.0.2.0/24', '2001:db8::/120'] },
    });
  });

  it('writes non-default switches and service allocation', () => {
    const obj = poolToObject(
      {
        ...emptyPool(),
        name: 'p',
        addresses: ['10.0.0.0/8'],
        autoAssign: false,
        avoidBuggyIPs: true,
        priority: '5',
        namespaces: ['a'],
      },
      'ns',
    );
    expect(obj.spec).toEqual({
      addresses: ['10.0.0.0/8'],
      autoAssign: false,
      avoidBuggyIPs: true,
      serviceAllocation: { priority: 5, namespaces: ['a'] },
    });
  });

  it('a priority that is not a number stays visible to validation', () => {
    expect(
      poolToObject({ ...emptyPool(), name: 'p', priority: 'x' }, 'ns').spec.serviceAllocation?.priority,
    ).toBeNaN();
  });

  it('round-trips an existing object and keeps what the form does not edit', () => {
    const existing = {
      apiVersion: 'metallb.io/v1beta1' as const,
      kind: 'IPAddressPool' as const,
      metadata: { name: 'p', namespace: 'ns', labels: { a: 'b' }, resourceVersion: '7' },
      spec: {
        addresses: ['192.0.2.0/24'],
        autoAssign: true,
        serviceAllocation: { priority: 1, serviceSelectors: [{ matchLabels: { app: 'x' } }] },
      },
    };
    const values = poolFromObject(existing);
    expect(values).toEqual({
      name: 'p',
      addresses: ['192.0.2.0/24'],
      autoAssign: true,
      avoidBuggyIPs: false,
      priority: '1',
      namespaces: [],
    });
    expect(poolToObject(values, 'ns', existing)).toEqual(existing);
    const edited = poolToObject({ ...values, priority: '' }, 'ns', existing);
    expect(edited.spec.serviceAllocation).toEqual({ serviceSelectors: [{ matchLabels: { app: 'x' } }] });
  });
});
