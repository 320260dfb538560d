import { KUBE_KINDS, resourcePath } from '../api/kinds';
import type { ApiClient } from '../k8s/api-client';
import { installCRDs } from '../k8s/crds';
import { isStatus } from '../k8s/errors';
import type { Logger } from '../k8s/log';

/**
 * `--dev`: create what an install (operator, Helm chart, OLM bundle) would have created (the
 * namespace and the CRDs; the webhook role registers itself), so the backend runs against a bare
 * cluster such as the local control plane.
 */
export async function prepareDevCluster(client: ApiClient, namespace: string, log: Logger): Promise<void> {
  await client
    .create(resourcePath(KUBE_KINDS.Namespace), {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: namespace },
    })
    .catch((err: unknown) => {
      if (!isStatus(err, 409)) throw err;
    });
  await installCRDs(client);
  log.info({ namespace }, 'dev: namespace and CRDs ready');
}
