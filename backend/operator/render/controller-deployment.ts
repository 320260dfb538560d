// The controller Deployment: one replica that allocates IPs and serves the webhooks.
import type { V1Container, V1Deployment } from '@kubernetes/client-node';
import type { MetalLB } from '../../../api/types';
import type { OperatorEnv } from '../env';
import { ownedMeta } from './labels';
import { ENV, NAMES, PORTS } from '../../../api/operand';
import {
  bgpTypeEnv,
  commonArgs,
  componentPods,
  containerSecurityContext,
  fieldEnv,
  healthProbes,
  httpListenEnv,
  nodeSelector,
  nonRootPodSecurityContext,
  podAnnotations,
  resources,
  scheduling,
  tolerations,
} from './pod-config';

export function controllerDeployment(cr: MetalLB, env: OperatorEnv): V1Deployment {
  const spec = cr.spec ?? {};
  const config = spec.controllerConfig;
  const res = resources(config);
  const container: V1Container = {
    name: 'controller',
    image: env.controllerImage,
    args: commonArgs(spec),
    env: [
      fieldEnv(ENV.namespace, 'metadata.namespace'),
      fieldEnv(ENV.podName, 'metadata.name'),
      // Narrows the backend to the controller's roles; it would otherwise also run the operator.
      { name: ENV.roles, value: 'controller,webhook' },
      ...httpListenEnv(PORTS.metrics),
      { name: ENV.webhookPort, value: String(PORTS.webhook) },
      { name: ENV.webhookService, value: NAMES.webhookService },
      { name: ENV.webhookConfiguration, value: NAMES.webhookConfiguration },
      { name: ENV.webhookCertSecret, value: NAMES.webhookCertSecret },
      bgpTypeEnv(spec),
    ],
    ports: [
      { name: 'monitoring', containerPort: PORTS.metrics, protocol: 'TCP' },
      { name: 'webhook-server', containerPort: PORTS.webhook, protocol: 'TCP' },
    ],
    ...healthProbes('monitoring'),
    ...(res ? { resources: res } : {}),
    securityContext: containerSecurityContext(),
  };
  const tols = tolerations([], spec.controllerTolerations);
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: ownedMeta(NAMES.controller, 'controller', cr, env),
    spec: {
      replicas: 1,
      revisionHistoryLimit: 3,
      ...componentPods(
        'controller',
        {
          serviceAccountName: NAMES.controller,
          nodeSelector: nodeSelector(spec.controllerNodeSelector),
          ...(tols.length > 0 ? { tolerations: tols } : {}),
          ...scheduling(config),
          // No runAsUser: OpenShift assigns one from the namespace range; the image must not be root.
          securityContext: nonRootPodSecurityContext(),
          terminationGracePeriodSeconds: 10,
          containers: [container],
        },
        podAnnotations(config),
      ),
    },
  };
}
