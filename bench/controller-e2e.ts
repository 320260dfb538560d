// The controller end to end: its own local control plane (etcd + kube-apiserver, no nodes), the
// CRDs, the controller role in this process, one pool, then 2,000 LoadBalancer Services created
// concurrently (32 requests in flight, as a busy client would). A watch on the Services records
// when each gets its ingress IP: latency is from sending its create request to seeing the IP.
// rssMB is this whole process (controller, watch and client) after the run; rssBaselineMB the same
// process before the controller started.
import { KUBE_KINDS, METALLB_KINDS, resourcePath } from '../api/kinds';
import { testRoleContext } from '../backend/test-role-context';
import { performance } from 'node:perf_hooks';
import { KubeConfig, type V1Service } from '@kubernetes/client-node';
import pino from 'pino';
import { startControlPlane, type ControlPlane } from '../integration-tests/cluster/control-plane';
import { startController, type RunningController } from '../backend/controller/role';
import { controllerSettings } from '../backend/controller/settings';
import { ApiClient } from '../k8s/api-client';
import { installCRDs } from '../k8s/crds';
import { Reflector } from '../k8s/reflector';
import type { Metrics } from './run';

const SERVICES = Number(process.env.BENCH_SERVICES ?? 2000);
const CLIENT_CONCURRENCY = 32;
const NAMESPACE = 'metallb-system';
const APP_NAMESPACE = 'bench';
const TIMEOUT_MS = 300_000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function createAll(
  client: ApiClient,
  sentAt: Map<string, number>,
  createdAt: Map<string, number>,
): Promise<void> {
  let next = 0;
  const one = async () => {
    for (let i = next++; i < SERVICES; i = next++) {
      const name = `svc-${i}`;
      sentAt.set(name, performance.now());
      await client.create(resourcePath(KUBE_KINDS.Service, { namespace: APP_NAMESPACE }), {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name },
        spec: { type: 'LoadBalancer', selector: { app: name }, ports: [{ port: 80, protocol: 'TCP' }] },
      });
      createdAt.set(name, performance.now());
    }
  };
  await Promise.all(Array.from({ length: CLIENT_CONCURRENCY }, one));
}

export async function run(): Promise<Metrics> {
  let cp: ControlPlane | undefined;
  let controller: RunningController | undefined;
  let watch: Reflector<V1Service> | undefined;
  let client: ApiClient | undefined;
  // Interrupted: still take the control plane down.
  const onSignal = (signal: NodeJS.Signals) => {
    void (cp?.stop() ?? Promise.resolve()).finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    cp = await startControlPlane({ nodes: 0 });
    const kc = new KubeConfig();
    kc.loadFromFile(cp.kubeconfig);
    client = ApiClient.fromKubeConfig(kc, { maxSockets: CLIENT_CONCURRENCY });
    await installCRDs(client);
    for (const name of [NAMESPACE, APP_NAMESPACE]) {
      await client.create(resourcePath(KUBE_KINDS.Namespace), {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name },
      });
    }
    await client.create(resourcePath(METALLB_KINDS.IPAddressPool, { namespace: NAMESPACE }), {
      apiVersion: 'metallb.io/v1beta1',
      kind: 'IPAddressPool',
      metadata: { name: 'bench' },
      spec: { addresses: ['172.20.0.0/20'] },
    });

    const rssBaselineMB = process.memoryUsage().rss / 2 ** 20;
    // The controller logs at info as in production (one line per assignment), to /dev/null.
    const log = pino({ level: 'info' }, pino.destination('/dev/null'));
    const ctx = testRoleContext(kc, { log, namespace: NAMESPACE, dev: true });
    controller = await startController(ctx, controllerSettings(ctx, {}));
    const deadline = Date.now() + 30_000;
    while (!controller.isLeader() || !controller.allocator()?.hasPools()) {
      if (Date.now() > deadline) throw new Error('controller did not start leading with the pool loaded');
      await new Promise((r) => setTimeout(r, 50));
    }

    const sentAt = new Map<string, number>();
    const createdAt = new Map<string, number>();
    const seenAt = new Map<string, number>();
    const latencies = new Map<string, number>();
    let last = 0;
    let allDone: () => void = () => {};
    const done = new Promise<void>((resolve) => (allDone = resolve));
    watch = new Reflector<V1Service>(client, { resource: KUBE_KINDS.Service, namespace: APP_NAMESPACE });
    const seen = (svc: V1Service) => {
      const name = svc.metadata?.name ?? '';
      if (latencies.has(name) || !svc.status?.loadBalancer?.ingress?.[0]?.ip) return;
      const now = performance.now();
      latencies.set(name, now - sentAt.get(name)!);
      seenAt.set(name, now);
      last = now;
      if (latencies.size === SERVICES) allDone();
    };
    watch.on('add', seen);
    watch.on('update', seen);
    await watch.start();

    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await createAll(client, sentAt, createdAt);
    const created = performance.now();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      done,
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`only ${latencies.size}/${SERVICES} Services got an IP in time`)),
          TIMEOUT_MS,
        );
      }),
    ]);
    clearTimeout(timer);
    const sorted = [...latencies.values()].sort((a, b) => a - b);
    // The controller's own share: from the create response (the Service exists) to its IP seen.
    // A watch event can beat the create response, hence the floor at 0.
    const after = [...seenAt].map(([n, t]) => Math.max(0, t - createdAt.get(n)!)).sort((a, b) => a - b);
    const rssMB = process.memoryUsage().rss / 2 ** 20;
    const cpu = process.cpuUsage(cpu0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    console.error(
      `${SERVICES} Services created in ${((created - t0) / 1000).toFixed(2)} s, all allocated after ` +
        `${((last - t0) / 1000).toFixed(2)} s; p50 ${percentile(sorted, 50).toFixed(0)} ms, ` +
        `p99 ${percentile(sorted, 99).toFixed(0)} ms (after the create response: p50 ` +
        `${percentile(after, 50).toFixed(0)} ms, p99 ${percentile(after, 99).toFixed(0)} ms), rss ${rssMB.toFixed(0)} MB, ` +
        `this process used ${cpuSeconds.toFixed(2)} s of CPU`,
    );
    return {
      secondsToAllAllocated: { value: Number(((last - t0) / 1000).toFixed(3)), unit: 's' },
      p50LatencyMs: { value: Number(percentile(sorted, 50).toFixed(1)), unit: 'ms' },
      p99LatencyMs: { value: Number(percentile(sorted, 99).toFixed(1)), unit: 'ms' },
      rssMB: { value: Math.round(rssMB), unit: 'MB' },
      // The same process before the controller started (runtime, tsx, client libraries).
      rssBaselineMB: { value: Math.round(rssBaselineMB), unit: 'MB' },
      p50AfterCreatedMs: { value: Number(percentile(after, 50).toFixed(1)), unit: 'ms' },
      p99AfterCreatedMs: { value: Number(percentile(after, 99).toFixed(1)), unit: 'ms' },
      // CPU of this process (controller, watch and client) from the first create to the last IP.
      processCpuSeconds: { value: Number(cpuSeconds.toFixed(2)), unit: 's' },
      secondsToCreateAll: { value: Number(((created - t0) / 1000).toFixed(3)), unit: 's' },
      services: { value: SERVICES, unit: 'services' },
    };
  } finally {
    watch?.stop();
    await controller?.stop().catch(() => {});
    client?.close();
    await cp?.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
