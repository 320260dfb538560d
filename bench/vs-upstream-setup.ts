// Shared parts of `npm run bench -- vs-upstream`: the contenders as processes (ours: the production
// bundle under the pinned Node; upstream MetalLB's controller built from its Go module), their
// resource use from /proc, and one measured run of N LoadBalancer Services against a controller.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { V1Service } from '@kubernetes/client-node';
import { KUBE_KINDS, resourcePath } from '../api/kinds';
import type { ApiClient } from '../k8s/api-client';
import { Reflector } from '../k8s/reflector';
import { freePort } from '../integration-tests/cluster/ports';

export const ROOT = join(import.meta.dirname, '..');
const CLK_TCK = 100;

export interface Contender {
  name: string;
  start(kubeconfig: string, namespace: string, logFile: string): Promise<ChildProcess>;
}

/** Ours as users run it: dist-server/backend.js, controller role only, under this Node. */
export const OURS: Contender = {
  name: 'ours',
  async start(kubeconfig, namespace, logFile) {
    const fd = openSync(logFile, 'w');
    return spawn(process.execPath, [join(ROOT, 'dist-server', 'backend.js'), '--roles', 'controller'], {
      env: {
        PATH: process.env.PATH ?? '',
        KUBECONFIG: kubeconfig,
        METALLB_NAMESPACE: namespace,
        METALLB_HTTP_PORT: String(await freePort()),
        METALLB_LOG_LEVEL: 'info',
      },
      stdio: ['ignore', fd, fd],
    });
  },
};

/** Upstream's controller binary (`tuned`: client-side rate limits raised, see build script). */
export function upstream(binary: string, name: string): Contender {
  return {
    name,
    async start(kubeconfig, namespace, logFile) {
      const fd = openSync(logFile, 'w');
      return spawn(
        binary,
        ['--namespace', namespace, '--webhook-mode', 'disabled', '--port', String(await freePort())],
        { env: { PATH: process.env.PATH ?? '', KUBECONFIG: kubeconfig }, stdio: ['ignore', fd, fd] },
      );
    },
  };
}

/** Resident set (now and peak) in MB and CPU seconds of a live process, from /proc. */
export function usage(pid: number): { rssMB: number; peakMB: number; cpuSeconds: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  // Fields after the command name (which may hold spaces): utime is the 14th field, stime the 15th.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cpu = (Number(rest[11]) + Number(rest[12])) / CLK_TCK;
  return { rssMB: kb('VmRSS') / 1024, peakMB: kb('VmHWM') / 1024, cpuSeconds: cpu };
}

export interface RunResult {
  allocated: number;
  secondsToAllAllocated: number | null;
  p50Ms: number | null;
  p99Ms: number | null;
  /** Before the first create: the controller started, listed everything and idle. */
  idleRssMB: number;
  rssMB: number;
  peakRssMB: number;
  cpuSeconds: number;
}

function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * Creates `n` LoadBalancer Services in `ns` (32 requests in flight) and watches for their IPs
 * until all have one or `timeoutMs` passes. Latency: create request sent -> IP seen. Usage of `pid`
 * is measured from just before the first create to the end.
 */
export async function measure(
  client: ApiClient,
  ns: string,
  n: number,
  pid: number,
  timeoutMs: number,
): Promise<RunResult> {
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const got = new Set<string>();
  let last = 0;
  let finish: () => void = () => undefined;
  const done = new Promise<void>((r) => (finish = r));
  const watch = new Reflector<V1Service>(client, { resource: KUBE_KINDS.Service, namespace: ns });
  const seen = (svc: V1Service) => {
    const name = svc.metadata?.name ?? '';
    if (got.has(name) || !svc.status?.loadBalancer?.ingress?.[0]?.ip || !sentAt.has(name)) return;
    got.add(name);
    last = performance.now();
    latencies.push(last - sentAt.get(name)!);
    if (got.size === n) finish();
  };
  watch.on('add', seen);
  watch.on('update', seen);
  await watch.start();
  const before = usage(pid);
  const t0 = performance.now();
  let next = 0;
  const one = async () => {
    for (let i = next++; i < n; i = next++) {
      const name = `svc-${i}`;
      sentAt.set(name, performance.now());
      await client.create(resourcePath(KUBE_KINDS.Service, { namespace: ns }), {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name },
        spec: {
          type: 'LoadBalancer',
          // No NodePorts: 3 x N Services would exhaust the 2,768 of the default range.
          allocateLoadBalancerNodePorts: false,
          selector: { app: name },
          ports: [{ port: 80, protocol: 'TCP' }],
        },
      });
    }
  };
  await Promise.all(Array.from({ length: 32 }, one));
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([done, new Promise<void>((r) => (timer = setTimeout(r, timeoutMs)))]);
  clearTimeout(timer);
  const after = usage(pid);
  watch.stop();
  const sorted = latencies.sort((a, b) => a - b);
  return {
    allocated: got.size,
    secondsToAllAllocated: got.size === n ? Number(((last - t0) / 1000).toFixed(3)) : null,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    idleRssMB: Math.round(before.rssMB),
    rssMB: Math.round(after.rssMB),
    peakRssMB: Math.round(after.peakMB),
    cpuSeconds: Number((after.cpuSeconds - before.cpuSeconds).toFixed(2)),
  };
}

/** Builds (once, cached) upstream's controller; returns the default and the tuned binary. */
export function upstreamBinaries(): { plain: string; tuned: string } {
  const out = execFileSync('bash', [join(ROOT, 'scripts', 'upstream', 'build-controller.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const dir = out.trim().split('\n').at(-1)!;
  return { plain: join(dir, 'controller'), tuned: join(dir, 'controller-tuned') };
}
