// Scale: a local control plane with BENCH_NODES kwok nodes (default 1,000) and BENCH_SERVICES
// LoadBalancer Services (default 10,000) over BENCH_POOLS pools (default 20; half Layer 2, half
// BGP), everything ours run as production bundles in processes of their own:
//   controller: idle RSS, time until every Service has an IP, CPU per Service, RSS at the end
//     (peak and current, once idle); then a restart (SIGTERM, start again): the time until it has
//     re-read everything and is idle again (no CPU for 1 s), its RSS and CPU for that, and how
//     many Services' IPs changed (must be 0) or were written at all;
//   speaker (one, for node-0, no Layer 2 privileges): time to its first complete plan, plan time
//     (snapshot + desiredState) p50/p99/max over BENCH_SPEAKER_WINDOW_S (default 30 s) of passes
//     (one Service's labels change every second), RSS (peak, end), CPU;
//   the UI (bench/scale-ui.ts): first render, watches and heap of its pages in Chromium.
// For investigations: BENCH_SPEAKER_HEAPSNAPSHOT=1 writes the speaker's V8 heap snapshot at the end
// of its window into the kept log directory (with BENCH_KEEP_LOGS=1); BENCH_SPEAKER_NODE_OPTIONS
// adds Node options to the speaker alone (e.g. --cpu-prof); BENCH_SKIP_UI=1 skips the UI.
// Goals (issue #16): controller RSS <= 150 MB, speaker RSS <= 100 MiB, plan < 50 ms.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig, type V1Service } from '@kubernetes/client-node';
import { KUBE_KINDS, resourcePath } from '../api/kinds';
import { ApiClient } from '../k8s/api-client';
import { installCRDs } from '../k8s/crds';
import { Reflector } from '../k8s/reflector';
import { startControlPlane, type ControlPlane } from '../integration-tests/cluster/control-plane';
import {
  ensureServerBundle,
  load1,
  ROOT,
  onInterrupt,
  percentile,
  quietSince,
  sleep,
  stopChild,
  usage,
  waitFor,
} from './process-setup';
import type { Metrics } from './run';
import {
  APP_NAMESPACE,
  complaints,
  configure,
  createEndpoints,
  httpOk,
  logHas,
  passes,
  poolName,
  processGauges,
  startController,
  startSpeaker,
  type Controller,
} from './scale-setup';
import { measure } from './vs-upstream-setup';
import { measureUI } from './scale-ui';

const NODES = Number(process.env.BENCH_NODES ?? 1000);
const SERVICES = Number(process.env.BENCH_SERVICES ?? 10_000);
const POOLS = Number(process.env.BENCH_POOLS ?? 20);
const SPEAKER_WINDOW_MS = Number(process.env.BENCH_SPEAKER_WINDOW_S ?? 30) * 1000;

const mb = (x: number) => Math.round(x);
const s3 = (ms: number) => Number((ms / 1000).toFixed(3));

async function ingressIps(client: ApiClient): Promise<Map<string, string>> {
  const list = await client.list<V1Service>(resourcePath(KUBE_KINDS.Service, { namespace: APP_NAMESPACE }));
  return new Map(list.items.map((s) => [s.metadata!.name!, s.status?.loadBalancer?.ingress?.[0]?.ip ?? '']));
}

