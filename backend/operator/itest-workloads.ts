// Readiness checks for the operator's integration tests, read the way kubectl prints them.
import type { V1DaemonSet, V1Deployment, V1Pod, V1PodList } from '@kubernetes/client-node';
import type { Harness } from './itest-harness';

/** `deployment/controller` READY 1/1 with the current spec observed and rolled out. */
export async function controllerReady(h: Harness): Promise<boolean> {
  const d = await h.get<V1Deployment>('deployment/controller');
  const s = d.status ?? {};
  return (
    (s.observedGeneration ?? 0) >= (d.metadata?.generation ?? 1) &&
    s.readyReplicas === 1 &&
    s.updatedReplicas === 1 &&
    s.replicas === 1
  );
}

/** `daemonset/speaker` with n desired, n current, n ready, n up to date. */
export async function speakersReady(h: Harness, n: number): Promise<boolean> {
  const ds = await h.get<V1DaemonSet>('daemonset/speaker');
  const s = ds.status;
  return (
    !!s &&
    (s.observedGeneration ?? 0) >= (ds.metadata?.generation ?? 1) &&
    s.desiredNumberScheduled === n &&
    s.currentNumberScheduled === n &&
    s.numberReady === n &&
    s.updatedNumberScheduled === n
  );
}

export async function pods(h: Harness, component: 'controller' | 'speaker'): Promise<V1Pod[]> {
  const list = await h.get<V1PodList>('pods', '-l', `app=metallb,component=${component}`);
  return list.items.filter((p) => !p.metadata?.deletionTimestamp);
}

export async function available(h: Harness, name?: string): Promise<boolean> {
  return (await h.condition('Available', name))?.status === 'True';
}
