// Tells the apiserver how to reach the webhooks: in development (backend on the host, apiserver on
// loopback) it registers the whole ValidatingWebhookConfiguration and the BGPPeer conversion with
// URLs; in a cluster (configuration rendered by the operator, reached through a Service) it only
// patches the CA bundle of the certificate it generated.
// In development this role is the registration's one writer: the operator leaves it out of its
// rendering (OperatorEnv.webhooksRegisteredByBackend) and, since it is called by URL and not through
// a Service of the operator's namespace, never counts it as its own to prune or delete
// (ownership.ts). So creating or deleting the MetalLB CR cannot point the apiserver at simulated
// Pods, nor remove the webhooks; no second writer re-asserting it, so no race between two.
import type { V1CustomResourceDefinition, V1ValidatingWebhookConfiguration } from '@kubernetes/client-node';
import { CONVERSION_WEBHOOK_PATH, crdForKind } from '../../api/crds';
import { KUBE_KINDS, resourcePath } from '../../api/kinds';
import { FIELD_MANAGERS, NAMES } from '../../api/operand';
import type { ApiClient } from '../../k8s/api-client';
import { isStatus } from '../../k8s/errors';
import { webhookConfiguration } from '../operator/render/webhook-configuration';

export const BGPPEER_CRD = 'bgppeers.metallb.io';

/** The operator's rendering, with each webhook pointed at `baseURL` instead of the Service. */
export function devWebhookConfiguration(
  namespace: string,
  version: string,
  baseURL: string,
  caBundle: string,
): V1ValidatingWebhookConfiguration {
  const cfg = webhookConfiguration({
    namespace,
    version,
    controllerImage: '',
    speakerImage: '',
    hasConsolePluginAPI: false,
  });
  for (const w of cfg.webhooks ?? []) {
    w.clientConfig = { url: `${baseURL}${w.clientConfig.service?.path ?? ''}`, caBundle };
  }
  return cfg;
}

export async function registerDevWebhooks(
  client: ApiClient,
  namespace: string,
  version: string,
  baseURL: string,
  caPEM: string,
): Promise<void> {
  const caBundle = Buffer.from(caPEM).toString('base64');
  const manager = { fieldManager: FIELD_MANAGERS.operator };
  await client.apply(devWebhookConfiguration(namespace, version, baseURL, caBundle), manager);
  // Re-applied whole, by the same field manager as installCRDs: the Service reference we owned is
  // dropped in the same write that sets the URL (the apiserver wants exactly one of them).
  const crd = crdForKind('BGPPeer')!;
  crd.spec.conversion!.webhook!.clientConfig = { url: `${baseURL}${CONVERSION_WEBHOOK_PATH}`, caBundle };
  await client.apply(crd, manager);
}

/**
 * A stopping dev backend withdraws its registration, so the apiserver is not left calling a port
 * nobody listens on; only while every webhook still points at `baseURL` (a newer backend may have
 * registered its own since), and only that version of the object (precondition). The BGPPeer
 * conversion stays: without it v1beta1 requests would be stored unconverted.
 */
export async function unregisterDevWebhooks(client: ApiClient, baseURL: string): Promise<boolean> {
  const path = resourcePath(KUBE_KINDS.ValidatingWebhookConfiguration, { name: NAMES.webhookConfiguration });
  const cfg = await client.find<V1ValidatingWebhookConfiguration>(path);
  const webhooks = cfg?.webhooks ?? [];
  if (webhooks.length === 0 || !webhooks.every((w) => w.clientConfig.url?.startsWith(`${baseURL}/`)))
    return false;
  try {
    await client.delete(path, {
      body: {
        kind: 'DeleteOptions',
        apiVersion: 'v1',
        preconditions: { resourceVersion: cfg!.metadata!.resourceVersion },
      },
    });
    return true;
  } catch (err) {
    if (isStatus(err, 404, 409)) return false;
    throw err;
  }
}

/**
 * Puts our CA into every webhook of the operator-rendered configuration and into the BGPPeer
 * conversion webhook. Missing objects are skipped: the operator may not have created them yet,
 * and the next renewal check patches them.
 */
export async function patchCABundles(
  client: ApiClient,
  webhookConfigName: string,
  caPEM: string,
  /** The Service this controller serves behind: the CRD's conversion must name it, in our namespace. */
  service?: { name: string; namespace: string },
): Promise<void> {
  const caBundle = Buffer.from(caPEM).toString('base64');
  const cfgPath = resourcePath(KUBE_KINDS.ValidatingWebhookConfiguration, { name: webhookConfigName });
  const cfg = await client.find<V1ValidatingWebhookConfiguration>(cfgPath);
  const webhooks = cfg?.webhooks ?? [];
  const stale = webhooks.map((w, i) => [w, i] as const).filter(([w]) => w.clientConfig.caBundle !== caBundle);
  if (stale.length > 0) {
    await client.jsonPatch(cfgPath, [
      { op: 'test', path: '/metadata/resourceVersion', value: cfg!.metadata!.resourceVersion },
      ...stale.map(([, i]) => ({ op: 'add', path: `/webhooks/${i}/clientConfig/caBundle`, value: caBundle })),
    ]);
  }
  const crdPath = resourcePath(KUBE_KINDS.CustomResourceDefinition, { name: BGPPEER_CRD });
  const crd = await client.find<V1CustomResourceDefinition>(crdPath);
  const conversion = crd?.spec.conversion?.webhook?.clientConfig;
  // CRDs are installed as published (namespace metallb-system); installed elsewhere, the controller
  // points the conversion at its own Service so BGPPeer reads keep working.
  const elsewhere = !!service && !!conversion?.service && conversion.service.namespace !== service.namespace;
  if (conversion && (conversion.caBundle !== caBundle || elsewhere)) {
    await client.jsonPatch(crdPath, [
      { op: 'add', path: '/spec/conversion/webhook/clientConfig/caBundle', value: caBundle },
      ...(elsewhere
        ? [
            {
              op: 'add',
              path: '/spec/conversion/webhook/clientConfig/service',
              value: { ...conversion.service, ...service },
            },
          ]
        : []),
    ]);
  }
}