async function restart(cp: ControlPlane, client: ApiClient, old: Controller, dir: string, out: Metrics) {
  const before = await ingressIps(client);
  // Any write to a Service while the new controller resyncs (there should be none).
  let writes = 0;
  const watch = new Reflector<V1Service>(client, { resource: KUBE_KINDS.Service, namespace: APP_NAMESPACE });
  watch.on('update', () => writes++);
  await watch.start();
  const loadStart = load1();
  await stopChild(old.child);
  const t0 = performance.now();
  const c = await startController(cp.kubeconfig, join(dir, 'controller-2.log'));
  const pid = c.child.pid!;
  if (!(await waitFor(() => httpOk(c.port, '/readyz'), 120_000)))
    throw new Error(`restarted controller not ready; see ${dir}/controller-2.log`);
  const ready = performance.now();
  const log = join(dir, 'controller-2.log');
  if (!(await waitFor(() => logHas(log, 'became leader'), 60_000)))
    throw new Error(`restarted controller did not lead; see ${log}`);
  const leading = performance.now();
  const quiet = await quietSince(pid, 180_000);
  if (quiet === null) throw new Error('restarted controller never went idle');
  const u = usage(pid);
  const after = await ingressIps(client);
  watch.stop();
  const changed = [...before].filter(([name, ip]) => after.get(name) !== ip).length;
  out.restartSecondsToReady = { value: s3(ready - t0), unit: 's (start to /readyz: caches synced)' };
  out.restartSecondsToLeading = { value: s3(leading - t0), unit: 's (start to holding the lease)' };
  out.restartSecondsToIdle = { value: s3(quiet - t0), unit: 's (start to 1 s without CPU)' };
  out.restartCpuSeconds = { value: Number(u.cpuSeconds.toFixed(2)), unit: 's (whole resync)' };
  out.restartPeakRssMB = { value: mb(u.peakMB), unit: 'MB (VmHWM)' };
  out.restartRssMB = { value: mb(u.rssMB), unit: 'MB (idle after resync)' };
  out.restartIpsChanged = { value: changed, unit: 'services (must be 0)' };
  out.restartServiceWrites = { value: writes, unit: 'Service updates seen during the resync' };
  out.restartLoadavgStart = { value: loadStart, unit: 'load' };
  out.restartLoadavgEnd = { value: load1(), unit: 'load' };
  return c;
}

