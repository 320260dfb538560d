import {
  ApiextensionsV1Api,
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  type KubernetesObject,
  type V1CustomResourceDefinition,
} from '@kubernetes/client-node';
import { isEstablished } from '../../k8s/crds';
import { mergePatch } from './patch';
import { ApiClient } from '../../k8s/api-client';
import { Reflector } from '../../k8s/reflector';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_NODES } from './global-setup';
import { kubectl, testKubeConfig, uniqueName, waitFor } from './test-env';
import { versions } from './versions';
import { NODE_IP, POD_CIDR, SERVICE_CIDRS } from './control-plane';
import { parseAddressEntry, parseIP } from '../../api/ip-ranges';

const kc = testKubeConfig();
const core = kc.makeApiClient(CoreV1Api);
const apps = kc.makeApiClient(AppsV1Api);
const ext = kc.makeApiClient(ApiextensionsV1Api);
const custom = kc.makeApiClient(CustomObjectsApi);
const ns = uniqueName('cp');

const widgetCRD: V1CustomResourceDefinition = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.test.metallb.io' },
  spec: {
    group: 'test.metallb.io',
    scope: 'Namespaced',
    names: { plural: 'widgets', singular: 'widget', kind: 'Widget' },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: {
                type: 'object',
                properties: { size: { type: 'integer', minimum: 1 }, color: { type: 'string' } },
              },
            },
          },
        },
      },
    ],
  },
};

beforeAll(async () => {
  await core.createNamespace({ body: { metadata: { name: ns } } });
});
afterAll(async () => {
  await core.deleteNamespace({ name: ns }).catch(() => undefined);
});

