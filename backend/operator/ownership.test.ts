import { describe, expect, it } from 'vitest';
import { belongsTo } from './ownership';
import type { LiveObject } from './operand';

const crb = (name: string, ns: string): LiveObject => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRoleBinding',
  metadata: { name },
  subjects: [{ kind: 'ServiceAccount', name: 'speaker', namespace: ns }],
});
const clusterRole = (name: string): LiveObject => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRole',
  metadata: { name },
});

describe('belongsTo', () => {
  it('follows the namespace a binding, webhook or console plugin points at', () => {
    expect(belongsTo(crb('metallb:speaker', 'metallb-system'), 'metallb-system', [])).toBe(true);
    expect(belongsTo(crb('metallb:speaker', 'elsewhere'), 'metallb-system', [])).toBe(false);
    const webhook = (ns: string): LiveObject => ({
      kind: 'ValidatingWebhookConfiguration',
      metadata: { name: 'metallb-webhook-configuration' },
      webhooks: [{ clientConfig: { service: { name: 'metallb-webhook-service', namespace: ns } } }],
    });
    expect(belongsTo(webhook('metallb-system'), 'metallb-system', [])).toBe(true);
    expect(belongsTo(webhook('elsewhere'), 'metallb-system', [])).toBe(false);
    const plugin = (ns: string): LiveObject => ({
      kind: 'ConsolePlugin',
      metadata: { name: 'metallb-console-plugin' },
      spec: { backend: { type: 'Service', service: { name: 'metallb-console-plugin', namespace: ns } } },
    });
    expect(belongsTo(plugin('metallb-system'), 'metallb-system', [])).toBe(true);
    expect(belongsTo(plugin('elsewhere'), 'metallb-system', [])).toBe(false);
  });

  it('a ClusterRole goes with its binding of the same name; without one it is an orphan of ours', () => {
    const others = [crb('metallb:speaker', 'elsewhere'), crb('metallb:controller', 'metallb-system')];
    expect(belongsTo(clusterRole('metallb:speaker'), 'metallb-system', others)).toBe(false);
    expect(belongsTo(clusterRole('metallb:controller'), 'metallb-system', others)).toBe(true);
    expect(belongsTo(clusterRole('metallb:controller'), 'metallb-system', [])).toBe(true);
  });

  it("a webhook configuration registered by URL (a dev backend's) is never the operator's to prune", () => {
    const byURL: LiveObject = {
      kind: 'ValidatingWebhookConfiguration',
      metadata: { name: 'metallb-webhook-configuration' },
      webhooks: [
        { clientConfig: { url: 'https://127.0.0.1:41234/validate-metallb-io-v1beta1-ipaddresspool' } },
      ],
    };
    expect(belongsTo(byURL, 'metallb-system', [])).toBe(false);
  });

  it('an object that points nowhere (edited empty) counts as ours', () => {
    expect(belongsTo({ kind: 'ClusterRoleBinding', metadata: { name: 'x' }, subjects: [] }, 'ns', [])).toBe(
      true,
    );
  });
});
