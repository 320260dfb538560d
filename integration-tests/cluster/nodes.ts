import { CoreV1Api, KubeConfig, type V1Node } from '@kubernetes/client-node';

/** Node names the local control plane gives its fake nodes. */
export function fakeNodeName(i: number): string {
  return `node-${i}`;
}

/**
 * Fake nodes for kwok to manage, labelled like a real cluster's Linux nodes (kubernetes.io/os=linux
 * is the speaker's default node selector): the first half are workers
 * (node-role.kubernetes.io/worker), the rest control-plane nodes. No taints, so DaemonSet pods
 * land on every one.
 */
export function fakeNode(i: number, count: number): V1Node {
  const name = fakeNodeName(i);
  const role = i < Math.ceil(count / 2) ? 'worker' : 'control-plane';
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      annotations: { 'kwok.x-k8s.io/node': 'fake', 'node.alpha.kubernetes.io/ttl': '0' },
      labels: {
        // A kubelet sets the beta labels too; without them kube-controller-manager adds them one
        // node at a time (minutes at 1,000 nodes), and every speaker replans at each.
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        [`node-role.kubernetes.io/${role}`]: '',
        type: 'kwok',
      },
    },
    spec: {},
    status: {
      allocatable: { cpu: '32', memory: '256Gi', pods: '110' },
      capacity: { cpu: '32', memory: '256Gi', pods: '110' },
      nodeInfo: {
        architecture: 'amd64',
        bootID: '',
        containerRuntimeVersion: 'kwok',
        kernelVersion: '',
        kubeProxyVersion: 'fake',
        kubeletVersion: 'fake',
        machineID: '',
        operatingSystem: 'linux',
        osImage: '',
        systemUUID: '',
      },
      phase: 'Running',
    },
  };
}

export async function createFakeNodes(kubeconfigPath: string, count: number): Promise<void> {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfigPath);
  const core = kc.makeApiClient(CoreV1Api);
  await Promise.all(Array.from({ length: count }, (_, i) => core.createNode({ body: fakeNode(i, count) })));
}
