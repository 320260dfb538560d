// The controller role's settings: from the backend's options (flags) and the environment, with
// upstream's defaults (Lease `metallb-controller`, 15 s lease, 10 s renew deadline, 2 s retry).
import { hostname } from 'node:os';
import { ENV, NAMES } from '../../api/operand';
import type { BGPType } from '../../api/validation';
import { METRICS_PORT } from '../../k8s/metrics';
import type { RoleContext } from '../roles';
import { bgpTypeFromEnv } from './config-load';

export interface ControllerSettings {
  /** `--lb-class`: only Services of exactly this class; unset: only Services without a class. */
  lbClass: string | undefined;
  /** This replica's name in the Lease: the pod name, else hostname and pid. */
  identity: string;
  leaseName: string;
  leaseDurationMs: number;
  renewDeadlineMs: number;
  retryPeriodMs: number;
  /** Hand the lease over on a clean stop, so a follower takes over at once. */
  releaseOnStop: boolean;
  /** Service status writes in flight at once. */
  concurrency: number;
  /** A dedicated /metrics listener; undefined when the backend's own HTTP port serves it. */
  metricsPort: number | undefined;
  metricsHost: string;
  bgpType: BGPType;
}

export function controllerSettings(
  ctx: Pick<RoleContext, 'settings' | 'dev'>,
  env: NodeJS.ProcessEnv = process.env,
): ControllerSettings {
  const httpPort = String(ctx.settings.httpPort);
  const wanted = env.METALLB_METRICS_PORT ?? (ctx.dev ? undefined : String(METRICS_PORT));
  return {
    lbClass: ctx.settings.lbClass,
    identity: env[ENV.podName] || `${hostname()}_${process.pid}`,
    leaseName: NAMES.controllerLease,
    leaseDurationMs: 15_000,
    renewDeadlineMs: 10_000,
    retryPeriodMs: 2_000,
    releaseOnStop: true,
    concurrency: Number(env.METALLB_CONTROLLER_CONCURRENCY ?? 32),
    // In the operand the backend's HTTP port is 7472 already: no second listener on it.
    metricsPort: wanted === undefined || wanted === httpPort ? undefined : Number(wanted),
    metricsHost: env.METALLB_METRICS_HOST ?? '0.0.0.0',
    bgpType: bgpTypeFromEnv(env),
  };
}
