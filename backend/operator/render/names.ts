// Names, ports and environment variables of the operand: the contract between the operator, the
// controller and speaker entry points, and the tests. Names follow upstream MetalLB where it has one.

export const NAMES = {
  controller: 'controller',
  speaker: 'speaker',
  controllerClusterRole: 'metallb:controller',
  speakerClusterRole: 'metallb:speaker',
  controllerRole: 'metallb-controller',
  speakerRole: 'metallb-speaker',
  controllerMonitorService: 'controller-monitor-service',
  speakerMonitorService: 'speaker-monitor-service',
  webhookService: 'metallb-webhook-service',
  webhookConfiguration: 'metallb-webhook-configuration',
  /** Written by the controller itself (self-signed serving cert), never by the operator. */
  webhookCertSecret: 'metallb-webhook-cert',
  memberlistSecret: 'metallb-memberlist',
  excludeL2ConfigMap: 'metallb-excludel2',
  consolePlugin: 'metallb-console-plugin',
  /** Filled by OpenShift's service-ca operator from the Service annotation. */
  consolePluginCertSecret: 'metallb-console-plugin-cert',
} as const;

export const PORTS = {
  metrics: 7472,
  webhook: 9443,
  webhookService: 443,
  memberlist: 7946,
  consolePlugin: 9443,
} as const;

export const MEMBERLIST_SECRET_KEY = 'secretkey';
/** Directory the speaker reads `secretkey` from (upstream's METALLB_ML_SECRET_KEY_PATH). */
export const MEMBERLIST_MOUNT_PATH = '/etc/ml_secret_key';
/** Directory holding excludel2.yaml, where upstream's speaker looks for it. */
export const EXCLUDEL2_MOUNT_PATH = '/etc/metallb';
export const CONSOLE_PLUGIN_CERT_PATH = '/var/serving-cert';

/**
 * Environment variables the operand's entry points read. Configuration goes through env rather
 * than flags because an unknown env var is harmless while an unknown flag stops parseArgs.
 */
export const ENV = {
  namespace: 'METALLB_NAMESPACE',
  podName: 'METALLB_POD_NAME',
  nodeName: 'METALLB_NODE_NAME',
  hostIP: 'METALLB_HOST',
  /** Comma-separated roles a backend process runs (controller,webhook | ui). */
  roles: 'METALLB_ROLES',
  httpHost: 'METALLB_HTTP_HOST',
  httpPort: 'METALLB_HTTP_PORT',
  bgpType: 'METALLB_BGP_TYPE',
  webhookPort: 'METALLB_WEBHOOK_PORT',
  webhookService: 'METALLB_WEBHOOK_SERVICE',
  webhookConfiguration: 'METALLB_WEBHOOK_CONFIGURATION',
  webhookCertSecret: 'METALLB_WEBHOOK_CERT_SECRET',
  mlBindAddr: 'METALLB_ML_BIND_ADDR',
  mlBindPort: 'METALLB_ML_BIND_PORT',
  mlLabels: 'METALLB_ML_LABELS',
  mlSecretKeyPath: 'METALLB_ML_SECRET_KEY_PATH',
  tlsCertFile: 'METALLB_TLS_CERT_FILE',
  tlsKeyFile: 'METALLB_TLS_KEY_FILE',
} as const;
