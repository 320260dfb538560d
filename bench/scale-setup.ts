// Parts of `npm run bench -- scale`: the configuration (pools split between Layer 2 and BGP, one
// BGP peer on loopback that never answers), the controller and the speaker as production bundles,
// and reading the speaker's per-pass "planned" debug lines (planMs: snapshot + desiredState).
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { ENV } from '../api/operand';
import { KUBE_KINDS, METALLB_KINDS, resourcePath } from '../api/kinds';
import type { ApiClient } from '../k8s/api-client';
import { freePort } from '../integration-tests/cluster/ports';
import { imageNodeOptions, spawnBundle } from './process-setup';

export const NAMESPACE = 'metallb-system';
export const APP_NAMESPACE = 'bench';

export const poolName = (k: number) => `pool-${k}`;

/**
 * `pools` pools of a /22 each from 198.18.0.0/15 (RFC 2544 benchmarking addresses); the first
 * half announced by Layer 2, the second half by BGP to one peer at 127.0.0.1 on a port nothing
 * listens on (the speaker plans the session and its routes; its connection attempts stay on
 * loopback and are refused).
 */
export async function configure(client: ApiClient, pools: number): Promise<{ bgpPools: string[] }> {
  for (const name of [NAMESPACE, APP_NAMESPACE])
    await client.create(resourcePath(KUBE_KINDS.Namespace), {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name },
    });
  const create = (kind: keyof typeof METALLB_KINDS, body: Record<string, unknown>) =>
    client.create(resourcePath(METALLB_KINDS[kind], { namespace: NAMESPACE }), body);
  const names = Array.from({ length: pools }, (_, k) => poolName(k));
  for (const [k, name] of names.entries())
    await create('IPAddressPool', {
      apiVersion: 'metallb.io/v1beta1',
      kind: 'IPAddressPool',
      metadata: { name },
      spec: { addresses: [`198.18.${4 * k}.0/22`] },
    });
  const half = Math.ceil(pools / 2);
  await create('L2Advertisement', {
    apiVersion: 'metallb.io/v1beta1',
    kind: 'L2Advertisement',
    metadata: { name: 'l2' },
    spec: { ipAddressPools: names.slice(0, half) },
  });
  const bgpPools = names.slice(half);
  if (bgpPools.length > 0) {
    await create('BGPAdvertisement', {
      apiVersion: 'metallb.io/v1beta1',
      kind: 'BGPAdvertisement',
      metadata: { name: 'bgp' },
      spec: { ipAddressPools: bgpPools },
    });
    await create('BGPPeer', {
      apiVersion: 'metallb.io/v1beta2',
      kind: 'BGPPeer',
      metadata: { name: 'router' },
      spec: { myASN: 64512, peerASN: 64513, peerAddress: '127.0.0.1', peerPort: await closedLowPort() },
    });
  }
  return { bgpPools };
}

