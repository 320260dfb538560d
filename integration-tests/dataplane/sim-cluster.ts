// A small simulated cluster on one machine: a real control plane (apiserver only), N node
// namespaces and a client namespace on one bridge, a Node object per node namespace (InternalIP = its eth0
// address), the metallb.io CRDs, and a real speaker process per node, running in the root
// namespace (it reaches the apiserver on loopback) with its ARP/NDP and gossip sockets in its
// node's namespace (--netns). Each node namespace serves HTTP on port 8080 for the VIPs routed to
// it locally (what kube-proxy does), answering with the node's name.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { KubeConfig } from '@kubernetes/client-node';
import { KUBE_KINDS, METALLB_KINDS, resourcePath } from '../../api/kinds';
import { ApiClient } from '../../k8s/api-client';
import { installCRDs } from '../../k8s/crds';
import { startControlPlane, type ControlPlane } from '../cluster/control-plane';
import type { Testbed } from './netns';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, '../..');
export const NAMESPACE = 'metallb-system';
export const APP_NAMESPACE = 'apps';

export interface SimNode {
  name: string;
  ns: string;
  ipv4: string;
  ipv6: string;
  mac: string;
  /** Its port on the switch (cut it to partition the node). */
  port: string;
  speaker?: ChildProcess;
  output: string[];
}

export interface SimCluster {
  cp: ControlPlane;
  client: ApiClient;
  nodes: SimNode[];
  clientNs: string;
  startSpeaker(node: SimNode, extraArgs?: string[]): ChildProcess;
  stop(): Promise<void>;
}

const v4 = (i: number) => `192.0.2.${10 + i}`;
const v6 = (i: number) => `2001:db8::${(10 + i).toString(16)}`;
export const CLIENT_V4 = '192.0.2.100';
export const CLIENT_V6 = '2001:db8::100';

/** HTTP server answering its node's name, for the VIPs routed to the namespace. */
const HTTP_SERVER = `require('http').createServer((q, s) => s.end(process.argv[1])).listen(8080, '::')`;

export interface SimClusterOptions {
  /** Extra environment of the speakers. */
  env?: Record<string, string>;
  /**
   * Run the production bundle (dist-server/speaker.js, built by the caller) instead of the
   * sources under tsx: what benchmarks measure, as users run it.
   */
  bundle?: boolean;
}

