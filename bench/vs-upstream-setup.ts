// Shared parts of `npm run bench -- vs-upstream`: the contenders as processes (ours: the production
// bundle under the pinned Node; upstream MetalLB's controller built from its Go module), their
// resource use from /proc, and one measured run of N LoadBalancer Services against a controller.
import { execFileSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { V1Service } from '@kubernetes/client-node';
import { KUBE_KINDS, resourcePath } from '../api/kinds';
import type { ApiClient } from '../k8s/api-client';
import { Reflector } from '../k8s/reflector';
import { freePort } from '../integration-tests/cluster/ports';
import { load1, percentile, ROOT, spawnBundle, spawnLogged, usage } from './process-setup';

export interface Contender {
  name: string;
  start(kubeconfig: string, namespace: string, logFile: string): Promise<ChildProcess>;
}

/** Ours as users run it: dist-server/backend.js, controller role only, under the pinned Node. */
export const OURS: Contender = {
  name: 'ours',
  async start(kubeconfig, namespace, logFile) {
    const port = String(await freePort());
    return spawnBundle(
      'backend',
      ['--roles', 'controller'],
      {
        KUBECONFIG: kubeconfig,
        METALLB_NAMESPACE: namespace,
        METALLB_HTTP_HOST: '127.0.0.1',
        METALLB_HTTP_PORT: port,
        // Metrics on the HTTP port (as in the operand), not a second listener on 7472.
        METALLB_METRICS_PORT: port,
        METALLB_LOG_LEVEL: 'info',
      },
      logFile,
    );
  },
};

/** Upstream's controller binary (`tuned`: client-side rate limits raised, see build script). */
export function upstream(binary: string, name: string): Contender {
  return {
    name,
    async start(kubeconfig, namespace, logFile) {
      return spawnLogged(
        binary,
        ['--namespace', namespace, '--webhook-mode', 'disabled', '--port', String(await freePort())],
        { KUBECONFIG: kubeconfig },
        logFile,
      );
    },
  };
}

export interface RunResult {
  allocated: number;
  secondsToAllAllocated: number | null;
  secondsToCreateAll: number;
  p50Ms: number | null;
  p99Ms: number | null;
  /** The controller's own share: from the create response (the Service exists) to its IP seen. */
  p50AfterCreatedMs: number | null;
  p99AfterCreatedMs: number | null;
  /** Before the first create: the controller started, listed everything and idle. */
  idleRssMB: number;
  rssMB: number;
  peakRssMB: number;
  cpuSeconds: number;
  loadavgStart: number;
  loadavgEnd: number;
  /** The controller's Service status writes and Events per second, from the first create to the end. */
  statusWritesPerSecond: number;
  eventWritesPerSecond: number;
  poolStatusWritesPerSecond: number;
}

export interface MeasureOptions {
  /** Annotations of Service i (e.g. the pool it asks for). */
  annotations?: (i: number) => Record<string, string> | undefined;
  /** Create requests in flight (default 32). */
  concurrency?: number;
  /** Without a selector (default: with one, so kube-controller-manager keeps its own slices). */
  noSelector?: boolean;
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
  opts: MeasureOptions = {},
): Promise<RunResult> {
  const loadavgStart = load1();
  const sentAt = new Map<string, number>();
  const createdAt = new Map<string, number>();
  const seenAt = new Map<string, number>();
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
    seenAt.set(name, last);
    latencies.push(last - sentAt.get(name)!);
    if (got.size === n) finish();
  };
  watch.on('add', seen);
  watch.on('update', seen);
  await watch.start();
  const writes0 = await controllerWrites(client);
  const before = usage(pid);
  const t0 = performance.now();
  let next = 0;
  const one = async () => {
    for (let i = next++; i < n; i = next++) {
      const name = `svc-${i}`;
      const annotations = opts.annotations?.(i);
      sentAt.set(name, performance.now());
      await client.create(resourcePath(KUBE_KINDS.Service, { namespace: ns }), {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name, ...(annotations ? { annotations } : {}) },
        spec: {
          type: 'LoadBalancer',
          // No NodePorts: 3 x N Services would exhaust the 2,768 of the default range.
          allocateLoadBalancerNodePorts: false,
          ...(opts.noSelector ? {} : { selector: { app: name } }),
          ports: [{ port: 80, protocol: 'TCP' }],
        },
      });
      createdAt.set(name, performance.now());
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency ?? 32 }, one));
  const created = performance.now();
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([done, new Promise<void>((r) => (timer = setTimeout(r, timeoutMs)))]);
  clearTimeout(timer);
  const after = usage(pid);
  const end = performance.now();
  const writes1 = await controllerWrites(client);
  watch.stop();
  const perSecond = (k: 'status' | 'events' | 'poolStatus') =>
    Number(((writes1[k] - writes0[k]) / ((end - t0) / 1000)).toFixed(1));
  const sorted = latencies.sort((a, b) => a - b);
  // A watch event can beat the create response, hence the floor at 0.
  const afterCreated = [...seenAt]
    .map(([name, t]) => Math.max(0, t - createdAt.get(name)!))
    .sort((a, b) => a - b);
  return {
    allocated: got.size,
    secondsToAllAllocated: got.size === n ? Number(((last - t0) / 1000).toFixed(3)) : null,
    secondsToCreateAll: Number(((created - t0) / 1000).toFixed(3)),
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    p50AfterCreatedMs: percentile(afterCreated, 50),
    p99AfterCreatedMs: percentile(afterCreated, 99),
    idleRssMB: Math.round(before.rssMB),
    rssMB: Math.round(after.rssMB),
    peakRssMB: Math.round(after.peakMB),
    cpuSeconds: Number((after.cpuSeconds - before.cpuSeconds).toFixed(2)),
    loadavgStart,
    loadavgEnd: load1(),
    statusWritesPerSecond: perSecond('status'),
    eventWritesPerSecond: perSecond('events'),
    poolStatusWritesPerSecond: perSecond('poolStatus'),
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

/**
 * The apiserver's count of the controller's writes so far (`apiserver_request_total`): Service
 * status updates, Events (created or patched) and IPAddressPool status updates. The bench's own
 * client only creates Services, so the difference over a run is the controller's write rate.
 */
export async function controllerWrites(
  client: ApiClient,
): Promise<{ status: number; events: number; poolStatus: number }> {
  const res = await client.open('GET', '/metrics');
  let text = '';
  for await (const chunk of res) text += String(chunk);
  let status = 0;
  let events = 0;
  let poolStatus = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith('apiserver_request_total{')) continue;
    const label = (k: string) => new RegExp(`[{,]${k}="([^"]*)"`).exec(line)?.[1] ?? '';
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    const verb = label('verb');
    if (label('resource') === 'services' && label('subresource') === 'status' && verb !== 'GET')
      status += value;
    else if (label('resource') === 'events' && (verb === 'POST' || verb === 'PATCH')) events += value;
    else if (label('resource') === 'ipaddresspools' && label('subresource') === 'status' && verb !== 'GET')
      poolStatus += value;
  }
  return { status, events, poolStatus };
}
