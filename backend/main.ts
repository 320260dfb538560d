// Entry point of the backend: operator, controller, webhooks and the UI's API in one process
// unless --roles narrows it. Runs against $KUBECONFIG (or in-cluster credentials).
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import Router from '@koa/router';
import { errorMessage } from '../k8s/errors';
import { startMemoryReducer } from '../k8s/memory-reducer';
import { collectProcessMetrics } from '../k8s/metrics';
import { connectOrExit, onShutdown, settingsOrExit, startLogger } from '../k8s/startup';
import { prepareDevCluster } from './dev';
import { createApp } from './http/app';
import type { Role, RoleName, RunningRole } from './roles';
import { BACKEND_USAGE, backendSettings } from './settings';

// Roles register here as they land; a role listed in --roles but not implemented is reported.
const available: Partial<Record<RoleName, () => Promise<Role>>> = {
  operator: async () => (await import('./operator/role')).operatorRole,
  controller: async () => (await import('./controller/role')).controllerRole,
  webhook: async () => (await import('./webhook/role')).webhookRole,
  ui: async () => (await import('./http/ui-role')).uiRole,
};

const settings = settingsOrExit(() => backendSettings(process.argv.slice(2), process.env), BACKEND_USAGE);
const { namespace, roles, dev } = settings;
const log = startLogger('backend', settings);
collectProcessMetrics();
startMemoryReducer({ log });
const { kc, client, kubernetesVersion } = await connectOrExit(log);
log.info({ server: client.server.href, kubernetesVersion, namespace, roles }, 'connected');

if (dev) {
  await prepareDevCluster(client, namespace, log).catch((err: unknown) => {
    log.fatal({ err: errorMessage(err) }, 'dev: could not prepare the cluster');
    process.exit(1);
  });
}

const router = new Router();
const running: RunningRole[] = [];
for (const name of roles) {
  const load = available[name];
  if (!load) {
    log.warn({ role: name }, 'role not available in this build; skipped');
    continue;
  }
  const role = await load();
  running.push(
    await role.start({ kc, client, log: log.child({ role: name }), namespace, router, dev, settings }),
  );
}

let shuttingDown = false;
const app = createApp(
  { version: settings.version, namespace, kubernetesVersion, roles },
  () => !shuttingDown && running.every((r) => r.ready()),
  router,
  log.child({ role: 'http' }),
);
// HTTPS when a serving certificate is mounted (the console only loads plugins over TLS; OpenShift's
// service CA provides one for the ConsolePlugin's Service), plain HTTP otherwise.
const tls = settings.tls
  ? { cert: readFileSync(settings.tls.certFile), key: readFileSync(settings.tls.keyFile) }
  : undefined;
const server = tls ? createHttpsServer(tls, app.callback()) : createHttpServer(app.callback());
server.listen(settings.httpPort, settings.httpHost);
await once(server, 'listening');
const addr = server.address();
const port = typeof addr === 'object' && addr ? addr.port : settings.httpPort;
log.info({ port, tls: !!tls }, 'serving');
if (dev) console.log(`UI=${tls ? 'https' : 'http'}://${settings.httpHost}:${port}/`);

onShutdown(
  log,
  async () => {
    shuttingDown = true;
    await Promise.allSettled(running.map((r) => r.stop()));
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections(); // UI watch streams would hold the close open
    });
    client.close();
  },
  5_000,
);
