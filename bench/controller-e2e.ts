// The controller end to end, as users run it: its own local control plane (etcd + kube-apiserver,
// no nodes), the CRDs, one pool, the production bundle (dist-server/backend.js --roles
// controller, built by `npm run build -- --server`) under the pinned Node in a process of its own,
// then BENCH_SERVICES (default 2,000) LoadBalancer Services created concurrently (32 requests in
// flight, as a busy client would). A watch on the Services records when each gets its ingress IP:
// latency is from sending its create request to seeing the IP. rssMB, rssPeakMB and
// controllerCpuSeconds are the controller process's (/proc: VmRSS, VmHWM, utime + stime);
// rssBaselineMB the same process started and idle before the first create.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { KUBE_KINDS, METALLB_KINDS, resourcePath } from '../api/kinds';
import { startControlPlane, type ControlPlane } from '../integration-tests/cluster/control-plane';
import { ApiClient } from '../k8s/api-client';
import { installCRDs } from '../k8s/crds';
import { ensureServerBundle, load1, onInterrupt, quietSince, stopChild, waitFor } from './process-setup';
import type { Metrics } from './run';
import { httpOk, logHas, startController, type Controller } from './scale-setup';
import { measure } from './vs-upstream-setup';

const SERVICES = Number(process.env.BENCH_SERVICES ?? 2000);
const NAMESPACE = 'metallb-system';
const APP_NAMESPACE = 'bench';
const TIMEOUT_MS = 300_000;

const ms1 = (x: number | null) => Number((x ?? -1).toFixed(1));

export async function run(): Promise<Metrics> {
  ensureServerBundle();
  const dir = mkdtempSync(join(tmpdir(), 'mlbts-controller-e2e-'));
  let cp: ControlPlane | undefined;
  let client: ApiClient | undefined;
  let controller: Controller | undefined;
  const cleanup = async () => {
    if (controller) await stopChild(controller.child);
    client?.close();
    await cp?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  const offInterrupt = onInterrupt(cleanup);
  try {
    cp = await startControlPlane({ nodes: 0 });
    const kc = new KubeConfig();
    kc.loadFromFile(cp.kubeconfig);
    client = ApiClient.fromKubeConfig(kc, { maxSockets: 32 });
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
      // A /16: room for BENCH_SERVICES up to 65,000.
      spec: { addresses: ['172.20.0.0/16'] },
    });

    // The controller logs at info as in production (one line per assignment), to a file.
    const log = join(dir, 'controller.log');
    controller = await startController(cp.kubeconfig, log);
    const pid = controller.child.pid!;
    const port = controller.port;
    const started = await waitFor(
      async () => logHas(log, 'became leader') && (await httpOk(port, '/readyz')),
      30_000,
    );
    if (!started) throw new Error(`controller did not start leading; see ${log}`);
    await quietSince(pid, 30_000);

    const r = await measure(client, APP_NAMESPACE, SERVICES, pid, TIMEOUT_MS);
    if (r.allocated < SERVICES) throw new Error(`only ${r.allocated}/${SERVICES} Services got an IP in time`);
    if (process.env.BENCH_HEAP_SNAPSHOT === '1') {
      // Diagnosis: with BENCH_NODE_OPTIONS including --heapsnapshot-signal=SIGUSR2, the controller
      // writes Heap.*.heapsnapshot into the working directory.
      controller.child.kill('SIGUSR2');
      await new Promise((res) => setTimeout(res, 20_000));
    }
    console.error(
      `${SERVICES} Services created in ${r.secondsToCreateAll} s, all allocated after ` +
        `${r.secondsToAllAllocated} s; p50 ${ms1(r.p50Ms)} ms, p99 ${ms1(r.p99Ms)} ms (after the create ` +
        `response: p50 ${ms1(r.p50AfterCreatedMs)} ms, p99 ${ms1(r.p99AfterCreatedMs)} ms), controller ` +
        `rss ${r.rssMB} MB (peak ${r.peakRssMB}), ${r.cpuSeconds} s of CPU`,
    );
    return {
      secondsToAllAllocated: { value: r.secondsToAllAllocated ?? -1, unit: 's' },
      p50LatencyMs: { value: ms1(r.p50Ms), unit: 'ms' },
      p99LatencyMs: { value: ms1(r.p99Ms), unit: 'ms' },
      rssMB: { value: r.rssMB, unit: 'MB (controller process, VmRSS)' },
      rssPeakMB: { value: r.peakRssMB, unit: 'MB (controller process, VmHWM)' },
      // The controller process started, leading and idle before the first create.
      rssBaselineMB: { value: r.idleRssMB, unit: 'MB' },
      p50AfterCreatedMs: { value: ms1(r.p50AfterCreatedMs), unit: 'ms' },
      p99AfterCreatedMs: { value: ms1(r.p99AfterCreatedMs), unit: 'ms' },
      // CPU of the controller process from the first create to the last IP.
      controllerCpuSeconds: { value: r.cpuSeconds, unit: 's' },
      secondsToCreateAll: { value: r.secondsToCreateAll, unit: 's' },
      services: { value: SERVICES, unit: 'services' },
      loadavgStart: { value: r.loadavgStart, unit: 'load' },
      loadavgEnd: { value: r.loadavgEnd, unit: 'load' },
      loadavgAfter: { value: load1(), unit: 'load' },
    };
  } finally {
    offInterrupt();
    await cleanup();
  }
}