/** A loopback port <= 16384 (the CRD's bound) that nothing listens on now. */
async function closedLowPort(): Promise<number> {
  for (let tries = 0; tries < 50; tries++) {
    const port = 10_000 + Math.floor(Math.random() * 6000);
    const srv = createServer();
    const ok = await new Promise<boolean>((resolve) => {
      srv.once('error', () => resolve(false));
      srv.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (ok) {
      await new Promise((r) => srv.close(r));
      return port;
    }
  }
  throw new Error('no free loopback port below 16384');
}

export interface Controller {
  child: ChildProcess;
  port: number;
}

/** dist-server/backend.js --roles controller; the same identity across restarts. */
export async function startController(kubeconfig: string, logFile: string): Promise<Controller> {
  const port = await freePort();
  const child = spawnBundle(
    'backend',
    ['--roles', 'controller'],
    {
      KUBECONFIG: kubeconfig,
      METALLB_NAMESPACE: NAMESPACE,
      METALLB_HTTP_HOST: '127.0.0.1',
      METALLB_HTTP_PORT: String(port),
      // Metrics on the HTTP port (as in the operand), not a second listener on 7472.
      METALLB_METRICS_PORT: String(port),
      METALLB_LOG_LEVEL: 'info',
      [ENV.podName]: 'bench-controller',
    },
    logFile,
  );
  return { child, port };
}

export async function httpOk(port: number, path: string): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

/** Gauges of a process's /metrics page (prom-client's default metrics), by name; {} if unreachable. */
export async function processGauges(port: number): Promise<Record<string, number>> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/metrics`, { signal: AbortSignal.timeout(5000) });
    const out: Record<string, number> = {};
    for (const line of (await res.text()).split('\n')) {
      const m = /^(nodejs_\w+|process_\w+) ([0-9.e+-]+)$/.exec(line);
      if (m) out[m[1]!] = Number(m[2]);
    }
    return out;
  } catch {
    return {};
  }
}

/**
 * dist-server/speaker.js for `node` at debug level (one "planned" line per pass), without Layer 2
 * privileges: as root it runs under setpriv with CAP_NET_RAW and CAP_NET_ADMIN out of its bounding
 * and inheritable sets, so Layer 2 stays off (it would answer ARP on this machine's interfaces);
 * no memberlist key (an empty key directory), so no gossip; no BGP listener.
 */
export async function startSpeaker(
  kubeconfig: string,
  node: string,
  logFile: string,
  keyDir: string,
  extraNodeOptions = '',
): Promise<{ child: ChildProcess; port: number }> {
  mkdirSync(keyDir, { recursive: true });
  const nodeOptions =
    `${process.env.BENCH_NODE_OPTIONS ?? imageNodeOptions('speaker')} ${extraNodeOptions}`.trim();
  const port = await freePort();
  const root = process.getuid?.() === 0;
  const wrapper = root
    ? ['setpriv', '--inh-caps=-all', '--ambient-caps=-all', '--bounding-set=-net_raw,-net_admin']
    : [];
  const child = spawnBundle(
    'speaker',
    ['--node', node, '--bgp-port', '0'],
    {
      KUBECONFIG: kubeconfig,
      METALLB_NAMESPACE: NAMESPACE,
      METALLB_HTTP_HOST: '127.0.0.1',
      METALLB_HTTP_PORT: String(port),
      METALLB_LOG_LEVEL: 'debug',
      [ENV.mlSecretKeyPath]: keyDir,
      ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}),
    },
    logFile,
    wrapper,
  );
  return { child, port };
}

export interface Pass {
  /** Wall-clock time of the log line (ms since the epoch). */
  at: number;
  planMs: number;
  routes: number;
}

/** The speaker's passes so far, from its "planned" debug lines. */
export function passes(logFile: string): Pass[] {
  const out: Pass[] = [];
  for (const line of readFileSync(logFile, 'utf8').split('\n')) {
    if (!line.includes('"msg":"planned"')) continue;
    try {
      const j = JSON.parse(line) as { time: string; planMs?: number; sessions?: { routes: number }[] };
      out.push({
        at: Date.parse(j.time),
        planMs: j.planMs ?? -1,
        routes: (j.sessions ?? []).reduce((n, s) => n + s.routes, 0),
      });
    } catch {
      // a line cut by the process's end
    }
  }
  return out;
}

/** The speaker's errors and warnings, counted by message (to spot a misbehaving run). */
export function complaints(logFile: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of readFileSync(logFile, 'utf8').split('\n')) {
    const m = /"level":"(warn|error|fatal)".*"msg":"([^"]*)"/.exec(line);
    if (m) out[`${m[1]}: ${m[2]}`] = (out[`${m[1]}: ${m[2]}`] ?? 0) + 1;
  }
  return out;
}

/**
 * One EndpointSlice per Service `svc-i` (they have no selector) with one ready endpoint on node
 * `node-(i mod nodes)`, its address from the Pod range kwok uses (TEST-NET-3, never routed): a
 * Service without a ready endpoint is announced by no speaker.
 */
export async function createEndpoints(client: ApiClient, services: number, nodes: number): Promise<void> {
  let next = 0;
  const one = async () => {
    for (let i = next++; i < services; i = next++) {
      const name = `svc-${i}`;
      await client.create(resourcePath(KUBE_KINDS.EndpointSlice, { namespace: APP_NAMESPACE }), {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: {
          name: `${name}-bench`,
          labels: {
            'kubernetes.io/service-name': name,
            'endpointslice.kubernetes.io/managed-by': 'bench.metallb-ts',
          },
        },
        addressType: 'IPv4',
        ports: [{ name: '', port: 80, protocol: 'TCP' }],
        endpoints: [
          {
            addresses: [`203.0.113.${128 + (i % 64)}`],
            conditions: { ready: true, serving: true, terminating: false },
            nodeName: `node-${i % nodes}`,
          },
        ],
      });
    }
  };
  await Promise.all(Array.from({ length: 32 }, one));
}

/** Whether the log has a line with this message. */
export function logHas(logFile: string, msg: string): boolean {
  return readFileSync(logFile, 'utf8').includes(`"msg":"${msg}"`);
}
