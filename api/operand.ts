// The contract between the operator and its operands (controller, speaker, console plugin), and
// between the speaker and whoever reads its status objects (the UI, kubectl -l): object names,
// ports, environment variables, mount paths, labels and field managers. Names follow upstream
// MetalLB where it has one. Every program reads them from here.

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
  /** The controller's leader-election Lease. */
  controllerLease: 'metallb-controller',
} as const;

export const PORTS = {
  metrics: 7472,
  webhook: 9443,
  webhookService: 443,
  memberlist: 7946,
  consolePlugin: 9443,
  /** Where the speaker accepts routers' BGP connections (hostNetwork: the node's own port 179). */
  bgp: 179,
} as const;

export const MEMBERLIST_SECRET_KEY = 'secretkey';
/** Directory the speaker reads `secretkey` from (upstream's METALLB_ML_SECRET_KEY_PATH). */
export const MEMBERLIST_MOUNT_PATH = '/etc/ml_secret_key';
/** Directory holding excludel2.yaml, where upstream's speaker looks for it. */
export const EXCLUDEL2_MOUNT_PATH = '/etc/metallb';
export const EXCLUDEL2_FILE = 'excludel2.yaml';
/**
 * Interfaces Layer 2 never announces on (regular expressions, upstream's defaults: container,
 * bridge and tunnel devices that never carry service traffic). The operator renders them into the
 * `metallb-excludel2` ConfigMap; a speaker without that file uses them as they are.
 */
export const DEFAULT_EXCLUDED_L2_INTERFACES: readonly string[] = [
  '^docker.*',
  '^cbr.*',
  '^dummy.*',
  '^virbr.*',
  '^lxcbr.*',
  '^veth.*',
  '^lo$',
  '^cali.*',
  '^tunl.*',
  '^flannel.*',
  '^kube-ipvs.*',
  '^cni.*',
  '^nodelocaldns.*',
  '^lxc.*',
];
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
  logLevel: 'METALLB_LOG_LEVEL',
  lbClass: 'METALLB_LB_CLASS',
  bgpType: 'METALLB_BGP_TYPE',
  webhookPort: 'METALLB_WEBHOOK_PORT',
  webhookService: 'METALLB_WEBHOOK_SERVICE',
  webhookConfiguration: 'METALLB_WEBHOOK_CONFIGURATION',
  webhookCertSecret: 'METALLB_WEBHOOK_CERT_SECRET',
  webhookCertDir: 'METALLB_WEBHOOK_CERT_DIR',
  /** The speaker's BGP listening port; 0: routers cannot connect, the speaker always dials. */
  bgpPort: 'METALLB_BGP_PORT',
  mlBindAddr: 'METALLB_ML_BIND_ADDR',
  mlBindPort: 'METALLB_ML_BIND_PORT',
  mlLabels: 'METALLB_ML_LABELS',
  mlSecretKeyPath: 'METALLB_ML_SECRET_KEY_PATH',
  /** Gossip timing for slow networks (ours; upstream's memberlist has fixed LAN defaults). */
  mlProbeIntervalMs: 'METALLB_ML_PROBE_INTERVAL_MS',
  mlSuspicionMs: 'METALLB_ML_SUSPICION_MS',
  tlsCertFile: 'METALLB_TLS_CERT_FILE',
  tlsKeyFile: 'METALLB_TLS_KEY_FILE',
} as const;

/** Labels of the recommended `app.kubernetes.io/*` set, on every object the operator renders. */
export const LABELS = {
  managedBy: 'app.kubernetes.io/managed-by',
  partOf: 'app.kubernetes.io/part-of',
  component: 'app.kubernetes.io/component',
  version: 'app.kubernetes.io/version',
} as const;
export const MANAGED_BY = 'metallb-operator';
export const PART_OF = 'metallb';

/** Labels of the status objects, as upstream MetalLB sets them: consumers select by them. */
export const STATUS_LABELS = {
  /** ServiceL2Status, ServiceBGPStatus, BGPSessionState: the speaker's node. */
  node: 'metallb.io/node',
  serviceName: 'metallb.io/service-name',
  serviceNamespace: 'metallb.io/service-namespace',
  /** BGPSessionState only (our kind): the BGPPeer's name. */
  peer: 'metallb.io/peer',
  /** ConfigurationState: `controller` or `speaker`. */
  componentType: 'metallb.io/component-type',
  /** ConfigurationState of a speaker: its node. */
  nodeName: 'metallb.io/node-name',
} as const;

/**
 * The Service a ServiceL2Status or ServiceBGPStatus reports on: its status fields, else the labels
 * every speaker (ours and upstream's) puts on it.
 */
export function statusServiceRef(obj: {
  metadata?: { labels?: Record<string, string> };
  status?: { serviceName?: string; serviceNamespace?: string };
}): { name?: string; namespace?: string } {
  const labels = obj.metadata?.labels ?? {};
  const name = obj.status?.serviceName ?? labels[STATUS_LABELS.serviceName];
  const namespace = obj.status?.serviceNamespace ?? labels[STATUS_LABELS.serviceNamespace];
  return { ...(name !== undefined ? { name } : {}), ...(namespace !== undefined ? { namespace } : {}) };
}

/** Server-side apply field managers: whose fields are whose. */
export const FIELD_MANAGERS = {
  operator: 'metallb-ts',
  controller: 'metallb-controller',
  speaker: 'metallb-speaker',
} as const;

/** Names and condition types of the ConfigurationState objects the components write. */
export const CONFIGURATION_STATE = {
  controllerName: 'controller',
  controllerCondition: 'poolReconcilerValid',
  speakerCondition: 'configReconcilerValid',
  speakerName: (node: string) => `speaker-${node}`,
} as const;
