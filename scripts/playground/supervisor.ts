// The process that owns a running playground: the foreground `npm start`, or the detached process
// `npm start -- --detach` spawns. It brings everything up in order, printing progress, then waits;
// on SIGINT/SIGTERM/SIGHUP (Ctrl-C, `npm stop`) it removes everything its ledger recorded.
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { ensureUIBuilt } from '../../frontend/build/ensure-built';
import { freePort } from '../../integration-tests/cluster/ports';
import { okdConsoleRoot, startOkdConsole } from '../../integration-tests/okd-console/bridge';
import type { ApiClient } from '../../k8s/api-client';
import type { PlaygroundArgs } from './args';
import { addressNodes, applySample, connect, startBackend, startCluster, waitForIPs } from './cluster';
import { buildDataplane, curlFromClient } from './dataplane';
import { Ledger, teardown, teardownSync } from './ledger';
import { DIR, PATHS, ROOT } from './paths';
import { makePlan, runPrefix, type Plan } from './plan';
import { decide, probe } from './prereqs';
import { sampleObjects, sampleServices } from './sample-config';
import { startSpeakers, type Speakers } from './speakers';
import { buildState, type PlaygroundState } from './state';
import { summary } from './summary';

const say = (line: string) => console.log(line);

async function portOrFree(preferred: number): Promise<number> {
  if (preferred === 0) return freePort();
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => void freePort().then(resolve));
    srv.listen(preferred, '127.0.0.1', () => srv.close(() => resolve(preferred)));
  });
}

/** Polls every IP from the client until its node answers; IPs still silent are named in notes. */
async function waitForTraffic(p: Plan, state: PlaygroundState, timeoutMs = 60_000) {
  const answeredBy = new Map<string, string>();
  const deadline = Date.now() + timeoutMs;
  while (answeredBy.size < state.services.length && Date.now() < deadline) {
    for (const s of state.services) {
      if (answeredBy.has(s.ip)) continue;
      const node = curlFromClient(p, s.ip, 1);
      if (node) answeredBy.set(s.ip, node);
    }
    if (answeredBy.size < state.services.length) await new Promise((r) => setTimeout(r, 300));
  }
  const silent = state.services.filter((s) => !answeredBy.has(s.ip)).map((s) => s.ip);
  const notes =
    silent.length > 0
      ? [`no answer yet from ${silent.join(', ')}; see .playground/logs/speaker-*.log and frr-*.log`]
      : [];
  return { answeredBy, notes };
}

