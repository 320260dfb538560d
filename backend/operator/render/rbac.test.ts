import type { V1PolicyRule } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { env, metallb, SEED_PLAIN } from '../test-fixtures';
import {
  CONFIG_RESOURCES,
  CONTROLLER_CLUSTER_RULES,
  CONTROLLER_NAMESPACED_RULES,
  SPEAKER_CLUSTER_RULES,
  SPEAKER_NAMESPACED_RULES,
  rbac,
  serviceAccounts,
} from './rbac';

/** Whether any rule grants verb on group/resource (optionally for one object name). */
function allows(
  rules: readonly V1PolicyRule[],
  group: string,
  resource: string,
  verb: string,
  name?: string,
) {
  return rules.some(
    (r) =>
      (r.apiGroups ?? []).includes(group) &&
      (r.resources ?? []).includes(resource) &&
      r.verbs.includes(verb) &&
      (!r.resourceNames || (name !== undefined && r.resourceNames.includes(name))),
  );
}

const controller = [...CONTROLLER_CLUSTER_RULES, ...CONTROLLER_NAMESPACED_RULES];
const speaker = [...SPEAKER_CLUSTER_RULES, ...SPEAKER_NAMESPACED_RULES];
const ALL_RULES = { controller, speaker };
const WRITE_VERBS = ['create', 'update', 'patch', 'delete', 'deletecollection'];

describe('RBAC', () => {
  it.each(Object.entries(ALL_RULES))('%s has no wildcard verb, resource or API group', (_name, rules) => {
    for (const r of rules) {
      expect(r.verbs).not.toContain('*');
      expect(r.resources).not.toContain('*');
      expect(r.apiGroups).not.toContain('*');
      expect(r.nonResourceURLs).toBeUndefined();
    }
  });

  it.each([
    ['', 'services', 'watch'],
    ['', 'services/status', 'update'],
    ['', 'namespaces', 'list'],
    ['', 'events', 'create'],
    ['metallb.io', 'ipaddresspools', 'watch'],
    ['metallb.io', 'ipaddresspools/status', 'patch'],
    ['metallb.io', 'bgppeers', 'list'],
    ['metallb.io', 'configurationstates', 'create'],
    ['metallb.io', 'configurationstates/status', 'update'],
    ['coordination.k8s.io', 'leases', 'update'],
  ])('lets the controller %s/%s %s', (group, resource, verb) => {
    expect(allows(controller, group, resource, verb)).toBe(true);
  });

  it('lets the controller write only its own webhook configuration, CRD caBundle and cert Secret', () => {
    const vwc = ['admissionregistration.k8s.io', 'validatingwebhookconfigurations'] as const;
    expect(allows(controller, ...vwc, 'patch', 'metallb-webhook-configuration')).toBe(true);
    expect(allows(controller, ...vwc, 'patch', 'someone-elses-webhook')).toBe(false);
    const crd = ['apiextensions.k8s.io', 'customresourcedefinitions'] as const;
    expect(allows(controller, ...crd, 'patch', 'bgppeers.metallb.io')).toBe(true);
    expect(allows(controller, ...crd, 'patch', 'routes.route.openshift.io')).toBe(false);
    expect(allows(controller, '', 'secrets', 'update', 'metallb-webhook-cert')).toBe(true);
    expect(allows(controller, '', 'secrets', 'get', 'metallb-memberlist')).toBe(false);
  });

  it('does not let the controller change user configuration, nodes or pods', () => {
    for (const res of CONFIG_RESOURCES)
      for (const v of WRITE_VERBS) expect(allows(controller, 'metallb.io', res, v)).toBe(false);
    expect(allows(controller, '', 'nodes', 'get')).toBe(false);
    expect(allows(controller, '', 'pods', 'list')).toBe(false);
    expect(controller.some((r) => r.verbs.includes('delete'))).toBe(false);
  });

  it.each([
    ['', 'nodes', 'watch'],
    ['', 'services', 'watch'],
    ['discovery.k8s.io', 'endpointslices', 'watch'],
    ['', 'pods', 'list'],
    ['', 'events', 'create'],
    ['metallb.io', 'l2advertisements', 'watch'],
    ['metallb.io', 'bfdprofiles', 'watch'],
    ['metallb.io', 'servicel2statuses', 'create'],
    ['metallb.io', 'servicel2statuses', 'delete'],
    ['metallb.io', 'servicebgpstatuses/status', 'update'],
    ['metallb.io', 'bgpsessionstates', 'patch'],
    ['metallb.io', 'configurationstates', 'update'],
  ])('lets the speaker %s/%s %s', (group, resource, verb) => {
    expect(allows(speaker, group, resource, verb)).toBe(true);
  });

  it('does not let the speaker change configuration, Services or Secrets', () => {
    for (const res of CONFIG_RESOURCES)
      for (const v of WRITE_VERBS) expect(allows(speaker, 'metallb.io', res, v)).toBe(false);
    for (const v of WRITE_VERBS) {
      expect(allows(speaker, '', 'services', v)).toBe(false);
      expect(allows(speaker, '', 'services/status', v)).toBe(false);
      expect(allows(speaker, '', 'secrets', v)).toBe(false);
      expect(allows(speaker, '', 'nodes', v)).toBe(false);
    }
  });

  it('grants metallb.io objects only in the operator namespace (Roles), never cluster-wide', () => {
    for (const r of [...CONTROLLER_CLUSTER_RULES, ...SPEAKER_CLUSTER_RULES])
      expect(r.apiGroups).not.toContain('metallb.io');
  });

  it('binds each role to its component ServiceAccount in the operator namespace', () => {
    const objs = rbac(metallb(SEED_PLAIN), env);
    const bindings = objs.filter((o) => o.kind?.endsWith('Binding')) as {
      roleRef: { kind: string; name: string };
      subjects: unknown[];
      metadata: { name: string };
    }[];
    expect(bindings.map((b) => [b.metadata.name, b.roleRef.kind, b.subjects])).toEqual([
      [
        'metallb:controller',
        'ClusterRole',
        [{ kind: 'ServiceAccount', name: 'controller', namespace: 'metallb-system' }],
      ],
      [
        'metallb:speaker',
        'ClusterRole',
        [{ kind: 'ServiceAccount', name: 'speaker', namespace: 'metallb-system' }],
      ],
      [
        'metallb-controller',
        'Role',
        [{ kind: 'ServiceAccount', name: 'controller', namespace: 'metallb-system' }],
      ],
      ['metallb-speaker', 'Role', [{ kind: 'ServiceAccount', name: 'speaker', namespace: 'metallb-system' }]],
    ]);
    for (const b of bindings) expect(b.roleRef.name).toBe(b.metadata.name);
    for (const o of objs.filter((x) => x.kind === 'Role' || x.kind === 'RoleBinding')) {
      expect(o.metadata?.namespace).toBe('metallb-system');
    }
  });

  it('creates the controller and speaker ServiceAccounts the workloads name', () => {
    expect(serviceAccounts(metallb(SEED_PLAIN), env).map((sa) => sa.metadata?.name)).toEqual([
      'controller',
      'speaker',
    ]);
  });
});
