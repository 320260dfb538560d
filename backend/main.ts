// Entry point of the backend: operator, controller, webhooks and the UI's API in one process
// unless flags narrow it. Runs against $KUBECONFIG (or in-cluster credentials).
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { CoreV1Api } from '@kubernetes/client-node';
import { DEFAULT_NAMESPACE } from '../api/types';
import { createApp } from './http/app';
import { loadKubeConfig, serverVersion } from './k8s/client';
import { createLogger } from './log';

const { values } = parseArgs({
  options: {
    dev: { type: 'boolean', default: false },
    namespace: { type: 'string', default: process.env.METALLB_NAMESPACE ?? DEFAULT_NAMESPACE },
    port: { type: 'string', default: process.env.METALLB_HTTP_PORT ?? '8080' },
    host: { type: 'string', default: process.env.METALLB_HTTP_HOST ?? '127.0.0.1' },
    'log-level': { type: 'string', default: process.env.METALLB_LOG_LEVEL ?? 'info' },
  },
});

const log = createLogger('backend', values['log-level']);
const kc = loadKubeConfig();
const kubernetesVersion = await serverVersion(kc).catch((err: Error) => {
  log.fatal(
    { err: err.message, server: kc.getCurrentCluster()?.server },
    'cannot reach the Kubernetes API server',
  );
  process.exit(1);
});
log.info(
  { server: kc.getCurrentCluster()?.server, kubernetesVersion, namespace: values.namespace },
  'connected',
);

if (values.dev) {
  // Development mode sets up what a real install (operator, Helm, OLM) would have created.
  const core = kc.makeApiClient(CoreV1Api);
  await core
    .createNamespace({ body: { metadata: { name: values.namespace } } })
    .catch((err: { code?: number }) => {
      if (err.code !== 409) throw err;
    });
}

let ready = true;
const app = createApp(
  { version: process.env.npm_package_version ?? '0.0.0', namespace: values.namespace, kubernetesVersion },
  () => ready,
);
const server = app.listen(Number(values.port), values.host);
await once(server, 'listening');
const addr = server.address();
const port = typeof addr === 'object' && addr ? addr.port : values.port;
log.info({ port }, 'serving');
if (values.dev) console.log(`UI=http://${values.host}:${port}/`);

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    ready = false;
    log.info({ signal: sig }, 'shutting down');
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  });
}