describe('the local control plane', () => {
  it('reports the pinned Kubernetes version through kubectl', async () => {
    const out = JSON.parse(await kubectl(['version', '-o', 'json'])) as {
      serverVersion: { gitVersion: string };
    };
    expect(out.serverVersion.gitVersion).toBe(versions.K8S_VERSION);
  });

  it('installs a CRD, then creates, patches and watches a custom object', async () => {
    await ext.createCustomResourceDefinition({ body: widgetCRD });
    await waitFor('CRD established', async () => {
      return isEstablished(await ext.readCustomResourceDefinition({ name: widgetCRD.metadata!.name! }));
    });

    // Right after a CRD is established its watch cache may still be warming up (429 Too Many
    // Requests); the Reflector retries with backoff, which is exactly what our controllers rely on.
    const seen: string[] = [];
    const widgets = new Reflector<KubernetesObject & { spec?: { size?: number } }>(
      ApiClient.fromKubeConfig(kc),
      {
        resource: {
          group: 'test.metallb.io',
          version: 'v1',
          kind: 'Widget',
          plural: 'widgets',
          namespaced: true,
        },
        namespace: ns,
      },
    );
    widgets.on('add', (o) => seen.push(`ADDED:${o.spec?.size}`));
    widgets.on('update', (o) => seen.push(`MODIFIED:${o.spec?.size}`));
    await widgets.start();
    const base = { group: 'test.metallb.io', version: 'v1', namespace: ns, plural: 'widgets' };
    await custom.createNamespacedCustomObject({
      ...base,
      body: { apiVersion: 'test.metallb.io/v1', kind: 'Widget', metadata: { name: 'w1' }, spec: { size: 1 } },
    });
    await custom.patchNamespacedCustomObject(
      { ...base, name: 'w1', body: { spec: { size: 2 } } },
      mergePatch,
    );
    // The schema's minimum is enforced by the real apiserver.
    await expect(
      custom.patchNamespacedCustomObject({ ...base, name: 'w1', body: { spec: { size: 0 } } }, mergePatch),
    ).rejects.toMatchObject({ code: 422 });
    await waitFor('watch events', async () => seen.length >= 2).catch((err: Error) => {
      throw new Error(`${err.message}; seen ${JSON.stringify(seen)}`);
    });
    widgets.stop();
    expect(seen).toEqual(['ADDED:1', 'MODIFIED:2']);
  });

  it('allocates dual-stack cluster IPs to a LoadBalancer Service and accepts a status write', async () => {
    const svc = await core.createNamespacedService({
      namespace: ns,
      body: {
        metadata: { name: 'lb' },
        spec: {
          type: 'LoadBalancer',
          ipFamilyPolicy: 'RequireDualStack',
          ports: [{ port: 80, protocol: 'TCP' }],
          selector: { app: 'x' },
        },
      },
    });
    expect(svc.spec?.clusterIPs).toHaveLength(2);
    expect(svc.spec?.ipFamilies).toEqual(['IPv4', 'IPv6']);
    expect(SERVICE_CIDRS).toHaveLength(2);
    const patched = await core.patchNamespacedServiceStatus(
      { name: 'lb', namespace: ns, body: { status: { loadBalancer: { ingress: [{ ip: '192.0.2.10' }] } } } },
      mergePatch,
    );
    expect(patched.status?.loadBalancer?.ingress).toMatchObject([{ ip: '192.0.2.10' }]);
  });

  it(`runs a Deployment and a DaemonSet to all-ready over ${TEST_NODES} fake nodes`, async () => {
    const labels = { app: 'probe' };
    const podSpec = { containers: [{ name: 'c', image: 'registry.invalid/probe:1' }] };
    await apps.createNamespacedDeployment({
      namespace: ns,
      body: {
        metadata: { name: 'probe' },
        spec: {
          replicas: 1,
          selector: { matchLabels: labels },
          template: { metadata: { labels }, spec: podSpec },
        },
      },
    });
    const dsLabels = { app: 'probe-ds' };
    await apps.createNamespacedDaemonSet({
      namespace: ns,
      body: {
        metadata: { name: 'probe' },
        spec: {
          selector: { matchLabels: dsLabels },
          template: { metadata: { labels: dsLabels }, spec: podSpec },
        },
      },
    });
    await waitFor('deployment 1/1 ready', async () => {
      const d = await apps.readNamespacedDeployment({ name: 'probe', namespace: ns });
      return d.status?.readyReplicas === 1;
    });
    const ds = await waitFor('daemonset ready on every node', async () => {
      const d = await apps.readNamespacedDaemonSet({ name: 'probe', namespace: ns });
      return d.status?.numberReady === TEST_NODES && d.status.desiredNumberScheduled === TEST_NODES && d;
    });
    expect(ds.status?.numberReady).toBe(TEST_NODES);
    const pods = await core.listNamespacedPod({ namespace: ns, labelSelector: 'app=probe-ds' });
    expect(new Set(pods.items.map((p) => p.spec?.nodeName)).size).toBe(TEST_NODES);
  });

  it(`addresses simulated Pods from ${POD_CIDR} and Nodes at ${NODE_IP}, which cannot leave the machine`, async () => {
    await core.createNamespacedPod({
      namespace: ns,
      body: {
        metadata: { name: 'addressed' },
        spec: { containers: [{ name: 'c', image: 'registry.invalid/probe:1' }] },
      },
    });
    const pod = await waitFor('pod addressed', async () => {
      const p = await core.readNamespacedPod({ name: 'addressed', namespace: ns });
      return p.status?.podIP ? p : undefined;
    });
    const inPodCIDR = (ip: string) => {
      const r = parseAddressEntry(POD_CIDR);
      const v = parseIP(ip);
      return v !== undefined && v.family === r.family && v.value >= r.first && v.value <= r.last;
    };
    expect(pod.status?.podIP).toSatisfy(inPodCIDR);
    for (const { ip } of pod.status?.podIPs ?? []) expect(ip).toSatisfy(inPodCIDR);
    expect(pod.status?.hostIP).toBe(NODE_IP);
    const node = await core.readNode({ name: pod.spec!.nodeName! });
    expect(node.status?.addresses).toContainEqual({ type: 'InternalIP', address: NODE_IP });
  });
});
