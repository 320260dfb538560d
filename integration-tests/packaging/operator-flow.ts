// What both installations (Helm, OLM) must give: an operator that, run as its Deployment says
// under its own ServiceAccount's token, turns the seed's MetalLB resource into a ready controller
// and speakers, without a single forbidden call.
import type { V1DaemonSet, V1Deployment, V1PodSpec } from '@kubernetes/client-node';
import { KUBE_KINDS, resourcePath } from '../../api/kinds';
import type { ApiClient } from '../../k8s/api-client';
import { TEST_NODES } from '../cluster/global-setup';
import { kubectl, waitFor } from '../cluster/test-env';
import { runContainer, type PodProcess } from './pod-process';

export const forbidden = (p: PodProcess) =>
  p
    .output()
    .split('\n')
    .filter((l) => /forbidden/i.test(l));

export async function deployMetalLB(client: ApiClient, ns: string, pod: V1PodSpec): Promise<PodProcess> {
  const operator = await runContainer(client, pod, pod.containers[0]!, {
    namespace: ns,
    podName: 'operator-0',
  });
  await waitFor(
    'the operator to serve /readyz',
    async () => {
      if (operator.child.exitCode !== null) throw new Error(`the operator exited:\n${operator.output()}`);
      return (await fetch(`http://127.0.0.1:${operator.httpPort}/readyz`).catch(() => undefined))?.ok;
    },
    60_000,
  );
  // The seed's MetalLB resource, as written there.
  await kubectl(
    ['apply', '-n', ns, '-f', '-'],
    'apiVersion: metallb.io/v1beta1\nkind: MetalLB\nmetadata:\n  name: metallb\n',
  );
  const controller = resourcePath(KUBE_KINDS.Deployment, { namespace: ns, name: 'controller' });
  const speaker = resourcePath(KUBE_KINDS.DaemonSet, { namespace: ns, name: 'speaker' });
  await waitFor(
    'controller 1/1',
    async () => (await client.find<V1Deployment>(controller))?.status?.readyReplicas === 1,
    90_000,
  );
  await waitFor(
    `speaker ${TEST_NODES}/${TEST_NODES}`,
    async () => {
      const s = (await client.find<V1DaemonSet>(speaker))?.status;
      return s?.numberReady === TEST_NODES && s.desiredNumberScheduled === TEST_NODES;
    },
    90_000,
  );
  console.log(await kubectl(['get', 'deployment,daemonset', '-n', ns]));
  return operator;
}
