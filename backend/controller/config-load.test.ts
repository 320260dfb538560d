import { describe, expect, it } from 'vitest';
import type { IPAddressPool } from '../../api/types';
import { loadConfig } from './config-load';
import { newer, statusPatch } from './service-status';

const pool = (
  name: string,
  addresses: string[],
  extra: Partial<IPAddressPool['spec']> = {},
): IPAddressPool => ({
  apiVersion: 'metallb.io/v1beta1',
  kind: 'IPAddressPool',
  metadata: { name, namespace: 'metallb-system', generation: 1 },
  spec: { addresses, ...extra },
});

describe('loadConfig', () => {
  it('loads valid pools, sorted by name', () => {
    const r = loadConfig(
      { pools: [pool('b', ['10.0.1.0/24']), pool('a', ['10.0.0.0/24'])], communities: [], namespaces: [] },
      'metallb-system',
      'native',
    );
    expect(r.ok && r.pools.map((p) => p.name)).toEqual(['a', 'b']);
  });

  it('refuses overlapping pools with a message naming both', () => {
    const r = loadConfig(
      { pools: [pool('a', ['10.0.0.0/24']), pool('b', ['10.0.0.128/25'])], communities: [], namespaces: [] },
      'metallb-system',
      'native',
    );
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors.join()).toMatch(/overlap/);
  });

  it('ignores status in its signature but follows spec and namespace selector resolution', () => {
    const sel = pool('s', ['10.0.0.0/24'], {
      serviceAllocation: { namespaceSelectors: [{ matchLabels: { t: 'x' } }] },
    });
    const base = loadConfig({ pools: [sel], communities: [], namespaces: [] }, 'ns', 'native');
    const withStatus = loadConfig(
      { pools: [{ ...sel, status: { assignedIPv4: 3 } }], communities: [], namespaces: [] },
      'ns',
      'native',
    );
    expect(withStatus.signature).toBe(base.signature);
    const labelled = loadConfig(
      { pools: [sel], communities: [], namespaces: [{ metadata: { name: 'n1', labels: { t: 'x' } } }] },
      'ns',
      'native',
    );
    expect(labelled.signature).not.toBe(base.signature);
    const unrelated = loadConfig(
      { pools: [sel], communities: [], namespaces: [{ metadata: { name: 'n2', labels: { t: 'y' } } }] },
      'ns',
      'native',
    );
    expect(unrelated.signature).toBe(base.signature);
  });
});

describe('Service status writes', () => {
  it('patch the ingress and the pool annotation conditionally on the resourceVersion', () => {
    const svc = { metadata: { name: 's', namespace: 'n', resourceVersion: '42' } };
    expect(statusPatch(svc, { ingressIPs: ['192.0.2.1', '2001:db8::1'], pool: 'p' })).toEqual({
      metadata: { resourceVersion: '42', annotations: { 'metallb.io/ip-allocated-from-pool': 'p' } },
      status: { loadBalancer: { ingress: [{ ip: '192.0.2.1' }, { ip: '2001:db8::1' }] } },
    });
    expect(statusPatch(svc, { ingressIPs: [], pool: undefined })).toEqual({
      metadata: { resourceVersion: '42', annotations: { 'metallb.io/ip-allocated-from-pool': null } },
      status: { loadBalancer: { ingress: null } },
    });
  });

  it('tell the fresher of two copies by resourceVersion', () => {
    const at = (rv: string) => ({ metadata: { resourceVersion: rv } });
    expect(newer(at('100'), at('99'))).toBe(true);
    expect(newer(at('99'), at('100'))).toBe(false);
    expect(newer(at('7'), at('7'))).toBe(false);
    expect(newer(at('x'), at('1'))).toBe(false);
  });
});
