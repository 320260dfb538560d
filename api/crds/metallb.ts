import {
  BGP_BACKENDS,
  LOAD_BALANCER_CLASS_PATTERN,
  LOG_LEVELS,
  METALLB_INSTANCE_NAME,
} from '../validation/metallb-instance';
import { affinity, resources, tolerations } from './core-schemas';
import { AGE_COLUMN, defineCRD } from './define-crd';
import { conditions, object, string, stringMap } from './schema-builders';
import type { JSONSchemaProps, PrinterColumn } from './schema-types';

function deploymentConfig(what: string): JSONSchemaProps {
  return object(
    {
      priorityClassName: string(`The PriorityClass of the ${what} pods.`),
      runtimeClassName: string(`The RuntimeClass of the ${what} pods.`),
      affinity: affinity(`Scheduling constraints of the ${what} pods.`),
      annotations: stringMap(`Annotations added to the ${what} pods.`),
      resources: resources(`Compute resources of the ${what} containers.`),
    },
    `Pod settings of the ${what}.`,
  );
}

function conditionColumn(type: string): PrinterColumn {
  return {
    name: type,
    type: 'string',
    jsonPath: `.status.conditions[?(@.type=="${type}")].status`,
    description: `${type} condition status`,
  };
}

export const metalLBCRD = defineCRD({
  kind: 'MetalLB',
  plural: 'metallbs',
  shortNames: ['mlb'],
  versions: [
    {
      name: 'v1beta1',
      storage: true,
      description: `MetalLB deploys MetalLB (controller and speakers) in its namespace. Only one instance, named "${METALLB_INSTANCE_NAME}", is supported; deleting it removes MetalLB.`,
      spec: object(
        {
          nodeSelector: stringMap('Node selector of the speaker DaemonSet (default kubernetes.io/os=linux).'),
          speakerTolerations: tolerations('Tolerations of the speaker DaemonSet.'),
          controllerNodeSelector: stringMap('Node selector of the controller Deployment.'),
          controllerTolerations: tolerations('Tolerations of the controller Deployment.'),
          logLevel: string(
            `Log verbosity of the controller and speakers: ${LOG_LEVELS.join(', ')} (info when unset).`,
            {
              enum: [...LOG_LEVELS],
            },
          ),
          loadBalancerClass: string(
            'The spec.loadBalancerClass of the Services MetalLB handles; when unset, Services without a class. A label-style name with an optional prefix, e.g. "example.com/internal-vip".',
            { pattern: LOAD_BALANCER_CLASS_PATTERN },
          ),
          controllerConfig: deploymentConfig('controller'),
          speakerConfig: deploymentConfig('speaker'),
          bgpBackend: string(`The BGP implementation: ${BGP_BACKENDS.join(', ')}.`, {
            enum: [...BGP_BACKENDS],
          }),
        },
        'How MetalLB is deployed.',
      ),
      status: object(
        { conditions: conditions('Available, Progressing, Degraded and Upgradeable, set by the operator.') },
        'The state of the deployment.',
      ),
      printerColumns: [
        conditionColumn('Available'),
        conditionColumn('Progressing'),
        conditionColumn('Degraded'),
        conditionColumn('Upgradeable'),
        AGE_COLUMN,
      ],
    },
  ],
});
