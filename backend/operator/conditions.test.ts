import type { V1DaemonSet, V1Deployment } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import type { Condition } from '../../api/types';
import { computeConditions, type ObservedState } from './conditions';
import { env, metallb, SEED_PLAIN } from './test-fixtures';

const T0 = '2025-01-01T00:00:00Z';
const T1 = '2025-01-01T00:01:00Z';
const LATER = '2025-01-01T01:00:00Z';

function deployment(
  ready: number,
  o: { updated?: number; replicas?: number; generation?: number; observed?: number } = {},
): V1Deployment {
  return {
    metadata: { name: 'controller', generation: o.generation ?? 1 },
    spec: { replicas: 1, selector: {}, template: {} },
    status: {
      observedGeneration: o.observed ?? o.generation ?? 1,
      replicas: o.replicas ?? 1,
      readyReplicas: ready,
      updatedReplicas: o.updated ?? 1,
    },
  };
}

function daemonSet(
  desired: number,
  ready: number,
  o: { updated?: number; generation?: number; observed?: number } = {},
): V1DaemonSet {
  return {
    metadata: { name: 'speaker', generation: o.generation ?? 1 },
    status: {
      observedGeneration: o.observed ?? o.generation ?? 1,
      desiredNumberScheduled: desired,
      currentNumberScheduled: desired,
      numberReady: ready,
      updatedNumberScheduled: o.updated ?? desired,
      numberMisscheduled: 0,
    },
  };
}

function state(o: Partial<ObservedState> = {}): ObservedState {
  return { metallb: metallb(SEED_PLAIN), operatorNamespace: env.namespace, now: T1, ...o };
}

const get = (cs: Condition[], type: string) => cs.find((c) => c.type === type)!;
const brief = (cs: Condition[]) => Object.fromEntries(cs.map((c) => [c.type, `${c.status} ${c.reason}`]));
const ready = { controller: deployment(1), speaker: daemonSet(6, 6) };

