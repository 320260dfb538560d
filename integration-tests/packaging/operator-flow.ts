// What both installations (Helm, OLM) must give: an operator that, run as its Deployment says
// under its own ServiceAccount's token, turns the seed's MetalLB resource into a ready controller
// and speakers, without a single forbidden call.
import { execFile } from 'node:child_process';
import { KubeConfig, type V1DaemonSet, type V1Deployment, type V1PodSpec } from '@kubernetes/client-node';
import { KUBE_KINDS, resourcePath } from '../../api/kinds';
import { ApiClient } from '../../k8s/api-client';
import { startControlPlane, type ControlPlane } from '../cluster/control-plane';
import { waitFor } from '../cluster/test-env';
import { runContainer, type PodProcess } from './pod-process';

/** A cluster of its own, as a user's would be: no CRDs or webhooks left by other suites. */
export interface FreshCluster {
  cp: ControlPlane;
  client: ApiClient;
  nodes: number;
  kubectl(args: string[], stdin?: string): Promise<string>;
  stop(): Promise<void>;
}

export async function freshCluster(nodes = 3): Promise<FreshCluster> {
  const cp = await startControlPlane({ nodes });
  const kc = new KubeConfig();
  kc.loadFromFile(cp.kubeconfig);
  const client = ApiClient.fromKubeConfig(kc);
  const kubectl = (args: string[], stdin?: string) =>
    new Promise<string>((resolve, reject) => {
      const child = execFile(
        cp.binaries.kubectl,
        ['--kubeconfig', cp.kubeconfig, ...args],
        { maxBuffer: 64 << 20 },
        (err, stdout, stderr) =>
          err ? reject(new Error(`kubectl ${args.join(' ')}: ${stderr || err.message}`)) : resolve(stdout),
      );
      if (stdin !== undefined) child.stdin?.end(stdin);
    });
  return {
    cp,
    client,
    nodes,
    kubectl,
    stop: async () => {
      client.close();
      await cp.stop();
    },
  };
}

export const forbidden = (p: PodProcess) =>
  p
    .output()
    .split('\n')
    .filter((l) => /forbidden/i.test(l));

export async function deployMetalLB(c: FreshCluster, ns: string, pod: V1PodSpec): Promise<PodProcess> {
  const { client, kubectl, nodes } = c;
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
    `speaker ${nodes}/${nodes}`,
    async () => {
      const s = (await client.find<V1DaemonSet>(speaker))?.status;
      return s?.numberReady === nodes && s.desiredNumberScheduled === nodes;
    },
    90_000,
  );
  console.log(await kubectl(['get', 'deployment,daemonset', '-n', ns]));
  return operator;
}
