import type { V1Deployment } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import {
  env,
  metallb,
  SEED_CPU_LIMITS,
  SEED_PLAIN,
  SEED_PRIORITY_AFFINITY,
  SEED_WORKERS,
} from '../test-fixtures';
import { MANAGED_KINDS, OPERAND_SELECTOR, RENDERED_HASH_ANNOTATION, render, RenderError } from './index';

const CLUSTER_SCOPED = new Set([
  'ClusterRole',
  'ClusterRoleBinding',
  'ValidatingWebhookConfiguration',
  'ConsolePlugin',
]);
const summary = (objs: ReturnType<typeof render>) => objs.map((o) => `${o.kind}/${o.metadata.name}`);
const find = (objs: ReturnType<typeof render>, kind: string, name: string) =>
  objs.find((o) => o.kind === kind && o.metadata.name === name)!;
/** Workloads as their client-node type, to reach into the pod template. */
const workload = (o: unknown) => o as V1Deployment;

describe('render', () => {
  it('renders the complete operand for the plain seed instance, in apply order', () => {
    expect(summary(render(metallb(SEED_PLAIN), env))).toEqual([
      'ServiceAccount/controller',
      'ServiceAccount/speaker',
      'ClusterRole/metallb:controller',
      'ClusterRoleBinding/metallb:controller',
      'ClusterRole/metallb:speaker',
      'ClusterRoleBinding/metallb:speaker',
      'Role/metallb-controller',
      'RoleBinding/metallb-controller',
      'Role/metallb-speaker',
      'RoleBinding/metallb-speaker',
      'ConfigMap/metallb-excludel2',
      'Secret/metallb-memberlist',
      'Service/controller-monitor-service',
      'Service/speaker-monitor-service',
      'Service/metallb-webhook-service',
      'Deployment/controller',
      'DaemonSet/speaker',
      'ValidatingWebhookConfiguration/metallb-webhook-configuration',
    ]);
  });

  it('adds the ConsolePlugin and its Deployment, Service and ServiceAccount only when the API exists', () => {
    const objs = render(metallb(SEED_PLAIN), { ...env, hasConsolePluginAPI: true });
    expect(summary(objs).slice(-4)).toEqual([
      'ServiceAccount/metallb-console-plugin',
      'Service/metallb-console-plugin',
      'Deployment/metallb-console-plugin',
      'ConsolePlugin/metallb-console-plugin',
    ]);
    expect(summary(render(metallb(SEED_PLAIN), env)).some((s) => s.includes('console-plugin'))).toBe(false);
  });

  it('leaves the webhook configuration to a dev backend that registers it by URL', () => {
    const kinds = (e: typeof env) => render(metallb(SEED_PLAIN), e).map((o) => o.kind);
    expect(kinds(env)).toContain('ValidatingWebhookConfiguration');
    const dev = kinds({ ...env, webhooksRegisteredByBackend: true });
    expect(dev).not.toContain('ValidatingWebhookConfiguration');
    // Everything else is still deployed, including the Service nothing points the apiserver at.
    expect(dev).toEqual(kinds(env).filter((k) => k !== 'ValidatingWebhookConfiguration'));
  });

  it('leaves the memberlist Secret out when the caller has no key', () => {
    const objs = render(metallb(SEED_PLAIN), { ...env, memberlistSecretKey: undefined });
    expect(summary(objs)).not.toContain('Secret/metallb-memberlist');
  });

  it('owns every namespaced object by the MetalLB object, and only those', () => {
    const cr = metallb(SEED_PLAIN);
    for (const o of render(cr, { ...env, hasConsolePluginAPI: true })) {
      if (CLUSTER_SCOPED.has(o.kind)) {
        expect(o.metadata.namespace, o.kind).toBeUndefined();
        expect(o.metadata.ownerReferences, o.kind).toBeUndefined();
      } else {
        expect(o.metadata.namespace, o.kind).toBe('metallb-system');
        expect(o.metadata.ownerReferences).toEqual([
          {
            apiVersion: 'metallb.io/v1beta1',
            kind: 'MetalLB',
            name: 'metallb',
            uid: cr.metadata.uid,
            controller: true,
            blockOwnerDeletion: true,
          },
        ]);
      }
    }
  });

  it('labels every object as managed by the operator, with its component and version', () => {
    for (const o of render(metallb(SEED_PLAIN), { ...env, hasConsolePluginAPI: true })) {
      expect(o.metadata.labels).toMatchObject({
        'app.kubernetes.io/managed-by': 'metallb-operator',
        'app.kubernetes.io/part-of': 'metallb',
        'app.kubernetes.io/version': '0.1.0',
      });
      expect(['controller', 'speaker', 'console-plugin']).toContain(
        o.metadata.labels?.['app.kubernetes.io/component'],
      );
    }
  });

  it('produces only kinds the reconciler lists for pruning, scoped as declared', () => {
    for (const o of render(metallb(SEED_PLAIN), { ...env, hasConsolePluginAPI: true })) {
      const k = MANAGED_KINDS.find((m) => m.kind === o.kind && m.apiVersion === o.apiVersion);
      expect(k, `${o.kind} ${o.apiVersion}`).toBeDefined();
      expect(!!o.metadata.namespace, o.kind).toBe(k!.namespaced);
    }
  });

  it('labels every object so the operand selector finds it', () => {
    const selector = Object.fromEntries(OPERAND_SELECTOR.split(',').map((kv) => kv.split('=')));
    for (const o of render(metallb(SEED_PLAIN), { ...env, hasConsolePluginAPI: true })) {
      expect(o.metadata.labels).toMatchObject(selector);
    }
  });

  it('makes an arbitrary version string a valid label value', () => {
    const objs = render(metallb(SEED_PLAIN), { ...env, version: 'v4.17.0+build/7' });
    expect(objs[0]?.metadata.labels?.['app.kubernetes.io/version']).toBe('v4.17.0_build_7');
  });

  it.each([
    ['plain', SEED_PLAIN],
    ['workers', SEED_WORKERS],
    ['priority and affinity', SEED_PRIORITY_AFFINITY],
    ['CPU limits', SEED_CPU_LIMITS],
  ])('is deterministic for the %s example: rendering twice gives equal output', (_name, yaml) => {
    const e = { ...env, hasConsolePluginAPI: true };
    const a = render(metallb(yaml), e);
    const b = render(metallb(yaml), e);
    expect(a).toEqual(b);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('does not depend on the key order of user maps', () => {
    const a = metallb(SEED_PLAIN);
    a.spec.nodeSelector = { x: '1', y: '2' };
    const b = metallb(SEED_PLAIN);
    b.spec.nodeSelector = { y: '2', x: '1' };
    expect(render(a, env)).toEqual(render(b, env));
    const hash = (objs: ReturnType<typeof render>) =>
      find(objs, 'DaemonSet', 'speaker').metadata.annotations?.[RENDERED_HASH_ANNOTATION];
    expect(hash(render(a, env))).toBe(hash(render(b, env)));
  });

  it('does not mutate its input', () => {
    const cr = metallb(SEED_PRIORITY_AFFINITY);
    const before = structuredClone(cr);
    const out = render(cr, env);
    workload(find(out, 'Deployment', 'controller')).spec!.template.spec!.affinity!.podAffinity = undefined;
    expect(cr).toEqual(before);
  });

  it('carries no timestamps and no undefined members', () => {
    const text = JSON.stringify(render(metallb(SEED_PLAIN), { ...env, hasConsolePluginAPI: true }));
    expect(text).not.toMatch(/Timestamp|\d{4}-\d\d-\d\dT/);
    const hasUndefined = (v: unknown): boolean =>
      v === undefined || (typeof v === 'object' && v !== null && Object.values(v).some(hasUndefined));
    expect(hasUndefined(render(metallb(SEED_PLAIN), env))).toBe(false);
  });

  it('stamps each object with a hash of its content that follows spec changes', () => {
    const hashes = (yaml: string) =>
      Object.fromEntries(
        render(metallb(yaml), env).map((o) => [
          `${o.kind}/${o.metadata.name}`,
          o.metadata.annotations?.[RENDERED_HASH_ANNOTATION],
        ]),
      );
    const plain = hashes(SEED_PLAIN);
    const workers = hashes(SEED_WORKERS);
    for (const h of Object.values(plain)) expect(h).toMatch(/^[0-9a-f]{32}$/);
    expect(workers['DaemonSet/speaker']).not.toBe(plain['DaemonSet/speaker']);
    expect(workers['Deployment/controller']).toBe(plain['Deployment/controller']);
  });

  it('changes no pod template when only the operator version changes (no rollout on upgrade alone)', () => {
    const templates = (version: string) =>
      render(metallb(SEED_PLAIN), { ...env, version })
        .filter((o) => o.kind === 'Deployment' || o.kind === 'DaemonSet')
        .map((o) => workload(o).spec?.template);
    expect(templates('0.2.0')).toEqual(templates('0.1.0'));
  });

  it('refuses a MetalLB object without uid, or outside the operator namespace', () => {
    const noUid = metallb(SEED_PLAIN);
    delete noUid.metadata.uid;
    expect(() => render(noUid, env)).toThrow(RenderError);
    const elsewhere = metallb(SEED_PLAIN);
    elsewhere.metadata.namespace = 'default';
    expect(() => render(elsewhere, env)).toThrow(/outside the operator namespace metallb-system/);
  });

  it('refuses an environment without images', () => {
    expect(() => render(metallb(SEED_PLAIN), { ...env, speakerImage: '' })).toThrow(/speakerImage/);
  });
});