async function speaker(cp: ControlPlane, client: ApiClient, bgpServices: number, dir: string, out: Metrics) {
  const log = join(dir, 'speaker.log');
  const loadStart = load1();
  const t0 = Date.now();
  const snapshot = process.env.BENCH_SPEAKER_HEAPSNAPSHOT === '1';
  const s = await startSpeaker(
    cp.kubeconfig,
    'node-0',
    log,
    join(dir, 'no-memberlist-key'),
    [
      snapshot ? `--heapsnapshot-signal=SIGUSR2 --diagnostic-dir=${dir}` : '',
      process.env.BENCH_SPEAKER_NODE_OPTIONS ?? '',
    ].join(' '),
  );
  try {
    const full = () => passes(log).find((p) => p.routes >= bgpServices);
    if (!(await waitFor(() => full() !== undefined, 180_000, 250)))
      throw new Error(`speaker never planned all ${bgpServices} BGP routes; see ${log}`);
    const first = full()!;
    const cpu0 = usage(s.child.pid!).cpuSeconds;
    // One Service's labels change every second (a change the speaker must plan for); kwok's
    // heartbeats alone change nothing it reads.
    const end = Date.now() + SPEAKER_WINDOW_MS;
    for (let k = 0; Date.now() < end; k++) {
      await client.mergePatch(
        resourcePath(KUBE_KINDS.Service, { namespace: APP_NAMESPACE, name: `svc-${k % SERVICES}` }),
        { metadata: { labels: { 'bench-touch': String(k) } } },
      );
      await sleep(1000);
    }
    const u = usage(s.child.pid!);
    const g = await processGauges(s.port);
    const window = passes(log).filter((p) => p.at > first.at);
    // Steady state: the passes after the first complete plan (which ranks every IP from scratch).
    const plan = window.map((p) => p.planMs).sort((a, b) => a - b);
    out.speakerSecondsToFirstFullPlan = {
      value: s3(first.at - t0),
      unit: 's (start to a plan with every route)',
    };
    out.speakerFirstFullPlanMs = { value: first.planMs, unit: 'ms' };
    out.speakerPlanP50Ms = { value: percentile(plan, 50) ?? -1, unit: 'ms (snapshot + desiredState)' };
    out.speakerPlanP99Ms = { value: percentile(plan, 99) ?? -1, unit: 'ms' };
    out.speakerPlanMaxMs = { value: plan.at(-1) ?? -1, unit: 'ms' };
    out.speakerPasses = { value: window.length, unit: `passes in ${SPEAKER_WINDOW_MS / 1000} s` };
    out.speakerCpuSecondsPerMinute = {
      value: Number((((u.cpuSeconds - cpu0) * 60_000) / SPEAKER_WINDOW_MS).toFixed(2)),
      unit: 'CPU s per minute, steady state',
    };
    out.speakerPeakRssMiB = { value: mb(u.peakMB), unit: 'MiB (VmHWM)' };
    out.speakerRssMiB = { value: mb(u.rssMB), unit: 'MiB' };
    out.speakerRssAnonMiB = { value: mb(u.anonMB), unit: 'MiB (of speakerRssMiB: heaps, malloc)' };
    // Live V8 heap against what V8 has reserved: RSS far above both is native memory.
    out.speakerHeapUsedMiB = {
      value: mb((g.nodejs_heap_size_used_bytes ?? -1) / 2 ** 20),
      unit: 'MiB (V8 heap used)',
    };
    out.speakerHeapTotalMiB = {
      value: mb((g.nodejs_heap_size_total_bytes ?? -1) / 2 ** 20),
      unit: 'MiB (V8 heap reserved)',
    };
    out.speakerExternalMiB = {
      value: mb((g.nodejs_external_memory_bytes ?? -1) / 2 ** 20),
      unit: 'MiB (buffers outside the heap)',
    };
    out.speakerLoadavgStart = { value: loadStart, unit: 'load' };
    out.speakerLoadavgEnd = { value: load1(), unit: 'load' };
    // Whether the start-up burst's memory comes back: V8 keeps the pages its heap freed in a pool
    // that only memory-reducing collections empty (k8s/memory-reducer.ts asks for them).
    await sleep(Math.max(0, t0 + 80_000 - Date.now()));
    const settled = usage(s.child.pid!);
    out.speakerSettledRssMiB = { value: mb(settled.rssMB), unit: 'MiB (80 s after start, window over)' };
    out.speakerSettledRssAnonMiB = { value: mb(settled.anonMB), unit: 'MiB' };
    console.error(`speaker complaints: ${JSON.stringify(complaints(log))}`);
    if (snapshot) {
      const before = new Set(readdirSync(dir));
      s.child.kill('SIGUSR2');
      // Written progressively: done once its size holds still for 3 s.
      let file: string | undefined;
      let size = -1;
      let stableSince = Date.now();
      const done = () => {
        file ??= readdirSync(dir).find((f) => !before.has(f) && f.endsWith('.heapsnapshot'));
        if (!file) return false;
        const now = statSync(join(dir, file)).size;
        if (now !== size) [size, stableSince] = [now, Date.now()];
        return size > 0 && Date.now() - stableSince > 3000;
      };
      if (!(await waitFor(done, 300_000, 500)))
        throw new Error('the speaker wrote no heap snapshot in 5 min');
      console.error(`speaker heap snapshot: ${join(dir, file!)}`);
    }
  } finally {
    await stopChild(s.child);
  }
}

