import { describe, expect, it } from 'vitest';
import { emptyL2, l2FromObject, l2ToObject } from './convert';

describe('L2Advertisement form conversion', () => {
  it('an empty form advertises every pool', () => {
    expect(l2ToObject({ ...emptyL2(), name: 'all' }, 'ns').spec).toEqual({});
  });

  it('writes pools, interfaces and a node selector', () => {
    const obj = l2ToObject(
      {
        name: 'l2',
        ipAddressPools: ['a', ''],
        poolSelector: { text: 'tier=web', editable: true },
        interfaces: ['eth0'],
        nodeSelector: { text: 'kubernetes.io/hostname=node-1', editable: true },
      },
      'ns',
    );
    expect(obj.spec).toEqual({
      ipAddressPools: ['a'],
      ipAddressPoolSelectors: [{ matchLabels: { tier: 'web' } }],
      interfaces: ['eth0'],
      nodeSelectors: [{ matchLabels: { 'kubernetes.io/hostname': 'node-1' } }],
    });
  });

  it('keeps selectors the form cannot express', () => {
    const existing = {
      apiVersion: 'metallb.io/v1beta1' as const,
      kind: 'L2Advertisement' as const,
      metadata: { name: 'l2', namespace: 'ns' },
      spec: {
        nodeSelectors: [
          { matchExpressions: [{ key: 'a', operator: 'Exists' as const }] },
          { matchLabels: { b: 'c' } },
        ],
      },
    };
    const values = l2FromObject(existing);
    expect(values.nodeSelector).toEqual({ text: '', editable: false });
    expect(l2ToObject(values, 'ns', existing)).toEqual(existing);
  });
});