export async function startSimCluster(
  tb: Testbed,
  count: number,
  { env = {}, bundle = false }: SimClusterOptions = {},
): Promise<SimCluster> {
  const nodes: SimNode[] = [];
  for (let i = 1; i <= count; i++) {
    const name = `node-${i}`;
    tb.addNamespace(name);
    const port = tb.attach(name, { ipv4: `${v4(i)}/24`, ipv6: `${v6(i)}/64` });
    const mac = tb.exec(name, 'cat', ['/sys/class/net/eth0/address']).trim();
    tb.spawn(name, process.execPath, ['-e', HTTP_SERVER, name]);
    nodes.push({ name, ns: tb.ns(name), ipv4: v4(i), ipv6: v6(i), mac, port, output: [] });
  }
  tb.addNamespace('client');
  tb.attach('client', { ipv4: `${CLIENT_V4}/24`, ipv6: `${CLIENT_V6}/64` });

  const cp = await startControlPlane({ nodes: 0, log: () => undefined });
  const kc = new KubeConfig();
  kc.loadFromFile(cp.kubeconfig);
  const client = ApiClient.fromKubeConfig(kc);
  await installCRDs(client);
  for (const name of [NAMESPACE, APP_NAMESPACE])
    await client.create(resourcePath(KUBE_KINDS.Namespace), {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name },
    });
  for (const n of nodes) {
    await client.create(resourcePath(KUBE_KINDS.Node), {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: n.name, labels: { 'kubernetes.io/hostname': n.name } },
    });
    await client.mergePatch(resourcePath(KUBE_KINDS.Node, { name: n.name, subresource: 'status' }), {
      status: {
        addresses: [
          { type: 'InternalIP', address: n.ipv4 },
          { type: 'InternalIP', address: n.ipv6 },
          { type: 'Hostname', address: n.name },
        ],
        conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'simulated' }],
      },
    });
  }
  // Kept after the run (test-results/ is ignored by git): a failed dataplane run is diagnosed from
  // these; in a temp dir they went with the Testbed.
  const speakerLog = path.join(ROOT, 'test-results', 'dataplane', tb.prefix);
  mkdirSync(speakerLog, { recursive: true });
  // The memberlist Secret as the operator renders it and the kubelet mounts it.
  const mlKeyDir = tb.tempDir('memberlist');
  writeFileSync(path.join(mlKeyDir, 'secretkey'), randomBytes(128));
  const startSpeaker = (node: SimNode, extraArgs: string[] = []) => {
    const child = spawn(
      process.execPath,
      [
        ...(bundle
          ? [path.join(ROOT, 'dist-server/speaker.js')]
          : ['--import', 'tsx', path.join(ROOT, 'speaker/main.ts')]),
        '--node',
        node.name,
        '--netns',
        node.ns,
        '--namespace',
        NAMESPACE,
        '--http-host',
        '127.0.0.1',
        '--http-port',
        '0',
        '--log-level',
        'debug',
        ...extraArgs,
      ],
      {
        cwd: ROOT,
        env: { ...process.env, KUBECONFIG: cp.kubeconfig, METALLB_ML_SECRET_KEY_PATH: mlKeyDir, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stdout?.on('data', (c: Buffer) => node.output.push(c.toString()));
    child.stderr?.on('data', (c: Buffer) => node.output.push(c.toString()));
    child.on('exit', () => {
      // Best effort: a log that cannot be kept must not fail the run it would help diagnose.
      try {
        mkdirSync(speakerLog, { recursive: true });
        writeFileSync(path.join(speakerLog, `${node.name}.log`), node.output.join(''));
      } catch {
        // nothing to do
      }
    });
    node.speaker = child;
    return child;
  };
  return {
    cp,
    client,
    nodes,
    clientNs: tb.ns('client'),
    startSpeaker,
    async stop() {
      for (const n of nodes) if (n.speaker && n.speaker.exitCode === null) n.speaker.kill('SIGKILL');
      client.close();
      await cp.stop();
    },
  };
}

/** A pool, an L2Advertisement for it, and a LoadBalancer Service with `ips` as its status. */
export async function createL2Service(
  c: SimCluster,
  o: ServiceSpec & { pool?: string; advertisement?: Record<string, unknown> },
): Promise<void> {
  const pool = o.pool ?? 'pool';
  await createPool(c, pool, ['192.0.2.200-192.0.2.220', '2001:db8::200-2001:db8::220']);
  await createConfig(c, 'L2Advertisement', `l2-${pool}`, { ipAddressPools: [pool], ...o.advertisement });
  await createLoadBalancer(c, o);
}

export interface ServiceSpec {
  name: string;
  ips: string[];
  local?: boolean;
  /** Nodes with a ready endpoint; default all. */
  endpointsOn?: string[];
}

/** An IPAddressPool (kept when it exists). */
export async function createPool(c: SimCluster, name: string, addresses: string[]): Promise<void> {
  await createConfig(c, 'IPAddressPool', name, { addresses });
}

/** A metallb.io object in the MetalLB namespace; one that exists is left as it is. */
export async function createConfig(
  c: SimCluster,
  kind: 'IPAddressPool' | 'L2Advertisement' | 'BGPAdvertisement' | 'BGPPeer' | 'BFDProfile' | 'Community',
  name: string,
  spec: Record<string, unknown>,
): Promise<void> {
  const k = METALLB_KINDS[kind];
  await c.client
    .create(resourcePath(k, { namespace: NAMESPACE }), {
      apiVersion: `${k.group}/${k.version}`,
      kind,
      metadata: { name, namespace: NAMESPACE },
      spec,
    })
    .catch((err: { status?: number }) => {
      if (err.status !== 409) throw err;
    });
}

/**
 * A LoadBalancer Service with its EndpointSlice, then `ips` as its status (no controller runs: the
 * test plays its part). Resolves with the time the status was written: when the IP "was assigned".
 */
export async function createLoadBalancer(c: SimCluster, o: ServiceSpec): Promise<number> {
  await c.client.create(resourcePath(KUBE_KINDS.EndpointSlice, { namespace: APP_NAMESPACE }), {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: `${o.name}-1`,
      namespace: APP_NAMESPACE,
      labels: { 'kubernetes.io/service-name': o.name },
    },
    addressType: 'IPv4',
    endpoints: (o.endpointsOn ?? c.nodes.map((n) => n.name)).map((nodeName, i) => ({
      addresses: [`10.244.${i}.10`],
      conditions: { ready: true, serving: true },
      nodeName,
    })),
    ports: [{ port: 8080, protocol: 'TCP' }],
  });
  await c.client.create(resourcePath(KUBE_KINDS.Service, { namespace: APP_NAMESPACE }), {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: o.name, namespace: APP_NAMESPACE },
    spec: {
      type: 'LoadBalancer',
      ipFamilyPolicy: o.ips.length > 1 ? 'PreferDualStack' : 'SingleStack',
      ipFamilies: o.ips.map((ip) => (ip.includes(':') ? 'IPv6' : 'IPv4')),
      ports: [{ port: 8080, protocol: 'TCP' }],
      selector: { app: o.name },
      ...(o.local ? { externalTrafficPolicy: 'Local' } : {}),
    },
  });
  const assignedAt = Date.now();
  await c.client.mergePatch(
    resourcePath(KUBE_KINDS.Service, { namespace: APP_NAMESPACE, name: o.name, subresource: 'status' }),
    { status: { loadBalancer: { ingress: o.ips.map((ip) => ({ ip })) } } },
  );
  return assignedAt;
}
