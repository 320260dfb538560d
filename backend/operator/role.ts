// The operator role: watches, a serial reconcile loop, and readiness once the first reconcile ran.
import { errorMessage } from '../../k8s/errors';
import type { Role, RoleContext, RunningRole } from '../roles';
import { Reconciler } from './reconciler';
import { SerialRunner } from '../../k8s/serial-runner';
import { operatorSettings, type OperatorSettings } from './settings';
import { OperatorWatches } from './watches';

export async function startOperator(ctx: RoleContext, settings: OperatorSettings): Promise<RunningRole> {
  const { client, log, namespace, dev } = ctx;
  log.info(
    {
      namespace,
      version: settings.version,
      controllerImage: settings.controllerImage,
      speakerImage: settings.speakerImage,
    },
    'operator starting',
  );
  const runner: SerialRunner = new SerialRunner(() => reconciler.reconcile(), {
    debounceMs: settings.debounceMs,
    backoffMs: settings.backoffMs,
    onError: (err, failures, retryInMs) =>
      log.error({ err: errorMessage(err), failures, retryInMs }, 'reconcile failed; retrying'),
  });
  const watches = new OperatorWatches(client, namespace, log, settings.discoveryIntervalMs, (why) => {
    log.trace({ why }, 'change');
    runner.kick();
  });
  const reconciler = new Reconciler({ client, namespace, log, settings, watches, dev });
  void watches.start().then(
    () => {
      log.info('caches synced');
      runner.kick(0);
    },
    (err: unknown) => log.error({ err: errorMessage(err) }, 'watches failed to start'),
  );
  return {
    ready: () => reconciler.completed > 0,
    async stop() {
      watches.stop();
      await runner.stop();
      log.info('operator stopped');
    },
  };
}

export const operatorRole: Role = {
  name: 'operator',
  start: (ctx) => startOperator(ctx, operatorSettings(process.env)),
};
