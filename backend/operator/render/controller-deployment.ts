// The controller Deployment: one replica that allocates IPs and serves the webhooks.
import type { V1Container, V1Deployment } from '@kubernetes/client-node';
import type { MetalLB } from '../../../api/types';
import type { OperatorEnv } from '../env';
import { objectMeta, podLabels, selectorLabels } from './labels';
import { ENV, NAMES, PORTS } from './names';
import {
  bgpTypeEnv,
  commonArgs,
  fieldEnv,
  httpProbe,
  nodeSelector,
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
      { name: ENV.httpHost, value: '0.0.0.0' },
      { name: ENV.httpPort, value: String(PORTS.metrics) },
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
    livenessProbe: httpProbe('/healthz', 'monitoring'),
    readinessProbe: httpProbe('/readyz', 'monitoring'),
    ...(res ? { resources: res } : {}),
    securityContext: {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    },
  };
  const tols = tolerations([], spec.controllerTolerations);
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: objectMeta(NAMES.controller, {
      component: 'controller',
      version: env.version,
      namespace: env.namespace,
      owner: cr,
    }),
    spec: {
      replicas: 1,
      revisionHistoryLimit: 3,
      selector: { matchLabels: selectorLabels('controller') },
      template: {
        metadata: { labels: podLabels('controller'), annotations: podAnnotations(config) },
        spec: {
          serviceAccountName: NAMES.controller,
          nodeSelector: nodeSelector(spec.controllerNodeSelector),
          ...(tols.length > 0 ? { tolerations: tols } : {}),
          ...scheduling(config),
          // No runAsUser: OpenShift assigns one from the namespace range; the image must not be root.
          securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
          terminationGracePeriodSeconds: 10,
          containers: [container],
        },
      },
    },
  };
}
