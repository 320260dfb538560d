// Ours against upstream MetalLB's controller (v0.15.2, built from its Go module; as released and
// with its client rate limits raised), back to back on the same local control plane, with the same
// pool and the same N LoadBalancer Services for each N in BENCH_SIZES (default 2000,10000; the
// same YAML works for both: our API is upstream's). Per contender and size: time until all are
// allocated, create-to-IP p50/p99, RSS (idle, end, peak) and CPU seconds of the controller process,
// the load average at the start and end. Metrics are suffixed with the size (`oursP99Ms_10000`);
// the unsuffixed ratios (ours / upstream as released) are for the first size. BENCH_REPEAT (default
// 3,1: per size) runs every (size, contender) that many times and reports medians; every run's raw figures go to
// bench-results/vs-upstream-runs.json. A contender that does not finish is cut off
// BENCH_TIMEOUT_S after the last create (default 60 + 0.06 s per Service) and its count reported.
// BENCH_CONTENDERS narrows the field (default ours,upstream,upstreamTuned); BENCH_RESUME=1 keeps
// the runs already in vs-upstream-runs.json and does only the missing ones.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { KUBE_KINDS, METALLB_KINDS, resourcePath } from '../api/kinds';
import { ApiClient } from '../k8s/api-client';
import { installCRDs } from '../k8s/crds';
import { startControlPlane, type ControlPlane } from '../integration-tests/cluster/control-plane';
import { ensureServerBundle, load1, median, onInterrupt, sleep, stopChild } from './process-setup';
import { resultsDir } from './machine';
import type { Metrics } from './run';
import {
  measure,
  OURS,
  upstream,
  upstreamBinaries,
  type Contender,
  type RunResult,
} from './vs-upstream-setup';

const SIZES = (process.env.BENCH_SIZES ?? process.env.BENCH_SERVICES ?? '2000,10000').split(',').map(Number);
// Runs per size (the last entry for the rest): 10,000 Services take upstream ~9 minutes.
const REPEATS = (process.env.BENCH_REPEAT ?? '3,1').split(',').map(Number);
const repeatsFor = (i: number) => REPEATS[i] ?? REPEATS.at(-1)!;
const WANTED = (process.env.BENCH_CONTENDERS ?? 'ours,upstream,upstreamTuned').split(',');
const timeoutMs = (n: number) => Number(process.env.BENCH_TIMEOUT_S ?? 60 + 0.06 * n) * 1000;
const NAMESPACE = 'metallb-system';

interface Run extends RunResult {
  contender: string;
  services: number;
  repeat: number;
  /** Upstream only: client-go's "Waited before sending request" lines (throttled > 1 s). */
  throttleLogLines?: number;
  throttleExample?: string;
}

async function runOne(
  cp: ControlPlane,
  client: ApiClient,
  c: Contender,
  n: number,
  rep: number,
  dir: string,
) {
  const ns = `bench-${c.name.toLowerCase()}-${n}-${rep}`;
  await client.create(resourcePath(KUBE_KINDS.Namespace), {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: ns },
  });
  const logFile = join(dir, `${ns}.log`);
  const child = await c.start(cp.kubeconfig, NAMESPACE, logFile);
  try {
    // Started and idle before the clock runs (both list everything at start).
    await sleep(3000);
    if (child.exitCode !== null) throw new Error(`${c.name} exited at start; see ${logFile}`);
    const r: Run = {
      contender: c.name,
      services: n,
      repeat: rep,
      ...(await measure(client, ns, n, child.pid!, timeoutMs(n))),
    };
    if (c.name !== 'ours') {
      const lines = readFileSync(logFile, 'utf8')
        .split('\n')
        .filter((l) => l.includes('Waited before sending request'));
      r.throttleLogLines = lines.length;
      if (lines[0]) r.throttleExample = lines[Math.floor(lines.length / 2)]!.slice(0, 400);
    }
    console.error(`${c.name} x ${n} #${rep}: ${JSON.stringify(r)}`);
    return r;
  } finally {
    await stopChild(child);
    // Each contender starts from an empty cluster (upstream would otherwise load the previous
    // contender's allocations at start). Namespaces never finish deleting without
    // kube-controller-manager, so the Services are deleted one by one.
    await deleteServices(client, ns);
  }
}

async function deleteServices(client: ApiClient, ns: string): Promise<void> {
  const list = await client.list<{ metadata: { name: string } }>(
    resourcePath(KUBE_KINDS.Service, { namespace: ns }),
  );
  const names = list.items.map((s) => s.metadata.name);
  let next = 0;
  const one = async () => {
    for (let i = next++; i < names.length; i = next++)
      await client
        .delete(resourcePath(KUBE_KINDS.Service, { namespace: ns, name: names[i]! }))
        .catch(() => undefined);
  };
  await Promise.all(Array.from({ length: 32 }, one));
}

const ratio = (a: number | null | undefined, b: number | null | undefined) =>
  a == null || b == null || b === 0 ? -1 : Number((a / b).toFixed(3));

