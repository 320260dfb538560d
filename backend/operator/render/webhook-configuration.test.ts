import { describe, expect, it } from 'vitest';
import { env } from '../test-fixtures';
import { webhookConfiguration } from './webhook-configuration';

const hooks = (e = env) => webhookConfiguration(e).webhooks ?? [];
const byResource = (plural: string) => hooks().find((h) => h.rules?.[0]?.resources?.includes(plural))!;

describe('ValidatingWebhookConfiguration', () => {
  it('is named metallb-webhook-configuration and has no owner reference (cluster-scoped)', () => {
    const w = webhookConfiguration(env);
    expect(w.metadata?.name).toBe('metallb-webhook-configuration');
    expect(w.metadata?.ownerReferences).toBeUndefined();
  });

  it.each([
    ['bfdprofiles', '/validate-metallb-io-v1beta1-bfdprofile', 'v1beta1', ['CREATE', 'DELETE']],
    ['bgpadvertisements', '/validate-metallb-io-v1beta1-bgpadvertisement', 'v1beta1', ['CREATE', 'UPDATE']],
    ['bgppeers', '/validate-metallb-io-v1beta2-bgppeer', 'v1beta2', ['CREATE', 'UPDATE']],
    ['communities', '/validate-metallb-io-v1beta1-community', 'v1beta1', ['CREATE', 'UPDATE']],
    ['ipaddresspools', '/validate-metallb-io-v1beta1-ipaddresspool', 'v1beta1', ['CREATE', 'UPDATE']],
    ['l2advertisements', '/validate-metallb-io-v1beta1-l2advertisement', 'v1beta1', ['CREATE', 'UPDATE']],
    ['metallbs', '/validate-metallb-io-v1beta1-metallb', 'v1beta1', ['CREATE', 'UPDATE']],
  ])('validates %s at %s (%s) on %j', (plural, path, version, operations) => {
    const h = byResource(plural);
    expect(h.clientConfig.service).toEqual({
      name: 'metallb-webhook-service',
      namespace: 'metallb-system',
      path,
      port: 443,
    });
    expect(h.rules).toEqual([
      { apiGroups: ['metallb.io'], apiVersions: [version], operations, resources: [plural] },
    ]);
    expect(h.sideEffects).toBe('None');
    expect(h.admissionReviewVersions).toEqual(['v1']);
  });

  it('has exactly one webhook per kind, with unique names', () => {
    expect(hooks()).toHaveLength(7);
    expect(new Set(hooks().map((h) => h.name)).size).toBe(7);
  });

  it('fails closed for configuration kinds, and open for MetalLB so a broken controller cannot lock out the fix', () => {
    for (const h of hooks()) {
      const plural = h.rules?.[0]?.resources?.[0];
      expect(h.failurePolicy).toBe(plural === 'metallbs' ? 'Ignore' : 'Fail');
    }
  });

  it('carries the CA bundle from the environment when given, and leaves the field alone otherwise', () => {
    for (const h of hooks()) expect(h.clientConfig).not.toHaveProperty('caBundle');
    for (const h of hooks({ ...env, webhookCABundle: 'LS0tLS1CRUdJTg==' }))
      expect(h.clientConfig.caBundle).toBe('LS0tLS1CRUdJTg==');
  });
});
