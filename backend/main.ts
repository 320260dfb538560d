// Entry point of the backend: operator, controller, webhooks and the UI's API in one process
// unless --roles narrows it. Runs against $KUBECONFIG (or in-cluster credentials).
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { parseArgs } from 'node:util';
import Router from '@koa/router';
import { DEFAULT_NAMESPACE } from '../api/types';
import { createApp } from './http/app';
import { loadKubeConfig, serverVersion } from './k8s/client';
import { createLogger } from './log';
import { apiMessage } from './k8s/errors';
import { parseRoles, type Role, type RoleName, type RunningRole } from './roles';
import { prepareDevCluster } from './dev';
import { ENV } from './operator/render/names';

const { values } = parseArgs({
  options: {
    dev: { type: 'boolean', default: false },
    roles: { type: 'string', default: process.env.METALLB_ROLES ?? 'all' },
    namespace: { type: 'string', default: process.env.METALLB_NAMESPACE ?? DEFAULT_NAMESPACE },
    port: { type: 'string', default: process.env.METALLB_HTTP_PORT ?? '8080' },
    host: { type: 'string', default: process.env.METALLB_HTTP_HOST ?? '127.0.0.1' },
    'log-level': { type: 'string', default: process.env.METALLB_LOG_LEVEL ?? 'info' },
    'lb-class': { type: 'string', default: process.env.METALLB_LB_CLASS },
  },
});

// Roles register here as they land; a role listed in --roles but not implemented is reported.
const available: Partial<Record<RoleName, () => Promise<Role>>> = {
  operator: async () => (await import('./operator/role')).operatorRole,
  controller: async () => (await import('./controller/role')).controllerRole,
  webhook: async () => (await import('./webhook/role')).webhookRole,
  ui: async () => (await import('./http/ui-role')).uiRole,
};

const log = createLogger('backend', values['log-level']);
const roles = parseRoles(values.roles);
let kc: ReturnType<typeof loadKubeConfig>;
try {
  kc = loadKubeConfig();
} catch (err) {
  log.fatal((err as Error).message);
  process.exit(1);
}
const kubernetesVersion = await serverVersion(kc).catch((err: Error) => {
  log.fatal(
    { err: err.message, server: kc.getCurrentCluster()?.server },
    'cannot reach the Kubernetes API server',
  );
  process.exit(1);
});
log.info(
  { server: kc.getCurrentCluster()?.server, kubernetesVersion, namespace: values.namespace, roles },
  'connected',
);

if (values.dev) {
  await prepareDevCluster(kc, values.namespace, log).catch((err: unknown) => {
    log.fatal({ err: apiMessage(err) }, 'dev: could not prepare the cluster');
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
    await role.start({
      kc,
      log: log.child({ role: name }),
      namespace: values.namespace,
      router,
      dev: values.dev,
      options: values,
    }),
  );
}

let shuttingDown = false;
const app = createApp(
  {
    version: process.env.npm_package_version ?? '0.0.0',
    namespace: values.namespace,
    kubernetesVersion,
    roles,
  },
  () => !shuttingDown && running.every((r) => r.ready()),
  router,
);
// HTTPS when a serving certificate is mounted (the console only loads plugins over TLS; OpenShift's
// service CA provides one for the ConsolePlugin's Service), plain HTTP otherwise.
const certFile = process.env[ENV.tlsCertFile];
const keyFile = process.env[ENV.tlsKeyFile];
const tls = certFile && keyFile ? { cert: readFileSync(certFile), key: readFileSync(keyFile) } : undefined;
const server = tls ? createHttpsServer(tls, app.callback()) : createHttpServer(app.callback());
server.listen(Number(values.port), values.host);
await once(server, 'listening');
const addr = server.address();
const port = typeof addr === 'object' && addr ? addr.port : values.port;
log.info({ port, tls: !!tls }, 'serving');
if (values.dev) console.log(`UI=${tls ? 'https' : 'http'}://${values.host}:${port}/`);

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    shuttingDown = true;
    log.info({ signal: sig }, 'shutting down');
    void Promise.allSettled(running.map((r) => r.stop())).then(() => server.close(() => process.exit(0)));
    setTimeout(() => process.exit(0), 5000).unref();
  });
}