describe('MetalLB conditions', () => {
  it('reports Available, Progressing, Degraded and Upgradeable in that order', () => {
    expect(computeConditions(state()).map((c) => c.type)).toEqual([
      'Available',
      'Progressing',
      'Degraded',
      'Upgradeable',
    ]);
  });

  it('is Progressing, not Available, before the workloads exist', () => {
    const cs = computeConditions(state());
    expect(brief(cs)).toEqual({
      Available: 'False ComponentsNotReady',
      Progressing: 'True Deploying',
      Degraded: 'False AsExpected',
      Upgradeable: 'True AsExpected',
    });
    expect(get(cs, 'Progressing').message).toBe(
      'deployment controller not created yet; daemonset speaker not created yet',
    );
  });

  it('is Available when the controller is 1/1 and every speaker is ready', () => {
    const cs = computeConditions(state(ready));
    expect(brief(cs)).toEqual({
      Available: 'True AllComponentsReady',
      Progressing: 'False AsExpected',
      Degraded: 'False AsExpected',
      Upgradeable: 'True AsExpected',
    });
    expect(get(cs, 'Available').message).toBe('controller 1/1 ready; speaker 6/6 ready');
  });

  it('is Progressing while speakers come up', () => {
    const cs = computeConditions(state({ controller: deployment(1), speaker: daemonSet(6, 3) }));
    expect(brief(cs)).toMatchObject({ Available: 'False ComponentsNotReady', Progressing: 'True Deploying' });
    expect(get(cs, 'Progressing').message).toBe('controller 1/1 ready; speaker 3/6 ready');
  });

  it('is not Available while the controller has not started', () => {
    expect(
      get(computeConditions(state({ controller: deployment(0), speaker: daemonSet(3, 3) })), 'Available')
        .status,
    ).toBe('False');
  });

  it('does not trust status the workload controllers have not yet observed', () => {
    const stale = {
      controller: deployment(1, { generation: 2, observed: 1 }),
      speaker: daemonSet(6, 6, { generation: 3, observed: 2 }),
    };
    const cs = computeConditions(state(stale));
    expect(brief(cs)).toMatchObject({ Available: 'False ComponentsNotReady', Progressing: 'True Deploying' });
    expect(get(cs, 'Progressing').message).toContain('status not yet observed');
  });

  it('is Progressing during a rolling update: old pods still running or not all updated', () => {
    const surge = computeConditions(
      state({ controller: deployment(1, { replicas: 2 }), speaker: daemonSet(6, 6) }),
    );
    expect(get(surge, 'Available').status).toBe('False');
    const rolling = computeConditions(
      state({ controller: deployment(1), speaker: daemonSet(6, 6, { updated: 4 }) }),
    );
    expect(get(rolling, 'Progressing').message).toBe('controller 1/1 ready; speaker 6/6 ready, 4/6 updated');
  });

  it('is Degraded when the controller Deployment exceeded its progress deadline', () => {
    const d = deployment(0);
    d.status!.conditions = [
      {
        type: 'Progressing',
        status: 'False',
        reason: 'ProgressDeadlineExceeded',
        message: 'ReplicaSet "controller-5d" has timed out progressing.',
      },
    ];
    const cs = computeConditions(state({ controller: d, speaker: daemonSet(6, 6) }));
    expect(brief(cs)).toMatchObject({ Degraded: 'True RolloutFailed', Progressing: 'False RolloutFailed' });
    expect(get(cs, 'Degraded').message).toContain('has timed out progressing');
  });

  it('is Degraded when the speaker node selector matches no node', () => {
    const cs = computeConditions(state({ controller: deployment(1), speaker: daemonSet(0, 0) }));
    expect(brief(cs)).toMatchObject({
      Available: 'False ComponentsNotReady',
      Degraded: 'True NoSpeakerNodes',
    });
    expect(get(cs, 'Degraded').message).toContain('no node matches the speaker node selector');
  });

  it('is Degraded when not ready for longer than the progress deadline, and not before', () => {
    const cr = metallb(SEED_PLAIN);
    cr.status = { conditions: computeConditions(state({ now: T0 })) };
    const pending = { controller: deployment(0), speaker: daemonSet(6, 3) };
    expect(get(computeConditions(state({ ...pending, metallb: cr, now: T1 })), 'Degraded').status).toBe(
      'False',
    );
    const late = computeConditions(state({ ...pending, metallb: cr, now: LATER }));
    expect(brief(late)).toMatchObject({ Progressing: 'True Deploying', Degraded: 'True RolloutStuck' });
    expect(get(late, 'Degraded').message).toBe(
      'not ready after more than 600s: controller 0/1 ready; speaker 3/6 ready',
    );
  });

  it.each([
    ['another name', 'metallb2', 'metallb-system'],
    ['another namespace', 'metallb', 'default'],
  ])(
    'is Degraded NotSupported for an instance with %s, saying which one is supported',
    (_what, name, namespace) => {
      const cr = metallb(SEED_PLAIN);
      cr.metadata.name = name;
      cr.metadata.namespace = namespace;
      const cs = computeConditions(state({ metallb: cr, ...ready }));
      expect(brief(cs)).toEqual({
        Available: 'False NotSupported',
        Progressing: 'False NotSupported',
        Degraded: 'True NotSupported',
        Upgradeable: 'True AsExpected',
      });
      expect(get(cs, 'Degraded').message).toBe(
        `only a single MetalLB instance is supported: it must be named "metallb" in namespace "metallb-system"; "${name}" in "${namespace}" is ignored`,
      );
    },
  );

  it('is Degraded and not Upgradeable when an OperatorGroup restricts targetNamespaces', () => {
    const og = {
      metadata: { name: 'metallb-system-7jc66', namespace: 'metallb-system' },
      spec: { targetNamespaces: ['metallb-system'] },
    };
    const cs = computeConditions(state({ ...ready, operatorGroups: [og] }));
    expect(brief(cs)).toEqual({
      Available: 'True AllComponentsReady',
      Progressing: 'False AsExpected',
      Degraded: 'True UnsupportedInstallMode',
      Upgradeable: 'False UnsupportedInstallMode',
    });
    const msg = get(cs, 'Upgradeable').message;
    expect(msg).toContain('sets spec.targetNamespaces [metallb-system]');
    expect(msg).toContain('only the AllNamespaces install mode');
    expect(msg).toContain('oc edit operatorgroup metallb-system-7jc66 -n metallb-system');
  });

  it.each([
    ['without targetNamespaces', {}],
    ['with the all-namespaces marker [""]', { targetNamespaces: [''] }],
  ])('accepts an OperatorGroup %s', (_what, spec) => {
    const og = { metadata: { name: 'metallb-operator', namespace: 'metallb-system' }, spec };
    expect(brief(computeConditions(state({ ...ready, operatorGroups: [og] })))).toMatchObject({
      Degraded: 'False AsExpected',
      Upgradeable: 'True AsExpected',
    });
  });

  it('also refuses an OperatorGroup that restricts by namespace selector', () => {
    const og = {
      metadata: { name: 'og', namespace: 'metallb-system' },
      spec: { selector: { matchLabels: { team: 'net' } } },
    };
    const cs = computeConditions(state({ ...ready, operatorGroups: [og] }));
    expect(get(cs, 'Upgradeable').message).toContain('sets spec.selector');
  });

  it('reports render and apply failures as Degraded with the error', () => {
    const r = computeConditions(
      state({ error: { stage: 'render', message: 'operator environment lacks speakerImage' } }),
    );
    expect(brief(r)).toMatchObject({ Degraded: 'True RenderFailed', Progressing: 'False RenderFailed' });
    expect(get(r, 'Degraded').message).toBe('operator environment lacks speakerImage');
    const a = computeConditions(
      state({ ...ready, error: { stage: 'apply', message: 'daemonsets.apps "speaker" is forbidden' } }),
    );
    expect(brief(a)).toMatchObject({ Available: 'True AllComponentsReady', Degraded: 'True ApplyFailed' });
  });

  it('names the install-mode problem before an apply failure it may cause', () => {
    const og = {
      metadata: { name: 'og', namespace: 'metallb-system' },
      spec: { targetNamespaces: ['metallb-system'] },
    };
    const cs = computeConditions(
      state({ operatorGroups: [og], error: { stage: 'apply', message: 'forbidden' } }),
    );
    expect(get(cs, 'Degraded').reason).toBe('UnsupportedInstallMode');
  });

  it('keeps lastTransitionTime while the status holds, even as the message changes', () => {
    const cr = metallb(SEED_PLAIN);
    cr.status = {
      conditions: computeConditions(state({ speaker: daemonSet(6, 1), controller: deployment(0), now: T0 })),
    };
    const next = computeConditions(
      state({ metallb: cr, speaker: daemonSet(6, 4), controller: deployment(0), now: T1 }),
    );
    for (const c of next) expect(c.lastTransitionTime, c.type).toBe(T0);
    expect(get(next, 'Progressing').message).toContain('speaker 4/6 ready');
  });

  it('moves lastTransitionTime for the conditions whose status changes', () => {
    const cr = metallb(SEED_PLAIN);
    cr.status = { conditions: computeConditions(state({ now: T0 })) };
    const next = computeConditions(state({ metallb: cr, ...ready, now: T1 }));
    expect(Object.fromEntries(next.map((c) => [c.type, c.lastTransitionTime]))).toEqual({
      Available: T1,
      Progressing: T1,
      Degraded: T0,
      Upgradeable: T0,
    });
  });

  it('records the generation it describes', () => {
    const cr = metallb(SEED_PLAIN);
    cr.metadata.generation = 7;
    for (const c of computeConditions(state({ metallb: cr }))) expect(c.observedGeneration).toBe(7);
  });

  it('is a pure function: same facts, same conditions', () => {
    expect(computeConditions(state(ready))).toEqual(computeConditions(state(ready)));
  });
});
