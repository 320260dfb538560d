import { describe, expect, it } from 'vitest';
import { allCRDs } from './crds';
import { apiVersionOf, knownKind, KUBE_KINDS, METALLB_KINDS, resourcePath } from './kinds';

describe('resourcePath', () => {
  it('builds collection, object and subresource paths for namespaced custom kinds', () => {
    const pool = METALLB_KINDS.IPAddressPool;
    expect(resourcePath(pool)).toBe('/apis/metallb.io/v1beta1/ipaddresspools');
    expect(resourcePath(pool, { namespace: 'metallb-system' })).toBe(
      '/apis/metallb.io/v1beta1/namespaces/metallb-system/ipaddresspools',
    );
    expect(resourcePath(pool, { namespace: 'ns', name: 'a', subresource: 'status' })).toBe(
      '/apis/metallb.io/v1beta1/namespaces/ns/ipaddresspools/a/status',
    );
  });

  it('uses /api for the core group and ignores a namespace for cluster-scoped kinds', () => {
    expect(resourcePath(KUBE_KINDS.Service, { namespace: 'ns', name: 'web' })).toBe(
      '/api/v1/namespaces/ns/services/web',
    );
    expect(resourcePath(KUBE_KINDS.Node, { namespace: 'ns', name: 'n1' })).toBe('/api/v1/nodes/n1');
  });

  it('escapes names so they cannot change the path', () => {
    expect(resourcePath(KUBE_KINDS.Secret, { namespace: 'ns', name: 'a/../b' })).toBe(
      '/api/v1/namespaces/ns/secrets/a%2F..%2Fb',
    );
  });
});

describe('the kind table', () => {
  it('agrees with every CRD we install (group, storage version, plural, scope)', () => {
    for (const crd of allCRDs()) {
      const storage = crd.spec.versions.find((v) => v.storage)!.name;
      const kind = METALLB_KINDS[crd.spec.names.kind as keyof typeof METALLB_KINDS];
      expect(kind, crd.spec.names.kind).toEqual({
        group: crd.spec.group,
        version: storage,
        kind: crd.spec.names.kind,
        plural: crd.spec.names.plural,
        namespaced: crd.spec.scope === 'Namespaced',
      });
    }
    expect(Object.keys(METALLB_KINDS).length).toBe(allCRDs().length);
  });

  it('finds a kind by apiVersion and kind, and not at another version', () => {
    expect(knownKind('apps/v1', 'Deployment')).toBe(KUBE_KINDS.Deployment);
    expect(knownKind('metallb.io/v1beta2', 'BGPPeer')).toBe(METALLB_KINDS.BGPPeer);
    expect(knownKind('metallb.io/v1beta1', 'BGPPeer')).toBeUndefined();
    expect(apiVersionOf(KUBE_KINDS.Pod)).toBe('v1');
  });
});
