// The MetalLB status conditions, computed from what the cluster reports. Pure: the reconciler
// gathers the facts and writes the result. Conditions follow OpenShift's operator conventions:
// Available (MetalLB serves), Progressing (rolling out), Degraded (needs a human), Upgradeable.
import type { V1DaemonSet, V1Deployment } from '@kubernetes/client-node';
import type { Condition, MetalLB } from '../../api/types';
import { installModeProblem, type OperatorGroupLike } from './install-mode';
import { unsupportedInstance } from './instance';
import { daemonSetRollout, deploymentRollout } from './rollout';

export const CONDITION_TYPES = ['Available', 'Progressing', 'Degraded', 'Upgradeable'] as const;
export type ConditionType = (typeof CONDITION_TYPES)[number];

export const REASONS = {
  asExpected: 'AsExpected',
  allComponentsReady: 'AllComponentsReady',
  componentsNotReady: 'ComponentsNotReady',
  deploying: 'Deploying',
  notSupported: 'NotSupported',
  unsupportedInstallMode: 'UnsupportedInstallMode',
  renderFailed: 'RenderFailed',
  applyFailed: 'ApplyFailed',
  rolloutFailed: 'RolloutFailed',
  rolloutStuck: 'RolloutStuck',
  noSpeakerNodes: 'NoSpeakerNodes',
} as const;

export const DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;

export interface ObservedState {
  metallb: MetalLB;
  operatorNamespace: string;
  /** The `controller` Deployment as read back; null/undefined when absent. */
  controller?: V1Deployment | null;
  /** The `speaker` DaemonSet as read back; null/undefined when absent. */
  speaker?: V1DaemonSet | null;
  /** The OperatorGroups in the operator namespace (none outside OLM). */
  operatorGroups?: readonly OperatorGroupLike[];
  /** This reconcile's failure, if any. */
  error?: { stage: 'render' | 'apply'; message: string };
  /** RFC 3339 time used for conditions whose status changes. */
  now: string;
  /** How long not-ready may last before Degraded says so. */
  progressDeadlineSeconds?: number;
}

type Draft = Pick<Condition, 'type' | 'status' | 'reason' | 'message'>;

const draft = (type: ConditionType, ok: boolean, reason: string, message = ''): Draft => ({
  type,
  status: ok ? 'True' : 'False',
  reason,
  message,
});

/** lastTransitionTime moves only when the status does (reason and message may change freely). */
function finish(
  d: Draft,
  previous: readonly Condition[],
  now: string,
  generation: number | undefined,
): Condition {
  const prev = previous.find((c) => c.type === d.type);
  return {
    ...d,
    lastTransitionTime: prev && prev.status === d.status ? prev.lastTransitionTime : now,
    ...(generation !== undefined ? { observedGeneration: generation } : {}),
  };
}

function secondsBetween(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / 1000;
}

function drafts(o: ObservedState, previous: readonly Condition[]): Draft[] {
  const notSupported = unsupportedInstance(o.metallb, o.operatorNamespace);
  if (notSupported) {
    return [
      draft('Available', false, REASONS.notSupported, notSupported),
      draft('Progressing', false, REASONS.notSupported, notSupported),
      draft('Degraded', true, REASONS.notSupported, notSupported),
      draft('Upgradeable', true, REASONS.asExpected),
    ];
  }

  const controller = deploymentRollout('controller', o.controller);
  const speaker = daemonSetRollout('speaker', o.speaker);
  const summary = `${controller.summary}; ${speaker.summary}`;
  const ready = controller.ready && speaker.ready;
  const installProblem = installModeProblem(o.operatorGroups ?? [], o.operatorNamespace);

  // Degraded, most fundamental cause first: the one a human must fix before the others matter.
  let degraded: Draft | undefined;
  if (installProblem) degraded = draft('Degraded', true, REASONS.unsupportedInstallMode, installProblem);
  else if (o.error?.stage === 'render')
    degraded = draft('Degraded', true, REASONS.renderFailed, o.error.message);
  else if (o.error) degraded = draft('Degraded', true, REASONS.applyFailed, o.error.message);
  else if (controller.failed) degraded = draft('Degraded', true, REASONS.rolloutFailed, controller.failed);
  else if (speaker.noNodes) degraded = draft('Degraded', true, REASONS.noSpeakerNodes, speaker.summary);

  // Progressing while the workloads move towards ready and nothing above blocks them.
  const progressing = !ready && !degraded;
  const prevProgressing = previous.find((c) => c.type === 'Progressing');
  const deadline = o.progressDeadlineSeconds ?? DEFAULT_PROGRESS_DEADLINE_SECONDS;
  if (
    progressing &&
    prevProgressing?.status === 'True' &&
    secondsBetween(prevProgressing.lastTransitionTime, o.now) > deadline
  ) {
    degraded = draft(
      'Degraded',
      true,
      REASONS.rolloutStuck,
      `not ready after more than ${deadline}s: ${summary}`,
    );
  }

  return [
    ready
      ? draft('Available', true, REASONS.allComponentsReady, summary)
      : draft('Available', false, REASONS.componentsNotReady, summary),
    progressing
      ? draft('Progressing', true, REASONS.deploying, summary)
      : draft('Progressing', false, ready ? REASONS.asExpected : (degraded?.reason ?? REASONS.asExpected)),
    degraded ?? draft('Degraded', false, REASONS.asExpected),
    installProblem
      ? draft('Upgradeable', false, REASONS.unsupportedInstallMode, installProblem)
      : draft('Upgradeable', true, REASONS.asExpected),
  ];
}

/** The four conditions, always in the order of CONDITION_TYPES. */
export function computeConditions(o: ObservedState): Condition[] {
  const previous = o.metallb.status?.conditions ?? [];
  return drafts(o, previous).map((d) => finish(d, previous, o.now, o.metallb.metadata.generation));
}
