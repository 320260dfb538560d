// Shared by the status writers' integration tests: the metallb.io CRDs, a namespace of the test
// file's own standing in for the MetalLB namespace, and a Pod in it to own the status objects.
import { KUBE_KINDS, resourcePath, type ResourceKind } from '../../api/kinds';
import type { OwnerReference } from '../../api/types';
import { ApiClient } from '../../k8s/api-client';
import { installCRDs } from '../../k8s/crds';
import { kubectl, testKubeConfig, uniqueName } from '../../integration-tests/cluster/test-env';

export class StatusTestEnv {
  readonly kc = testKubeConfig();
  readonly client = ApiClient.fromKubeConfig(this.kc);
  readonly ns: string;

  constructor(prefix: string) {
    this.ns = uniqueName(prefix);
  }

  async setup(): Promise<void> {
    await installCRDs(this.client);
    await this.client.create(resourcePath(KUBE_KINDS.Namespace), { metadata: { name: this.ns } });
  }

  async cleanup(): Promise<void> {
    await kubectl(['delete', 'namespace', this.ns, '--wait=false']).catch(() => undefined);
    this.client.close();
  }

  /** A speaker Pod to own the objects (never scheduled anywhere that matters). */
  async speakerPod(name: string): Promise<OwnerReference> {
    const pod = await this.client.create<{ metadata: { name: string; uid: string } }>(
      resourcePath(KUBE_KINDS.Pod, { namespace: this.ns }),
      {
        metadata: { name },
        spec: { containers: [{ name: 'speaker', image: 'registry.invalid/speaker:test' }] },
      },
    );
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      name: pod.metadata.name,
      uid: pod.metadata.uid,
      controller: true,
    };
  }

  /** The objects of a kind in the test namespace, optionally only those the selector matches. */
  async list<T>(kind: ResourceKind, labelSelector?: string): Promise<T[]> {
    const res = await this.client.list<T>(resourcePath(kind, { namespace: this.ns }), { labelSelector });
    return res.items;
  }
}
