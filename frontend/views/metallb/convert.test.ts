import { describe, expect, it } from 'vitest';
import { emptyMetalLB, metallbFromObject, metallbToObject } from './convert';

describe('MetalLB form conversion', () => {
  it('a default instance is just its name', () => {
    expect(metallbToObject(emptyMetalLB(), 'metallb-system')).toEqual({
      apiVersion: 'metallb.io/v1beta1',
      kind: 'MetalLB',
      metadata: { name: 'metallb', namespace: 'metallb-system' },
      spec: {},
    });
  });
  it('round-trips', () => {
    const existing = {
      apiVersion: 'metallb.io/v1beta1' as const,
      kind: 'MetalLB' as const,
      metadata: { name: 'metallb', namespace: 'ns' },
      spec: {
        logLevel: 'debug' as const,
        bgpBackend: 'frr' as const,
        nodeSelector: { 'node-role.kubernetes.io/worker': '' },
      },
    };
    expect(metallbToObject(metallbFromObject(existing), 'ns', existing)).toEqual(existing);
  });
});