export async function supervise(args: PlaygroundArgs, detached: boolean): Promise<never> {
  const t0 = Date.now();
  // Progress lines carry the time since start: where a slow start spends it.
  const progress = (line: string) => say(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(5)} s] ${line}`);
  const prefix = runPrefix(process.pid, randomBytes(2).toString('hex'));
  const ledger = new Ledger(PATHS.run, {
    pid: process.pid,
    prefix,
    startedAt: new Date().toISOString(),
    processes: [],
    namespaces: [],
    dirs: [],
  });
  let speakers: Speakers | undefined;
  let client: ApiClient | undefined;
  let stopping: Promise<void> | undefined;
  const files = () => {
    for (const f of [PATHS.state, PATHS.run, PATHS.cluster]) rmSync(f, { recursive: true, force: true });
  };
  const stop = (why: string): Promise<void> =>
    (stopping ??= (async () => {
      const t = Date.now();
      say(`stopping (${why})…`);
      speakers?.stop();
      client?.close();
      ledger.close();
      const killed = await teardown(ledger.record);
      files();
      say(
        `stopped in ${((Date.now() - t) / 1000).toFixed(1)} s${killed.length > 0 ? ` (killed after the grace period: ${killed.join(', ')})` : ''}`,
      );
    })());
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.on(sig, () => void stop(sig).then(() => process.exit(0)));
  // A crash (uncaught error, process.exit elsewhere) still leaves nothing behind, nor does a stop
  // that came while starting (what started after its teardown is still in the record).
  process.on('exit', () => {
    ledger.close();
    teardownSync(ledger.record);
    files();
  });

  try {
    const decisions = decide(probe(), args);
    for (const n of decisions.notes) say(`note: ${n}`);
    const plan = makePlan({
      prefix,
      nodes: args.nodes,
      l2: args.l2,
      // Without FRR, the BGP sample could never carry traffic: leave it out (without namespaces,
      // nothing carries traffic, and the sample still shows the configuration in the UI).
      bgp: args.bgp && (decisions.frr || !decisions.dataplane),
      router: args.router,
    });

    const built = await ensureUIBuilt();
    if (built) progress(`built the UI (plugin ${built.pluginMs} ms, standalone ${built.standaloneMs} ms)`);
    if (!built) progress('the UI is built');
    const cp = await startCluster({
      dir: PATHS.cluster,
      logs: PATHS.logs,
      nodes: args.nodes,
      ledger,
      say: progress,
    });
    const uiUrl = await startBackend({
      root: ROOT,
      logs: PATHS.logs,
      kubeconfig: cp.kubeconfig,
      port: await portOrFree(args.port),
      ledger,
      // Nothing works without it: stop rather than look alive.
      onExit: (why) => void stop(why).then(() => process.exit(1)),
    });
    progress(`backend (operator, controller, webhooks, UI) serving ${uiUrl}`);
    client = connect(cp.kubeconfig);

    let frrDir: string | undefined;
    if (decisions.dataplane) {
      ({ frrDir } = await buildDataplane(plan, { ledger, logs: PATHS.logs, frr: decisions.frr }));
      progress(
        `network namespaces: ${plan.nodes.length} node${plan.nodes.length === 1 ? '' : 's'}, ${plan.router ? `router${frrDir ? ' (FRR: BGP + BFD)' : ''}, client behind it` : 'client on the nodes’ segment'}`,
      );
      await addressNodes(client, plan);
    }
    await applySample(client, sampleObjects(plan));
    progress(`sample configuration applied (${plan.pools.map((p) => p.name).join(', ') || 'no pools'})`);
    if (decisions.dataplane) {
      speakers = startSpeakers(plan, {
        root: ROOT,
        dir: DIR,
        logs: PATHS.logs,
        kubeconfig: cp.kubeconfig,
        ledger,
        say,
      });
      progress(`started ${plan.nodes.length} speaker${plan.nodes.length === 1 ? '' : 's'}`);
    }
    const services = sampleServices(plan);
    const ips = await waitForIPs(client, services);
    let consoleUrl: string | undefined;
    if (args.console) {
      progress('the OpenShift console: building it once if needed (about 10 minutes the first time)…');
      const root = await okdConsoleRoot((l) => progress(l));
      const okd = await startOkdConsole({ client, backendUrl: uiUrl, dir: PATHS.logs, root });
      ledger.track('okd-console', okd.child, true);
      consoleUrl = okd.url;
      progress(`the OpenShift console serving ${consoleUrl} (MetalLB in the Administrator navigation)`);
    }
    const state = buildState({
      kubeconfig: cp.kubeconfig,
      uiUrl,
      plan,
      dataplane: decisions.dataplane,
      services,
      ips,
    });
    progress(`the controller assigned ${state.services.map((s) => s.ip).join(', ') || 'nothing'}`);
    if (decisions.dataplane) progress('waiting for every IP to answer from the client…');
    const traffic = decisions.dataplane
      ? await waitForTraffic(plan, state)
      : { answeredBy: new Map<string, string>(), notes: [] };
    writeFileSync(PATHS.state, `${JSON.stringify(state, null, 2)}\n`);
    for (const line of summary({
      state,
      plan,
      readyMs: Date.now() - t0,
      kubectl: cp.binaries.kubectl,
      ...(frrDir ? { frrDir } : {}),
      answeredBy: traffic.answeredBy,
      speakerPidFile: (n) => speakers?.pidFile(n) ?? '',
      notes: [...decisions.notes, ...traffic.notes],
      detached,
      ...(consoleUrl ? { consoleUrl } : {}),
    }))
      say(line);
  } catch (err) {
    // A stop while starting makes the start fail on its way: that is no error.
    if (stopping) await stopping.then(() => process.exit(0));
    say(`playground: ${(err as Error).message}`);
    await stop('start failed');
    process.exit(1);
  }
  // Runs until a signal (or the backend's death).
  return new Promise<never>(() => undefined);
}
