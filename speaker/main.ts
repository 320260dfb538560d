// Entry point of the speaker: one per node. Announces Service IPs for NODE (L2 and BGP, filled in
// by later work); for now it connects, checks its Node exists, and reports readiness.
import { parseArgs } from 'node:util';
import { CoreV1Api } from '@kubernetes/client-node';
import { DEFAULT_NAMESPACE } from '../api/types';
import { loadKubeConfig, serverVersion } from '../backend/k8s/client';
import { createLogger } from '../backend/log';
import { apiMessage, apiStatus } from '../backend/k8s/errors';

const { values } = parseArgs({
  options: {
    node: { type: 'string', default: process.env.METALLB_NODE_NAME },
    namespace: { type: 'string', default: process.env.METALLB_NAMESPACE ?? DEFAULT_NAMESPACE },
    'log-level': { type: 'string', default: process.env.METALLB_LOG_LEVEL ?? 'info' },
  },
});

const log = createLogger('speaker', values['log-level']);
if (!values.node) {
  log.fatal('the node name is required: --node NAME or METALLB_NODE_NAME');
  process.exit(2);
}
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
const core = kc.makeApiClient(CoreV1Api);
const node = await core.readNode({ name: values.node }).catch((err: unknown) => {
  log.fatal(
    { node: values.node, err: apiMessage(err) },
    apiStatus(err) === 404 ? 'node does not exist' : 'cannot read node',
  );
  process.exit(1);
});
log.info({ node: node.metadata?.name, kubernetesVersion, namespace: values.namespace }, 'speaker started');

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    log.info({ signal: sig }, 'speaker stopping');
    process.exit(0);
  });
}
// Stay up until signalled; announcement loops attach to the event loop as they land.
setInterval(() => {}, 1 << 30);
