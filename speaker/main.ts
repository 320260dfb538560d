// Entry point of the speaker: one per node. Checks its Node exists, then runs the speaker loop
// (speaker.ts: BGP sessions, status objects, ConfigurationState), serves /healthz and /readyz on
// its HTTP port (default 7472), and on SIGTERM stops the sessions (routers withdraw) and flushes
// its status writes before exiting.
import http from 'node:http';
import { KUBE_KINDS, resourcePath } from '../api/kinds';
import type { OwnerReference } from '../api/types';
import { errorMessage, isStatus } from '../k8s/errors';
import { startMemoryReducer } from '../k8s/memory-reducer';
import { collectProcessMetrics, registry } from '../k8s/metrics';
import { connectOrExit, onShutdown, settingsOrExit, startLogger } from '../k8s/startup';
import { bgpTransport } from './bgp-transport';
import { excludedInterfacesFrom } from './l2/exclude-file';
import { nativeL2 } from './l2/native-io';
import { startMemberlist } from './membership/start';
import { SPEAKER_USAGE, speakerSettings } from './settings';
import { podOwner, startSpeaker, type Speaker } from './speaker';

const settings = settingsOrExit(() => speakerSettings(process.argv.slice(2), process.env), SPEAKER_USAGE);
const log = startLogger('speaker', settings);
collectProcessMetrics();
startMemoryReducer({ log });
const { node, namespace, bgpType } = settings;
if (bgpType !== 'native') log.warn({ bgpType }, 'only the native BGP implementation exists: using it');
const { client, kubernetesVersion } = await connectOrExit(log);
await client.get(resourcePath(KUBE_KINDS.Node, { name: node })).catch((err: unknown) => {
  log.fatal(
    { node, err: errorMessage(err) },
    isStatus(err, 404) ? 'node does not exist' : 'cannot read node',
  );
  process.exit(1);
});

let owner: OwnerReference | undefined;
if (settings.pod) {
  owner = await podOwner(client, namespace, settings.pod).catch((err: unknown) => {
    log.warn(
      { pod: settings.pod, err: errorMessage(err) },
      'cannot read the speaker Pod: status objects get no owner',
    );
    return undefined;
  });
}

// Set once started: /readyz answers 503 until then.
const running: { speaker?: Speaker } = {};
const server = http.createServer((req, res) => {
  const path = (req.url ?? '/').split('?')[0];
  if (path === '/metrics') {
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      (err: Error) => res.writeHead(500).end(`${err.message}\n`),
    );
    return;
  }
  const ok =
    path === '/healthz' ? true : path === '/readyz' ? (running.speaker?.ready() ?? false) : undefined;
  if (ok === undefined) res.writeHead(404).end('not found\n');
  else res.writeHead(ok ? 200 : 503).end(ok ? 'ok\n' : 'not ready\n');
});
server.listen(settings.httpPort, settings.httpHost || undefined);

const memberlist = await startMemberlist({
  client,
  node,
  netns: settings.netns,
  settings: settings.memberlist,
  log,
}).catch((err: unknown) => {
  log.error(
    { err: errorMessage(err) },
    'memberlist disabled: cannot start gossip; every Node counts as alive',
  );
  return undefined;
});
const l2 = nativeL2(settings.netns);
if (!l2.ok) log.error({ reason: l2.reason }, 'layer2 disabled: cannot open raw sockets; BGP keeps working');
const bgp = bgpTransport(settings, log);
const speaker = await startSpeaker({
  client,
  node,
  namespace,
  bgpType,
  ...(l2.ok
    ? {
        l2: {
          interfaces: l2.interfaces,
          open: l2.open,
          excluded: excludedInterfacesFrom(settings.excludeL2File, log),
        },
      }
    : {}),
  bgp,
  ...(settings.lbClass ? { lbClass: settings.lbClass } : {}),
  ...(owner ? { owner } : {}),
  ...(memberlist ? { membership: memberlist } : {}),
  log,
});
running.speaker = speaker;
log.info({ node, kubernetesVersion, namespace }, 'speaker started');

onShutdown(log, async () => {
  // Leave first: the others take over at once instead of waiting to declare us dead.
  memberlist?.stop();
  await speaker.stop();
  server.close();
  client.close();
});