/** Medians over the repeats of one (contender, size), as metrics suffixed with the size. */
function summarize(out: Metrics, runs: Run[], name: string, n: number) {
  const mine = runs.filter((r) => r.contender === name && r.services === n);
  const med = (f: (r: Run) => number | null) => {
    const xs = mine.map(f).filter((x): x is number => x !== null);
    return xs.length === mine.length ? median(xs) : null;
  };
  const s = {
    Allocated: med((r) => r.allocated),
    SecondsToAllAllocated: med((r) => r.secondsToAllAllocated),
    SecondsToCreateAll: med((r) => r.secondsToCreateAll),
    P50Ms: med((r) => (r.p50Ms === null ? null : Math.round(r.p50Ms))),
    P99Ms: med((r) => (r.p99Ms === null ? null : Math.round(r.p99Ms))),
    IdleRssMB: med((r) => r.idleRssMB),
    RssMB: med((r) => r.rssMB),
    PeakRssMB: med((r) => r.peakRssMB),
    CpuSeconds: med((r) => r.cpuSeconds),
    LoadavgStart: med((r) => r.loadavgStart),
    LoadavgEnd: med((r) => r.loadavgEnd),
    StatusWritesPerSecond: med((r) => r.statusWritesPerSecond),
  };
  const units: Record<string, string> = {
    Allocated: 'services',
    SecondsToAllAllocated: 's from the first create (-1: not all by the timeout)',
    SecondsToCreateAll: 's',
    P50Ms: 'ms (allocated ones only)',
    P99Ms: 'ms (allocated ones only)',
    IdleRssMB: 'MB',
    RssMB: 'MB',
    PeakRssMB: 'MB',
    CpuSeconds: 's',
    LoadavgStart: 'load',
    LoadavgEnd: 'load',
    StatusWritesPerSecond: 'Service status writes/s (apiserver_request_total)',
  };
  for (const [k, v] of Object.entries(s)) out[`${name}${k}_${n}`] = { value: v ?? -1, unit: units[k]! };
  return s;
}

export async function run(): Promise<Metrics> {
  const bins = upstreamBinaries();
  ensureServerBundle();
  const contenders = [OURS, upstream(bins.plain, 'upstream'), upstream(bins.tuned, 'upstreamTuned')].filter(
    (c) => WANTED.includes(c.name),
  );
  const dir = mkdtempSync(join(tmpdir(), 'mlbts-vs-upstream-'));
  const out: Metrics = { loadavgStart: { value: load1(), unit: 'load' } };
  let cp: ControlPlane | undefined;
  let client: ApiClient | undefined;
  const cleanup = async () => {
    client?.close();
    await cp?.stop();
    if (process.env.BENCH_KEEP_LOGS === '1') console.error(`logs kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  };
  const offInterrupt = onInterrupt(cleanup);
  try {
    cp = await startControlPlane({ nodes: 0 });
    const kc = new KubeConfig();
    kc.loadFromFile(cp.kubeconfig);
    client = ApiClient.fromKubeConfig(kc, { maxSockets: 32 });
    await installCRDs(client);
    await client.create(resourcePath(KUBE_KINDS.Namespace), {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: NAMESPACE },
    });
    await client.create(resourcePath(METALLB_KINDS.IPAddressPool, { namespace: NAMESPACE }), {
      apiVersion: 'metallb.io/v1beta1',
      kind: 'IPAddressPool',
      metadata: { name: 'bench' },
      spec: { addresses: ['198.18.0.0/16'] },
    });
    // BENCH_RESUME=1: keep the runs already in vs-upstream-runs.json (an interrupted run), do the rest.
    const runsFile = join(resultsDir(), 'vs-upstream-runs.json');
    const runs: Run[] =
      process.env.BENCH_RESUME === '1' && existsSync(runsFile)
        ? (JSON.parse(readFileSync(runsFile, 'utf8')) as { runs: Run[] }).runs
        : [];
    const done = (c: Contender, n: number, rep: number) =>
      runs.some((r) => r.contender === c.name && r.services === n && r.repeat === rep);
    for (const [i, n] of SIZES.entries()) {
      for (let rep = 0; rep < repeatsFor(i); rep++)
        for (const c of contenders) if (!done(c, n, rep)) runs.push(await runOne(cp, client, c, n, rep, dir));
      const s = Object.fromEntries(contenders.map((c) => [c.name, summarize(out, runs, c.name, n)]));
      const [o, u, t] = [s.ours, s.upstream, s.upstreamTuned];
      out[`services_${n}`] = { value: n, unit: 'services' };
      if (o && u) {
        const suffixes = n === SIZES[0] ? ['', `_${n}`] : [`_${n}`];
        for (const sfx of suffixes) {
          out[`ratioP99${sfx}`] = { value: ratio(o.P99Ms, u.P99Ms), unit: 'ours/upstream' };
          out[`ratioRss${sfx}`] = { value: ratio(o.PeakRssMB, u.PeakRssMB), unit: 'ours/upstream (peak)' };
          out[`ratioCpu${sfx}`] = { value: ratio(o.CpuSeconds, u.CpuSeconds), unit: 'ours/upstream' };
          if (t) out[`ratioP99Tuned${sfx}`] = { value: ratio(o.P99Ms, t.P99Ms), unit: 'ours/upstream tuned' };
        }
      }
      writeFileSync(
        runsFile,
        JSON.stringify({ sizes: SIZES, repeats: SIZES.map((_, i) => repeatsFor(i)), runs }, null, 2) + '\n',
      );
    }
    out.loadavgEnd = { value: load1(), unit: 'load' };
    for (const [i, n] of SIZES.entries())
      out[`repeat_${n}`] = { value: repeatsFor(i), unit: 'runs per contender (medians)' };
    return out;
  } finally {
    offInterrupt();
    await cleanup();
  }
}
