import {
  ApiextensionsV1Api,
  KubernetesObjectApi,
  type KubeConfig,
  type V1CustomResourceDefinition,
} from '@kubernetes/client-node';
import { allCRDs } from '../../api/crds';
import { apply } from './apply';
import { apiStatus } from './errors';

/** Whether the apiserver reports the CRD Established (its kind is served). */
export function isEstablished(crd: V1CustomResourceDefinition): boolean {
  return !!crd.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True');
}

/**
 * Installs or updates every metallb.io CRD and waits until the apiserver really serves them all:
 * Established, and their storage answering lists (right after a CRD appears it answers 429 while
 * its watch cache warms up), so callers can use the kinds right away.
 */
export async function installCRDs(kc: KubeConfig, timeoutMs = 60_000): Promise<void> {
  const crds = allCRDs();
  await Promise.all(crds.map((crd) => apply(kc, crd)));
  const ext = kc.makeApiClient(ApiextensionsV1Api);
  const objects = KubernetesObjectApi.makeApiClient(kc);
  const deadline = Date.now() + timeoutMs;
  const until = async (what: string, ok: () => Promise<boolean>) => {
    while (!(await ok())) {
      if (Date.now() > deadline) throw new Error(`${what} after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  await Promise.all(
    crds.map(async (crd) => {
      const name = crd.metadata.name;
      await until(`CRD ${name} not established`, async () => {
        return isEstablished(await ext.readCustomResourceDefinition({ name }));
      });
      const version = crd.spec.versions.find((v) => v.storage)!.name;
      await until(`CRD ${name} storage not ready`, () =>
        objects
          .list(
            `${crd.spec.group}/${version}`,
            crd.spec.names.kind,
            undefined,
            undefined,
            undefined,
            undefined,
            undefined,
            undefined,
            1,
          )
          .then(
            () => true,
            (err: unknown) => {
              // 429: storage warming up; 404 or "Unrecognized API version and kind": discovery
              // (cached by client-node) does not list the new kind yet.
              if (apiStatus(err) === 429 || apiStatus(err) === 404) return false;
              if (err instanceof Error && /Unrecognized API version and kind/.test(err.message)) return false;
              throw err;
            },
          ),
      );
    }),
  );
}
