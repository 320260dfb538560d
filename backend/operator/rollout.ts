// Readiness of the two workloads, read from their status the way kubectl rollout status does.
import type { V1DaemonSet, V1Deployment } from '@kubernetes/client-node';

export interface Rollout {
  ready: boolean;
  /** One line for condition messages, e.g. "controller 0/1 ready". */
  summary: string;
  /** Set when the workload itself says it will not get there (Deployment progress deadline). */
  failed?: string;
  /** DaemonSet only: no node matches the speaker's node selector and tolerations. */
  noNodes?: boolean;
}

/** Status describes the current spec only once the workload controller has observed it. */
function observed(obj: V1Deployment | V1DaemonSet): boolean {
  const gen = obj.metadata?.generation;
  const seen = obj.status?.observedGeneration;
  return gen === undefined ? seen !== undefined : seen !== undefined && seen >= gen;
}

export function deploymentRollout(name: string, d: V1Deployment | null | undefined): Rollout {
  if (!d) return { ready: false, summary: `deployment ${name} not created yet` };
  const want = d.spec?.replicas ?? 1;
  const s = d.status ?? {};
  const ready = s.readyReplicas ?? 0;
  const updated = s.updatedReplicas ?? 0;
  const total = s.replicas ?? 0;
  const summary = `${name} ${ready}/${want} ready`;
  const stuck = (s.conditions ?? []).find(
    (c) => c.type === 'Progressing' && c.reason === 'ProgressDeadlineExceeded',
  );
  if (!observed(d)) return { ready: false, summary: `${summary} (status not yet observed)` };
  return {
    // Old pods still terminating mean the rollout is not over even if the new ones are ready.
    ready: ready >= want && updated >= want && total <= want,
    summary: updated < want ? `${summary}, ${updated}/${want} updated` : summary,
    ...(stuck ? { failed: `deployment ${name}: ${stuck.message ?? 'progress deadline exceeded'}` } : {}),
  };
}

export function daemonSetRollout(name: string, ds: V1DaemonSet | null | undefined): Rollout {
  if (!ds) return { ready: false, summary: `daemonset ${name} not created yet` };
  const s = ds.status;
  if (!s || !observed(ds)) return { ready: false, summary: `${name} (status not yet observed)` };
  const want = s.desiredNumberScheduled;
  const ready = s.numberReady;
  const updated = s.updatedNumberScheduled ?? 0;
  const summary = `${name} ${ready}/${want} ready` + (updated < want ? `, ${updated}/${want} updated` : '');
  if (want === 0)
    return { ready: false, noNodes: true, summary: `${name} 0/0: no node matches the speaker node selector` };
  return { ready: ready >= want && updated >= want && s.currentNumberScheduled >= want, summary };
}
