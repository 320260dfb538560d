// The operator's own configuration, read once from its process environment (the Deployment the
// OLM bundle or Helm chart installs sets these). Pure: takes the environment as a plain object.

export interface OperatorSettings {
  controllerImage: string;
  speakerImage: string;
  /** Undefined: render serves the console plugin from the controller image (the backend's UI role). */
  consolePluginImage?: string;
  version: string;
  /** How often optional APIs (OperatorGroup, ConsolePlugin) are looked up again. */
  discoveryIntervalMs: number;
  /** A reconcile even without events, e.g. to notice a rollout that exceeded its deadline. */
  resyncIntervalMs: number;
  /** Events arriving within this window are folded into one reconcile. */
  debounceMs: number;
  /** Retry delays after a failed reconcile: doubling from the first to the second. */
  backoffMs: readonly [number, number];
  progressDeadlineSeconds?: number;
}

export const ENV_VARS = {
  controllerImage: 'METALLB_CONTROLLER_IMAGE',
  speakerImage: 'METALLB_SPEAKER_IMAGE',
  consolePluginImage: 'METALLB_CONSOLE_PLUGIN_IMAGE',
  version: 'METALLB_OPERATOR_VERSION',
  discoveryIntervalMs: 'METALLB_OPERATOR_DISCOVERY_INTERVAL_MS',
  resyncIntervalMs: 'METALLB_OPERATOR_RESYNC_INTERVAL_MS',
  progressDeadlineSeconds: 'METALLB_OPERATOR_PROGRESS_DEADLINE_SECONDS',
} as const;

export const DEFAULT_VERSION = '0.1.0';
export const DEFAULT_IMAGE_REPOSITORY = 'quay.io/metallb-ts';

function positive(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return n;
}

/**
 * Images default to the release of the operator's own version: `<repo>/backend:v<version>` (the
 * controller runs the backend image in controller mode) and `<repo>/speaker:v<version>`.
 */
export function operatorSettings(env: Record<string, string | undefined>): OperatorSettings {
  const version = env[ENV_VARS.version] || env.npm_package_version || DEFAULT_VERSION;
  const tag = version.startsWith('v') ? version : `v${version}`;
  const consolePluginImage = env[ENV_VARS.consolePluginImage];
  const deadline = env[ENV_VARS.progressDeadlineSeconds];
  return {
    controllerImage: env[ENV_VARS.controllerImage] || `${DEFAULT_IMAGE_REPOSITORY}/backend:${tag}`,
    speakerImage: env[ENV_VARS.speakerImage] || `${DEFAULT_IMAGE_REPOSITORY}/speaker:${tag}`,
    ...(consolePluginImage ? { consolePluginImage } : {}),
    version,
    discoveryIntervalMs: positive(env[ENV_VARS.discoveryIntervalMs], 30_000, ENV_VARS.discoveryIntervalMs),
    resyncIntervalMs: positive(env[ENV_VARS.resyncIntervalMs], 300_000, ENV_VARS.resyncIntervalMs),
    debounceMs: 50,
    backoffMs: [500, 60_000],
    ...(deadline
      ? { progressDeadlineSeconds: positive(deadline, 600, ENV_VARS.progressDeadlineSeconds) }
      : {}),
  };
}
