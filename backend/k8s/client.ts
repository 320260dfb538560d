import { KubeConfig, VersionApi } from '@kubernetes/client-node';

/**
 * The cluster this process acts on: $KUBECONFIG (or ~/.kube/config) when set, else the in-cluster
 * service account, which is what loadFromDefault picks.
 */
export function loadKubeConfig(path?: string): KubeConfig {
  const kc = new KubeConfig();
  if (path) kc.loadFromFile(path);
  else kc.loadFromDefault();
  if (!kc.getCurrentCluster()) {
    throw new Error('no Kubernetes cluster configured: set KUBECONFIG or run inside a cluster');
  }
  return kc;
}

export async function serverVersion(kc: KubeConfig): Promise<string> {
  const v = await kc.makeApiClient(VersionApi).getCode();
  return v.gitVersion;
}
