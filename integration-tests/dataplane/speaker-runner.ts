// Runs our BGP sessions in a process of their own, so a test can start it inside a namespace:
//   ip netns exec <ns> node --import tsx integration-tests/dataplane/speaker-runner.ts '<json config>'
// Config: { sessions: [{ name, peerAddress, peerPort?, sourceAddress?, nextHopV4?, nextHopV6?,
// config: SessionConfig }], listen?: { host?, port? }, routes?: AdvertisementSpec[] }.
// stdout: one JSON object per line: {"type":"ready"}, then {"session": name, ...SessionEvent};
// {"type":"status","sessions":{name: SessionStatus}} answers a status request.
// stdin: one JSON command per line: {"routes": AdvertisementSpec[]} | {"status": true} | {"stop": true}.
import { createInterface } from 'node:readline';
import { routesFor, type AdvertisementSpec } from '../../api/announce/advertisement';
import { BgpListener } from '../../speaker/bgp/listener';
import type { SessionConfig } from '../../speaker/bgp/negotiation';
import { BgpSession, type BgpSessionOptions } from '../../speaker/bgp/session';

export interface RunnerSession extends Omit<BgpSessionOptions, 'config' | 'now'> {
  name: string;
  config: SessionConfig;
}

export interface RunnerConfig {
  sessions: RunnerSession[];
  listen?: { host?: string; port?: number };
  routes?: AdvertisementSpec[];
}

function out(o: unknown): void {
  process.stdout.write(`${JSON.stringify(o)}\n`);
}

const cfg = JSON.parse(process.argv[2] ?? '{}') as RunnerConfig;
const sessions = new Map<string, BgpSession>();
const listener = cfg.listen ? new BgpListener(cfg.listen) : undefined;

function setRoutes(specs: AdvertisementSpec[]): void {
  const { routes, errors } = routesFor(specs);
  if (errors.length > 0) out({ type: 'routeErrors', errors });
  for (const s of sessions.values()) s.setRoutes(routes);
}

for (const s of cfg.sessions) {
  const { name, ...opts } = s;
  const session = new BgpSession(opts);
  session.on('event', (e) => out({ session: name, ...e }));
  sessions.set(name, session);
  listener?.add(session);
}
if (listener) await listener.listen();
setRoutes(cfg.routes ?? []);
for (const s of sessions.values()) s.start();
out({ type: 'ready', pid: process.pid });

async function stop(): Promise<void> {
  await Promise.all([...sessions.values()].map((s) => s.stop()));
  await listener?.close();
  process.exit(0);
}

createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() === '') return;
  let cmd: { routes?: AdvertisementSpec[]; status?: boolean; stop?: boolean };
  try {
    cmd = JSON.parse(line) as typeof cmd;
  } catch (err) {
    out({ type: 'badCommand', error: (err as Error).message });
    return;
  }
  if (cmd.routes) setRoutes(cmd.routes);
  if (cmd.status)
    out({
      type: 'status',
      sessions: Object.fromEntries([...sessions].map(([n, s]) => [n, s.status()])),
    });
  if (cmd.stop) void stop();
});
process.on('SIGTERM', () => void stop());
process.on('uncaughtException', (err) => {
  out({ type: 'crash', error: err.stack ?? err.message });
  process.exit(70);
});