export async function run(): Promise<Metrics> {
  ensureServerBundle();
  const dir = mkdtempSync(join(tmpdir(), 'mlbts-scale-'));
  const out: Metrics = {
    nodes: { value: NODES, unit: 'kwok nodes' },
    services: { value: SERVICES, unit: 'services' },
    pools: { value: POOLS, unit: 'pools' },
  };
  let cp: ControlPlane | undefined;
  let client: ApiClient | undefined;
  let controller: Controller | undefined;
  const cleanup = async () => {
    if (controller) await stopChild(controller.child);
    client?.close();
    await cp?.stop();
    if (process.env.BENCH_KEEP_LOGS === '1') console.error(`logs kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  };
  const offInterrupt = onInterrupt(cleanup);
  try {
    const tCp = performance.now();
    out.controlPlaneLoadavgStart = { value: load1(), unit: 'load' };
    cp = await startControlPlane({ nodes: NODES });
    out.controlPlaneStartSeconds = {
      value: s3(performance.now() - tCp),
      unit: `s (with ${NODES} Ready nodes)`,
    };
    const kc = new KubeConfig();
    kc.loadFromFile(cp.kubeconfig);
    client = ApiClient.fromKubeConfig(kc, { maxSockets: 32 });
    await installCRDs(client);
    const { bgpPools } = await configure(client, POOLS);

    controller = await startController(cp.kubeconfig, join(dir, 'controller.log'));
    if (!(await waitFor(() => httpOk(controller!.port, '/readyz'), 60_000)))
      throw new Error(`controller not ready; see ${dir}/controller.log`);
    await quietSince(controller.child.pid!, 30_000);
    const r = await measure(client, APP_NAMESPACE, SERVICES, controller.child.pid!, 600_000, {
      annotations: (i) => ({ 'metallb.io/address-pool': poolName(i % POOLS) }),
      noSelector: true,
    });
    if (r.allocated < SERVICES) throw new Error(`only ${r.allocated}/${SERVICES} Services got an IP`);
    await quietSince(controller.child.pid!, 120_000);
    const idle = usage(controller.child.pid!);
    out.controllerIdleRssMB = { value: r.idleRssMB, unit: 'MB (started, no Services)' };
    out.secondsToCreateAll = { value: r.secondsToCreateAll, unit: 's' };
    out.secondsToAllAllocated = { value: r.secondsToAllAllocated ?? -1, unit: 's from the first create' };
    out.p50Ms = { value: Math.round(r.p50Ms ?? -1), unit: 'ms create to IP seen' };
    out.p99Ms = { value: Math.round(r.p99Ms ?? -1), unit: 'ms' };
    out.controllerCpuSeconds = { value: r.cpuSeconds, unit: 's (first create to last IP)' };
    out.controllerCpuMsPerService = {
      value: Number(((r.cpuSeconds * 1000) / SERVICES).toFixed(3)),
      unit: 'ms',
    };
    out.controllerPeakRssMB = { value: mb(idle.peakMB), unit: 'MB (VmHWM)' };
    out.controllerRssMB = { value: mb(idle.rssMB), unit: 'MB (idle with every Service allocated)' };
    out.controllerRssAnonMB = { value: mb(idle.anonMB), unit: 'MB (of controllerRssMB: heaps, malloc)' };
    out.controllerRssFileMB = {
      value: mb(idle.fileMB),
      unit: 'MB (of controllerRssMB: node binary, shared)',
    };
    out.allocateLoadavgStart = { value: r.loadavgStart, unit: 'load' };
    out.allocateLoadavgEnd = { value: r.loadavgEnd, unit: 'load' };

    const tEp = performance.now();
    await createEndpoints(client, SERVICES, NODES);
    out.secondsToCreateEndpointSlices = { value: s3(performance.now() - tEp), unit: 's (one per Service)' };

    controller = await restart(cp, client, controller, dir, out);
    const firstBgp = POOLS - bgpPools.length;
    const bgpServices = Array.from({ length: SERVICES }, (_, i) => i % POOLS).filter(
      (k) => k >= firstBgp,
    ).length;
    await speaker(cp, client, bgpServices, dir, out);
    // The restarted controller once its resync burst is well over (the speaker's phase took ~80 s).
    const later = usage(controller.child.pid!);
    out.restartSettledRssMB = {
      value: mb(later.rssMB),
      unit: 'MB (restarted controller, after the speaker phase)',
    };
    out.restartSettledRssAnonMB = { value: mb(later.anonMB), unit: 'MB' };
    const l2Services = Array.from({ length: SERVICES }, (_, i) => i)
      .filter((i) => i % POOLS < firstBgp)
      .map((i) => `svc-${i}`);
    if (process.env.BENCH_SKIP_UI !== '1')
      await measureUI(cp.kubeconfig, client, l2Services, NODES, join(ROOT, 'bench-results', 'scale-ui'), out);
    return out;
  } catch (err) {
    // What was measured before the failure is still worth reading.
    console.error(`measured before the failure: ${JSON.stringify(out)}`);
    throw err;
  } finally {
    offInterrupt();
    await cleanup();
  }
}
