// Shared by the status writers' integration tests: the metallb.io CRDs, a namespace of the test
// file's own standing in for the MetalLB namespace, and a Pod in it to own the status objects.
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
    await this.client.create('/api/v1/namespaces', { metadata: { name: this.ns } });
  }

  async cleanup(): Promise<void> {
    await kubectl(['delete', 'namespace', this.ns, '--wait=false']).catch(() => undefined);
    this.client.close();
  }

  /** A speaker Pod to own the objects (never scheduled anywhere that matters). */
  async speakerPod(name: string): Promise<OwnerReference> {
    const pod = await this.client.create<{ metadata: { name: string; uid: string } }>(
      `/api/v1/namespaces/${this.ns}/pods`,
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

  async list<T>(plural: string, labelSelector?: string): Promise<T[]> {
    const q = labelSelector ? `?labelSelector=${encodeURIComponent(labelSelector)}` : '';
    const res = await this.client.get<{ items: T[] }>(
      `/apis/metallb.io/v1beta1/namespaces/${this.ns}/${plural}${q}`,
    );
    return res.items;
  }
}
