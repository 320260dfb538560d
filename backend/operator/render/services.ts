// Services in front of the controller and speakers: metrics (headless, one endpoint per pod for
// scraping) and the webhook Service the API server calls.
import type { V1Service } from '@kubernetes/client-node';
import type { MetalLB } from '../../../api/types';
import type { OperatorEnv } from '../env';
import { type Component, ownedMeta, selectorLabels } from './labels';
import { NAMES, PORTS } from '../../../api/operand';

function monitorService(name: string, component: Component, cr: MetalLB, env: OperatorEnv): V1Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: ownedMeta(name, component, cr, env),
    spec: {
      clusterIP: 'None',
      selector: selectorLabels(component),
      ports: [{ name: 'monitoring', port: PORTS.metrics, targetPort: 'monitoring', protocol: 'TCP' }],
    },
  };
}

export function webhookService(cr: MetalLB, env: OperatorEnv): V1Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: ownedMeta(NAMES.webhookService, 'controller', cr, env),
    spec: {
      selector: selectorLabels('controller'),
      ports: [{ name: 'webhook', port: PORTS.webhookService, targetPort: 'webhook-server', protocol: 'TCP' }],
    },
  };
}

export function services(cr: MetalLB, env: OperatorEnv): V1Service[] {
  return [
    monitorService(NAMES.controllerMonitorService, 'controller', cr, env),
    monitorService(NAMES.speakerMonitorService, 'speaker', cr, env),
    webhookService(cr, env),
  ];
}
