import {
  ApiextensionsV1Api,
  type KubeConfig,
  type V1CustomResourceDefinition,
} from '@kubernetes/client-node';
import { allCRDs } from '../../api/crds';
import { apply } from './apply';

/**
 * Installs or updates every metallb.io CRD and waits until the apiserver serves them all
 * (Established), so callers can create objects right away.
 */
export async function installCRDs(kc: KubeConfig, timeoutMs = 30_000): Promise<void> {
  const crds = allCRDs() as unknown as V1CustomResourceDefinition[];
  await Promise.all(
    crds.map((crd) =>
      apply(kc, { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', ...crd }),
    ),
  );
  const ext = kc.makeApiClient(ApiextensionsV1Api);
  const deadline = Date.now() + timeoutMs;
  for (const crd of crds) {
    const name = crd.metadata!.name!;
    for (;;) {
      const live = await ext.readCustomResourceDefinition({ name });
      if (live.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True')) break;
      if (Date.now() > deadline) throw new Error(`CRD ${name} not established after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
