// The OpenShift console plugin: a ConsolePlugin object plus the Deployment and Service serving
// the plugin bundle and the UI's API. A separate Deployment rather than the controller's:
// the console needs a TLS endpoint with a service-ca certificate, the UI must stay up when the
// allocator restarts (and the reverse), and the UI acts with the user's token (proxy
// authorization UserToken), so its pod needs no API credentials at all while the controller
// holds secrets and webhook write rights.
import type { V1Deployment, V1Service, V1ServiceAccount } from '@kubernetes/client-node';
import type { MetalLB } from '../../../api/types';
import type { OperatorEnv } from '../env';
import type { OperandMeta } from '../operand';
import { objectMeta, ownedMeta, selectorLabels } from './labels';
import { CONSOLE_PLUGIN_CERT_PATH, ENV, NAMES, PORTS } from '../../../api/operand';
import {
  componentPods,
  containerSecurityContext,
  DEFAULT_NODE_SELECTOR,
  healthProbes,
  httpListenEnv,
  nonRootPodSecurityContext,
} from './pod-config';

export interface ConsolePluginServiceRef {
  name: string;
  namespace: string;
  port: number;
  basePath?: string;
}

/** console.openshift.io/v1 ConsolePlugin (not in @kubernetes/client-node). */
export interface ConsolePlugin {
  apiVersion: 'console.openshift.io/v1';
  kind: 'ConsolePlugin';
  metadata: OperandMeta;
  spec: {
    displayName: string;
    backend: { type: 'Service'; service: ConsolePluginServiceRef };
    i18n: { loadType: 'Preload' | 'Lazy' | '' };
    proxy: {
      alias: string;
      authorization: 'UserToken' | 'None';
      endpoint: { type: 'Service'; service: ConsolePluginServiceRef };
    }[];
  };
}

export function consolePlugin(env: OperatorEnv): ConsolePlugin {
  const service = { name: NAMES.consolePlugin, namespace: env.namespace, port: PORTS.consolePlugin };
  return {
    apiVersion: 'console.openshift.io/v1',
    kind: 'ConsolePlugin',
    metadata: objectMeta(NAMES.consolePlugin, { component: 'console-plugin', version: env.version }),
    spec: {
      displayName: 'MetalLB',
      backend: { type: 'Service', service: { ...service, basePath: '/' } },
      // Preload: strings are in place before the plugin's first render (no flash of keys).
      i18n: { loadType: 'Preload' },
      proxy: [{ alias: 'backend', authorization: 'UserToken', endpoint: { type: 'Service', service } }],
    },
  };
}

export function consolePluginService(cr: MetalLB, env: OperatorEnv): V1Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: ownedMeta(NAMES.consolePlugin, 'console-plugin', cr, env, {
      'service.beta.openshift.io/serving-cert-secret-name': NAMES.consolePluginCertSecret,
    }),
    spec: {
      selector: selectorLabels('console-plugin'),
      ports: [{ name: 'https', port: PORTS.consolePlugin, targetPort: 'https', protocol: 'TCP' }],
    },
  };
}

export function consolePluginServiceAccount(cr: MetalLB, env: OperatorEnv): V1ServiceAccount {
  return {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: ownedMeta(NAMES.consolePlugin, 'console-plugin', cr, env),
    automountServiceAccountToken: false,
  };
}

export function consolePluginDeployment(cr: MetalLB, env: OperatorEnv): V1Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: ownedMeta(NAMES.consolePlugin, 'console-plugin', cr, env),
    spec: {
      replicas: 1,
      revisionHistoryLimit: 3,
      ...componentPods('console-plugin', {
        serviceAccountName: NAMES.consolePlugin,
        automountServiceAccountToken: false,
        nodeSelector: { ...DEFAULT_NODE_SELECTOR },
        securityContext: nonRootPodSecurityContext(),
        containers: [
          {
            name: 'console-plugin',
            image: env.consolePluginImage ?? env.controllerImage,
            env: [
              { name: ENV.roles, value: 'ui' },
              ...httpListenEnv(PORTS.consolePlugin),
              { name: ENV.tlsCertFile, value: `${CONSOLE_PLUGIN_CERT_PATH}/tls.crt` },
              { name: ENV.tlsKeyFile, value: `${CONSOLE_PLUGIN_CERT_PATH}/tls.key` },
            ],
            ports: [{ name: 'https', containerPort: PORTS.consolePlugin, protocol: 'TCP' }],
            ...healthProbes('https', 'HTTPS'),
            securityContext: containerSecurityContext(),
            volumeMounts: [{ name: 'serving-cert', mountPath: CONSOLE_PLUGIN_CERT_PATH, readOnly: true }],
          },
        ],
        volumes: [{ name: 'serving-cert', secret: { secretName: NAMES.consolePluginCertSecret } }],
      }),
    },
  };
}

/** Everything for the plugin, in apply order. */
export function consolePluginObjects(
  cr: MetalLB,
  env: OperatorEnv,
): (ConsolePlugin | V1Deployment | V1Service | V1ServiceAccount)[] {
  return [
    consolePluginServiceAccount(cr, env),
    consolePluginService(cr, env),
    consolePluginDeployment(cr, env),
    consolePlugin(env),
  ];
}
