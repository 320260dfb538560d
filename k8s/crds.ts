// Installing the metallb.io CRDs (development, tests; in a cluster the chart or OLM does it).
import { allCRDs, type CustomResourceDefinition } from '../api/crds';
import { KUBE_KINDS, resourcePath, type ResourceKind } from '../api/kinds';
import { FIELD_MANAGERS } from '../api/operand';
import type { ApiClient } from './api-client';
import { isStatus } from './errors';

/** Whether the apiserver reports the CRD Established (its kind is served). */
export function isEstablished(crd: {
  status?: { conditions?: { type: string; status: string }[] };
}): boolean {
  return !!crd.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True');
}

function storageKind(crd: CustomResourceDefinition): ResourceKind {
  return {
    group: crd.spec.group,
    version: crd.spec.versions.find((v) => v.storage)!.name,
    kind: crd.spec.names.kind,
    plural: crd.spec.names.plural,
    namespaced: crd.spec.scope === 'Namespaced',
  };
}

/**
 * Installs or updates every metallb.io CRD and waits until the apiserver really serves them all:
 * Established, and their storage answering lists (right after a CRD appears it answers 429 while
 * its watch cache warms up, and 404 until the new resource is routed), so callers can use the
 * kinds right away.
 */
export async function installCRDs(client: ApiClient, timeoutMs = 60_000): Promise<void> {
  const crds = allCRDs();
  await Promise.all(crds.map((crd) => client.apply(crd, { fieldManager: FIELD_MANAGERS.operator })));
  const deadline = Date.now() + timeoutMs;
  const until = async (what: string, ok: () => Promise<boolean>) => {
    while (!(await ok())) {
      if (Date.now() > deadline) throw new Error(`${what} after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const crdPath = (name: string) => resourcePath(KUBE_KINDS.CustomResourceDefinition, { name });
  await Promise.all(
    crds.map(async (crd) => {
      const name = crd.metadata.name;
      await until(`CRD ${name} not established`, async () => isEstablished(await client.get(crdPath(name))));
      await until(`CRD ${name} storage not ready`, () =>
        client.list(resourcePath(storageKind(crd)), { limit: 1 }).then(
          () => true,
          (err: unknown) => {
            if (isStatus(err, 429, 404)) return false;
            throw err;
          },
        ),
      );
    }),
  );
}
