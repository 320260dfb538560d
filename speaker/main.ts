// Entry point of the speaker: one per node. Checks its Node exists, then runs the speaker loop
// (speaker.ts: BGP sessions, status objects, ConfigurationState), serves /healthz and /readyz on
// METALLB_HTTP_PORT (default 7472), and on SIGTERM stops the sessions (routers withdraw) and
// flushes its status writes before exiting.
import http from 'node:http';
import { parseArgs } from 'node:util';
import { CoreV1Api } from '@kubernetes/client-node';
import { DEFAULT_NAMESPACE, type OwnerReference } from '../api/types';
import type { BGPType } from '../api/validation';
import { loadKubeConfig, serverVersion } from '../backend/k8s/client';
import { KubeClient } from '../backend/k8s/kube-client';
import { createLogger } from '../backend/log';
import { apiMessage, apiStatus } from '../backend/k8s/errors';
import { ENV } from '../backend/operator/render/names';
import { podOwner, startSpeaker, type Speaker } from './speaker';

const { values } = parseArgs({
  options: {
    node: { type: 'string', default: process.env[ENV.nodeName] },
    namespace: { type: 'string', default: process.env[ENV.namespace] ?? DEFAULT_NAMESPACE },
    pod: { type: 'string', default: process.env[ENV.podName] },
    'bgp-type': { type: 'string', default: process.env[ENV.bgpType] ?? 'native' },
    'http-host': { type: 'string', default: process.env[ENV.httpHost] ?? '' },
    'http-port': { type: 'string', default: process.env[ENV.httpPort] ?? '7472' },
    'log-level': { type: 'string', default: process.env.METALLB_LOG_LEVEL ?? 'info' },
  },
});

const log = createLogger('speaker', values['log-level']);
if (!values.node) {
  log.fatal(`the node name is required: --node NAME or ${ENV.nodeName}`);
  process.exit(2);
}
const node = values.node;
const bgpType = values['bgp-type'] as BGPType;
if (!['native', 'frr', 'frr-k8s'].includes(bgpType)) {
  log.fatal({ bgpType }, 'unknown BGP type');
  process.exit(2);
}
if (bgpType !== 'native') log.warn({ bgpType }, 'only the native BGP implementation exists: using it');
let kc: ReturnType<typeof loadKubeConfig>;
try {
  kc = loadKubeConfig();
} catch (err) {
  log.fatal((err as Error).message);
  process.exit(1);
}
const kubernetesVersion = await serverVersion(kc).catch((err: Error) => {
  log.fatal({ err: err.message }, 'cannot reach the Kubernetes API server');
  process.exit(1);
});
await kc
  .makeApiClient(CoreV1Api)
  .readNode({ name: node })
  .catch((err: unknown) => {
    log.fatal(
      { node, err: apiMessage(err) },
      apiStatus(err) === 404 ? 'node does not exist' : 'cannot read node',
    );
    process.exit(1);
  });

let owner: OwnerReference | undefined;
if (values.pod) {
  const client = new KubeClient(kc);
  owner = await podOwner(client, values.namespace, values.pod).catch((err: Error) => {
    log.warn(
      { pod: values.pod, err: err.message },
      'cannot read the speaker Pod: status objects get no owner',
    );
    return undefined;
  });
  client.close();
}

// Set once started: /readyz answers 503 until then.
const running: { speaker?: Speaker } = {};
const server = http.createServer((req, res) => {
  const path = (req.url ?? '/').split('?')[0];
  const ok =
    path === '/healthz' ? true : path === '/readyz' ? (running.speaker?.ready() ?? false) : undefined;
  if (ok === undefined) res.writeHead(404).end('not found\n');
  else res.writeHead(ok ? 200 : 503).end(ok ? 'ok\n' : 'not ready\n');
});
server.listen(Number(values['http-port']), values['http-host'] || undefined);

const speaker = await startSpeaker({
  kc,
  node,
  namespace: values.namespace,
  bgpType,
  ...(owner ? { owner } : {}),
  log,
});
running.speaker = speaker;
log.info({ node, kubernetesVersion, namespace: values.namespace }, 'speaker started');

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    log.info({ signal: sig }, 'speaker stopping');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    void speaker
      .stop()
      .catch((err: Error) => log.warn({ err: err.message }, 'unclean stop'))
      .finally(() => {
        server.close();
        process.exit(0);
      });
  });
}
