// The ValidatingWebhookConfiguration: one webhook per metallb.io kind, all served by the
// controller through metallb-webhook-service, paths and operations as upstream MetalLB.
import type { V1ValidatingWebhook, V1ValidatingWebhookConfiguration } from '@kubernetes/client-node';
import type { OperatorEnv } from '../env';
import { objectMeta } from './labels';
import { NAMES, PORTS } from '../../../api/operand';

export interface WebhookTarget {
  kind: string;
  version: 'v1beta1' | 'v1beta2';
  plural: string;
  operations: ('CREATE' | 'UPDATE' | 'DELETE')[];
}

/**
 * BGPPeer is validated at its storage version only: with matchPolicy Equivalent (the default)
 * the API server converts v1beta1 requests before calling. BFDProfile validates DELETE to refuse
 * removing a profile a peer still uses.
 */
export const WEBHOOK_TARGETS: readonly WebhookTarget[] = [
  { kind: 'BFDProfile', version: 'v1beta1', plural: 'bfdprofiles', operations: ['CREATE', 'DELETE'] },
  {
    kind: 'BGPAdvertisement',
    version: 'v1beta1',
    plural: 'bgpadvertisements',
    operations: ['CREATE', 'UPDATE'],
  },
  { kind: 'BGPPeer', version: 'v1beta2', plural: 'bgppeers', operations: ['CREATE', 'UPDATE'] },
  { kind: 'Community', version: 'v1beta1', plural: 'communities', operations: ['CREATE', 'UPDATE'] },
  { kind: 'IPAddressPool', version: 'v1beta1', plural: 'ipaddresspools', operations: ['CREATE', 'UPDATE'] },
  {
    kind: 'L2Advertisement',
    version: 'v1beta1',
    plural: 'l2advertisements',
    operations: ['CREATE', 'UPDATE'],
  },
  { kind: 'MetalLB', version: 'v1beta1', plural: 'metallbs', operations: ['CREATE', 'UPDATE'] },
];

export function webhookPath(t: Pick<WebhookTarget, 'kind' | 'version'>): string {
  return `/validate-metallb-io-${t.version}-${t.kind.toLowerCase()}`;
}

function webhook(t: WebhookTarget, env: OperatorEnv): V1ValidatingWebhook {
  return {
    name: `${t.kind.toLowerCase()}validationwebhook.metallb.io`,
    admissionReviewVersions: ['v1'],
    clientConfig: {
      service: {
        name: NAMES.webhookService,
        namespace: env.namespace,
        path: webhookPath(t),
        port: PORTS.webhookService,
      },
      // Absent: the controller patches in its own CA, and we must not claim the field.
      ...(env.webhookCABundle ? { caBundle: env.webhookCABundle } : {}),
    },
    // The MetalLB webhook is served by the controller the MetalLB object deploys: with Fail, a
    // controller that cannot start (say, a wrong controllerNodeSelector) would block the very
    // edit that fixes it. Everything else fails closed, as upstream.
    failurePolicy: t.kind === 'MetalLB' ? 'Ignore' : 'Fail',
    sideEffects: 'None',
    rules: [
      {
        apiGroups: ['metallb.io'],
        apiVersions: [t.version],
        operations: [...t.operations],
        resources: [t.plural],
      },
    ],
  };
}

export function webhookConfiguration(env: OperatorEnv): V1ValidatingWebhookConfiguration {
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingWebhookConfiguration',
    metadata: objectMeta(NAMES.webhookConfiguration, { component: 'controller', version: env.version }),
    webhooks: WEBHOOK_TARGETS.map((t) => webhook(t, env)),
  };
}
