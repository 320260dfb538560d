// Ours against upstream MetalLB's controller (v0.15.2, built from its Go module; as released and
// with its client rate limits raised), one after the other on the same local control plane, with
// the same pool and the same N LoadBalancer Services (BENCH_SERVICES, default 2,000; the same
// YAML works for both: our API is upstream's). Per contender: time until all are allocated,
// create-to-IP p50/p99, RSS (end and peak) and CPU seconds of the controller process; ratios are
// ours / upstream (as released). A contender that does not finish is cut off after
// BENCH_TIMEOUT_S (default 120 s) and its allocated count reported.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import type { ChildProcess } from 'node:child_process';
import { KubeConfig } from '@kubernetes/client-node';
import { KUBE_KINDS, METALLB_KINDS, resourcePath } from '../api/kinds';
import { ApiClient } from '../k8s/api-client';
import { installCRDs } from '../k8s/crds';
import { startControlPlane, type ControlPlane } from '../integration-tests/cluster/control-plane';
import type { Metrics } from './run';
import {
  measure,
  OURS,
  upstream,
  upstreamBinaries,
  type Contender,
  type RunResult,
} from './vs-upstream-setup';

const SERVICES = Number(process.env.BENCH_SERVICES ?? 2000);
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_S ?? 120) * 1000;
const NAMESPACE = 'metallb-system';

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}

async function runOne(cp: ControlPlane, client: ApiClient, c: Contender, dir: string): Promise<RunResult> {
  const ns = `bench-${c.name.toLowerCase()}`;
  await client.create(resourcePath(KUBE_KINDS.Namespace), {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: ns },
  });
  const child = await c.start(cp.kubeconfig, NAMESPACE, join(dir, `${c.name}.log`));
  try {
    // Started and idle before the clock runs (both list everything at start).
    await new Promise((r) => setTimeout(r, 3000));
    if (child.exitCode !== null) throw new Error(`${c.name} exited at start; see ${dir}/${c.name}.log`);
    const r = await measure(client, ns, SERVICES, child.pid!, TIMEOUT_MS);
    console.error(`${c.name}: ${JSON.stringify(r)}`);
    return r;
  } finally {
    await stop(child);
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

const ratio = (a: number | null, b: number | null) =>
  a === null || b === null || b === 0 ? -1 : Number((a / b).toFixed(3));

export async function run(): Promise<Metrics> {
  const bins = upstreamBinaries();
  const dir = mkdtempSync(join(tmpdir(), 'mlbts-vs-upstream-'));
  const load0 = loadavg()[0]!;
  const cp = await startControlPlane({ nodes: 0 });
  const kc = new KubeConfig();
  kc.loadFromFile(cp.kubeconfig);
  const client = ApiClient.fromKubeConfig(kc, { maxSockets: 32 });
  try {
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
    const results: Record<string, RunResult> = {};
    for (const c of [OURS, upstream(bins.plain, 'upstream'), upstream(bins.tuned, 'upstreamTuned')])
      results[c.name] = await runOne(cp, client, c, dir);
    const out: Metrics = {
      services: { value: SERVICES, unit: 'services' },
      ratioP99: { value: ratio(results.ours!.p99Ms, results.upstream!.p99Ms), unit: 'ours/upstream' },
      ratioRss: { value: ratio(results.ours!.peakRssMB, results.upstream!.peakRssMB), unit: 'ours/upstream' },
      ratioCpu: {
        value: ratio(results.ours!.cpuSeconds, results.upstream!.cpuSeconds),
        unit: 'ours/upstream',
      },
      ratioP99Tuned: {
        value: ratio(results.ours!.p99Ms, results.upstreamTuned!.p99Ms),
        unit: 'ours/upstream tuned',
      },
      loadavgStart: { value: Number(load0.toFixed(2)), unit: 'load' },
      loadavgEnd: { value: Number(loadavg()[0]!.toFixed(2)), unit: 'load' },
    };
    for (const [name, r] of Object.entries(results)) {
      out[`${name}Allocated`] = { value: r.allocated, unit: 'services' };
      out[`${name}SecondsToAllAllocated`] = { value: r.secondsToAllAllocated ?? -1, unit: 's (-1: not all)' };
      out[`${name}P50Ms`] = { value: Math.round(r.p50Ms ?? -1), unit: 'ms' };
      out[`${name}P99Ms`] = { value: Math.round(r.p99Ms ?? -1), unit: 'ms' };
      out[`${name}IdleRssMB`] = { value: r.idleRssMB, unit: 'MB' };
      out[`${name}RssMB`] = { value: r.rssMB, unit: 'MB' };
      out[`${name}PeakRssMB`] = { value: r.peakRssMB, unit: 'MB' };
      out[`${name}CpuSeconds`] = { value: r.cpuSeconds, unit: 's' };
    }
    return out;
  } finally {
    client.close();
    await cp.stop();
  }
}
