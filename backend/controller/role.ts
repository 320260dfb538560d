// The controller role: allocates IPs to LoadBalancer Services. Every replica keeps warm caches;
// the one holding the Lease allocates and writes (Service status, events, pool status,
// ConfigurationState). Metrics are served at /metrics on the backend's router (and on a dedicated
// listener when the backend's HTTP port is not the metrics port).
import { acquireMetricsListener, type MetricsListener } from '../../k8s/metrics';
import { serveMetrics } from '../http/metrics-route';
import type { Role, RoleContext, RunningRole } from '../roles';
import type { Allocator } from './allocator/allocator';
import { ConfigurationStateWriter } from '../../k8s/configuration-state';
import { EventRecorder } from '../../k8s/event-recorder';
import { ApiClient } from '../../k8s/api-client';
import { LeaderElector } from './leader-election';
import { registerControllerMetrics } from './metrics';
import { PoolStatusWriter } from './pool-status';
import { Reconciler } from './reconciler';
import { controllerSettings, type ControllerSettings } from './settings';
import { ControllerWatches } from './watches';

export interface RunningController extends RunningRole {
  identity: string;
  isLeader(): boolean;
  /** Resolves once queued work and pending writes are done (meaningful on the leader). */
  idle(): Promise<void>;
  /** The dedicated metrics listener's port, if one runs. */
  metricsPort: number | undefined;
  /** The leading session's allocator (undefined on a follower). */
  allocator(): Allocator | undefined;
}

export async function startController(
  ctx: RoleContext,
  settings: ControllerSettings,
): Promise<RunningController> {
  const { kc, log, namespace } = ctx;
  registerControllerMetrics();
  serveMetrics(ctx.router);
  let listener: MetricsListener | undefined;
  if (settings.metricsPort !== undefined) {
    listener = await acquireMetricsListener(settings.metricsPort, settings.metricsHost).catch(
      (err: Error) => {
        log.warn({ port: settings.metricsPort, err: err.message }, 'metrics listener not started');
        return undefined;
      },
    );
  }

  // The pieces call each other back; every callback below runs only once all of them exist.
  const client = ApiClient.fromKubeConfig(kc, { maxSockets: settings.concurrency + 8 });
  const isLeader = (): boolean => elector.isLeader();
  const recorder: EventRecorder = new EventRecorder(
    client,
    'metallb-controller', // the Events' source component, as upstream's
    settings.identity,
    isLeader,
    log,
    () => r.busy(),
  );
  const poolStatus = new PoolStatusWriter(
    client,
    namespace,
    { usage: (pool) => r.allocator?.usage(pool), current: (pool) => watches.pool(pool), allowed: isLeader },
    log,
  );
  const watches = new ControllerWatches(client, namespace, log, {
    service: (key, deleted) => r.onService(key, deleted),
    config: () => r.onConfigChange(),
    configStateChanged: (obj) => r.onConfigStateChange(obj),
  });
  const r: Reconciler = new Reconciler({
    client,
    log,
    namespace,
    settings,
    watches,
    recorder,
    poolStatus,
    configState: new ConfigurationStateWriter(client, namespace),
    isLeader,
  });
  // Its own connection, so lease renewals never queue behind a burst of status writes.
  const leaseClient = ApiClient.fromKubeConfig(kc, { maxSockets: 2 });
  const elector = new LeaderElector(leaseClient, {
    namespace,
    name: settings.leaseName,
    identity: settings.identity,
    leaseDurationMs: settings.leaseDurationMs,
    renewDeadlineMs: settings.renewDeadlineMs,
    retryPeriodMs: settings.retryPeriodMs,
    releaseOnStop: settings.releaseOnStop,
    onStartedLeading: () => r.lead(),
    onStoppedLeading: () => r.follow(),
    log,
  });
  log.info(
    { identity: settings.identity, lbClass: settings.lbClass ?? null, metricsPort: listener?.port },
    'controller starting',
  );
  let stopped = false;
  void watches.start().then(() => {
    if (stopped) return;
    log.info('caches synced');
    r.applyConfig();
    elector.start();
  });

  return {
    identity: settings.identity,
    metricsPort: listener?.port,
    ready: () => watches.isSynced(),
    isLeader,
    idle: () => r.idle(),
    allocator: () => r.allocator,
    async stop() {
      stopped = true;
      await r.stop();
      await elector.stop();
      watches.stop();
      client.close();
      leaseClient.close();
      await listener?.release();
      log.info('controller stopped');
    },
  };
}

export const controllerRole: Role = {
  name: 'controller',
  start: (ctx) => startController(ctx, controllerSettings(ctx)),
};
