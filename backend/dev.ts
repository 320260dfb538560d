import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import { installCRDs } from './k8s/crds';
import type { Logger } from './log';

/**
 * `--dev`: create what an install (operator, Helm chart, OLM bundle) would have created (the
 * namespace and the CRDs; the webhook role registers itself), so the backend runs against a bare
 * cluster such as the local control plane.
 */
export async function prepareDevCluster(kc: KubeConfig, namespace: string, log: Logger): Promise<void> {
  const core = kc.makeApiClient(CoreV1Api);
  await core.createNamespace({ body: { metadata: { name: namespace } } }).catch((err: { code?: number }) => {
    if (err.code !== 409) throw err;
  });
  await installCRDs(kc);
  log.info({ namespace }, 'dev: namespace and CRDs ready');
}
