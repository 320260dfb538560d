// How the MetalLB spec's per-component knobs land in a pod spec; shared by controller and speaker
// so both interpret logLevel, loadBalancerClass, bgpBackend and DeploymentConfig the same way.
import type {
  V1Affinity,
  V1Container,
  V1EnvVar,
  V1PodSecurityContext,
  V1PodSpec,
  V1PodTemplateSpec,
  V1Probe,
  V1ResourceRequirements,
  V1SecurityContext,
  V1Toleration,
} from '@kubernetes/client-node';
import type { DeploymentConfig, MetalLBSpec, Toleration } from '../../../api/types';
import { type Component, podLabels, selectorLabels } from './labels';
import { ENV, PORTS } from '../../../api/operand';

export const DEFAULT_LOG_LEVEL = 'info';
/** Our speaker speaks BGP itself; frr* values are passed through for a speaker that supports them. */
export const DEFAULT_BGP_BACKEND = 'native';
export const DEFAULT_NODE_SELECTOR: Readonly<Record<string, string>> = { 'kubernetes.io/os': 'linux' };

/** Flags both entry points accept (upstream's names). */
export function commonArgs(spec: MetalLBSpec): string[] {
  const args = [`--log-level=${spec.logLevel ?? DEFAULT_LOG_LEVEL}`];
  if (spec.loadBalancerClass) args.push(`--lb-class=${spec.loadBalancerClass}`);
  return args;
}

export function bgpTypeEnv(spec: MetalLBSpec): V1EnvVar {
  return { name: ENV.bgpType, value: spec.bgpBackend ?? DEFAULT_BGP_BACKEND };
}

export function fieldEnv(name: string, fieldPath: string): V1EnvVar {
  return { name, valueFrom: { fieldRef: { fieldPath } } };
}

/** The user's selector wins over the default on the same key. */
export function nodeSelector(user: Record<string, string> | undefined): Record<string, string> {
  return { ...DEFAULT_NODE_SELECTOR, ...user };
}

/** Defaults first, then the user's, without exact duplicates (stable order, no churn). */
export function tolerations(defaults: V1Toleration[], user: Toleration[] | undefined): V1Toleration[] {
  const out: V1Toleration[] = [];
  const seen = new Set<string>();
  for (const t of [...defaults, ...(user ?? [])]) {
    const key = JSON.stringify([t.key, t.operator, t.value, t.effect, t.tolerationSeconds]);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ ...t });
  }
  return out;
}

/** Scheduling fields of DeploymentConfig, set only when given so the API server's defaults stay. */
export function scheduling(config: DeploymentConfig | undefined): Partial<V1PodSpec> {
  const out: Partial<V1PodSpec> = {};
  if (config?.priorityClassName) out.priorityClassName = config.priorityClassName;
  if (config?.runtimeClassName) out.runtimeClassName = config.runtimeClassName;
  if (config?.affinity) out.affinity = structuredClone(config.affinity) as V1Affinity;
  return out;
}

export function resources(config: DeploymentConfig | undefined): V1ResourceRequirements | undefined {
  return config?.resources ? structuredClone(config.resources) : undefined;
}

/** Pod annotations: scrape hints as upstream, overridable by the user's annotations. */
export function podAnnotations(config: DeploymentConfig | undefined): Record<string, string> {
  return {
    'prometheus.io/port': String(PORTS.metrics),
    'prometheus.io/scrape': 'true',
    ...config?.annotations,
  };
}

export function httpProbe(path: string, port: string, scheme?: 'HTTPS'): V1Probe {
  return {
    httpGet: { path, port, ...(scheme ? { scheme } : {}) },
    initialDelaySeconds: 10,
    periodSeconds: 10,
    timeoutSeconds: 1,
    successThreshold: 1,
    failureThreshold: 3,
  };
}

/** Liveness on /healthz and readiness on /readyz, both on the named port. */
export function healthProbes(
  port: string,
  scheme?: 'HTTPS',
): Required<Pick<V1Container, 'livenessProbe' | 'readinessProbe'>> {
  return {
    livenessProbe: httpProbe('/healthz', port, scheme),
    readinessProbe: httpProbe('/readyz', port, scheme),
  };
}

/** Where the backend's HTTP server listens: every interface, on `port`. */
export function httpListenEnv(port: number): V1EnvVar[] {
  return [
    { name: ENV.httpHost, value: '0.0.0.0' },
    { name: ENV.httpPort, value: String(port) },
  ];
}

/** A container that cannot gain privileges or write its root filesystem, with every capability dropped but `add`. */
export function containerSecurityContext(add?: readonly string[]): V1SecurityContext {
  return {
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ['ALL'], ...(add ? { add: [...add] } : {}) },
  };
}

/** A pod that must not run as root (OpenShift picks the uid from the namespace range). */
export function nonRootPodSecurityContext(): V1PodSecurityContext {
  return { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } };
}

/** The selector and pod template of a component's workload (Deployment or DaemonSet). */
export function componentPods(
  component: Component,
  spec: V1PodSpec,
  annotations?: Record<string, string>,
): { selector: { matchLabels: Record<string, string> }; template: V1PodTemplateSpec } {
  return {
    selector: { matchLabels: selectorLabels(component) },
    template: { metadata: { labels: podLabels(component), ...(annotations ? { annotations } : {}) }, spec },
  };
}
