import type { V1Deployment } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { isSubset, needsApply, planChanges } from './diff';
import type { LiveObject, OperandObject } from './operand';
import { render } from './render/index';
import { env, metallb, SEED_PLAIN } from './test-fixtures';

/** What the API server hands back after an apply: our fields plus its own. */
function asLive(o: OperandObject): LiveObject {
  const live = structuredClone(o) as LiveObject & { spec?: Record<string, unknown> };
  live.metadata = {
    ...live.metadata,
    uid: `uid-${o.metadata.name}`,
    resourceVersion: '42',
    creationTimestamp: new Date(0),
  };
  live.metadata.labels = { ...live.metadata.labels, 'pod-template-hash': 'abc' };
  if (o.kind === 'Deployment') {
    const spec = live.spec as {
      progressDeadlineSeconds?: number;
      template: { spec: Record<string, unknown> };
    };
    spec.progressDeadlineSeconds = 600;
    spec.template.spec.dnsPolicy = 'ClusterFirst';
    (spec.template.spec.containers as Record<string, unknown>[])[0]!.terminationMessagePath =
      '/dev/termination-log';
    live.status = { replicas: 1, readyReplicas: 1 };
  }
  return live;
}

const desired = (yaml = SEED_PLAIN, e = env) => render(metallb(yaml), e);
const byKind = (objs: readonly OperandObject[], kind: string) => objs.find((o) => o.kind === kind)!;

describe('isSubset', () => {
  it.each([
    [{ a: 1 }, { a: 1, b: 2 }, true],
    [{ a: 1 }, { a: 2 }, false],
    [{ a: { b: [1, 2] } }, { a: { b: [1, 2], c: 3 } }, true],
    [{ a: [1, 2] }, { a: [1, 2, 3] }, false],
    [{ a: [{ n: 'x' }] }, { a: [{ n: 'x', defaulted: true }] }, true],
    [{ a: 'x' }, {}, false],
    [{ a: {} }, { a: [] }, false],
    [{ a: undefined }, {}, true],
  ])('%j in %j is %s', (d, l, want) => {
    expect(isSubset(d, l)).toBe(want);
  });
});

describe('planChanges', () => {
  it('applies everything when nothing exists yet', () => {
    const want = desired();
    expect(planChanges(want, [])).toEqual({ apply: want, delete: [] });
  });

  it('applies nothing when the live objects hold our fields plus server defaults (operator restart)', () => {
    const want = desired();
    expect(planChanges(want, want.map(asLive))).toEqual({ apply: [], delete: [] });
  });

  it('reverts a manual edit of a field we own', () => {
    const want = desired();
    const live = want.map(asLive);
    (byKind(live as OperandObject[], 'Deployment') as unknown as V1Deployment).spec!.replicas = 3;
    expect(planChanges(want, live).apply.map((o) => o.kind)).toEqual(['Deployment']);
  });

  it('reverts a manual removal of one of our labels', () => {
    const want = desired();
    const live = want.map(asLive);
    delete live[0]!.metadata!.labels!['app.kubernetes.io/managed-by'];
    expect(planChanges(want, live).apply).toEqual([want[0]]);
  });

  it('reapplies when the spec changes, even if only by a field we stop setting', () => {
    const prioritized = metallb(SEED_PLAIN);
    prioritized.spec.controllerConfig = { priorityClassName: 'high-priority' };
    const live = render(prioritized, env).map(asLive);
    const after = desired(SEED_PLAIN);
    // The live Deployment still contains every field of the new one; only the hash tells.
    const { metadata: _m, ...body } = byKind(after, 'Deployment');
    expect(isSubset(body, byKind(live as OperandObject[], 'Deployment'))).toBe(true);
    expect(planChanges(after, live).apply.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Deployment/controller',
    ]);
  });

  it('ignores owner references others added next to ours', () => {
    const want = desired();
    const live = want.map(asLive);
    const sa = live[0]!;
    sa.metadata!.ownerReferences = [
      { apiVersion: 'v1', kind: 'Other', name: 'x', uid: 'other-uid' },
      ...(sa.metadata!.ownerReferences ?? []),
    ];
    expect(needsApply(want[0]!, sa)).toBe(false);
  });

  it('matches objects across API versions (identity is group, kind, namespace, name)', () => {
    const want = desired();
    const live = want.map(asLive);
    const vwc = live.find((o) => o.kind === 'ValidatingWebhookConfiguration')!;
    vwc.apiVersion = 'admissionregistration.k8s.io/v1beta1';
    expect(planChanges(want, live).delete).toEqual([]);
  });

  it('deletes the ConsolePlugin objects when the ConsolePlugin API disappears', () => {
    const withPlugin = desired(SEED_PLAIN, { ...env, hasConsolePluginAPI: true });
    const plan = planChanges(desired(), withPlugin.map(asLive));
    expect(plan.apply).toEqual([]);
    expect(plan.delete).toEqual([
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        namespace: 'metallb-system',
        name: 'metallb-console-plugin',
      },
      { apiVersion: 'console.openshift.io/v1', kind: 'ConsolePlugin', name: 'metallb-console-plugin' },
      { apiVersion: 'v1', kind: 'Service', namespace: 'metallb-system', name: 'metallb-console-plugin' },
      {
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        namespace: 'metallb-system',
        name: 'metallb-console-plugin',
      },
    ]);
  });

  it('never deletes objects without our labels', () => {
    const stranger: LiveObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'kube-root-ca.crt', namespace: 'metallb-system' },
    };
    expect(planChanges(desired(), [stranger]).delete).toEqual([]);
  });

  it('never deletes the memberlist Secret, even when the caller passed no key', () => {
    const live = desired().map(asLive);
    const plan = planChanges(desired(SEED_PLAIN, { ...env, memberlistSecretKey: undefined }), live);
    expect(plan.delete).toEqual([]);
  });

  it('does not delete again what is already being deleted', () => {
    const old = asLive(byKind(desired(SEED_PLAIN, { ...env, hasConsolePluginAPI: true }), 'ConsolePlugin'));
    old.metadata!.deletionTimestamp = new Date(0);
    expect(planChanges(desired(), [old]).delete).toEqual([]);
  });
});
