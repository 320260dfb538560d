import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';

/**
 * The cluster this process acts on: the given file, else $KUBECONFIG, else ~/.kube/config, else
 * the in-cluster service account. Without any of them client-node would silently aim at
 * http://localhost:8080; say so instead.
 */
export function loadKubeConfig(path?: string): KubeConfig {
  const kc = new KubeConfig();
  if (path) kc.loadFromFile(path);
  else if (
    !process.env.KUBECONFIG &&
    !existsSync(join(homedir(), '.kube', 'config')) &&
    !process.env.KUBERNETES_SERVICE_HOST
  ) {
    throw new Error(
      'no Kubernetes cluster configured: set KUBECONFIG (npm run cluster:up prints one) or run inside a cluster',
    );
  } else kc.loadFromDefault();
  return kc;
}
