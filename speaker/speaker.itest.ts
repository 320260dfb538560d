// The speaker end to end in BGP mode: startSpeaker in-process for node-0 against the test control
// plane, with GoBGP (gobgpd) on loopback as the router. The speaker connects from 127.0.0.1 to
// gobgpd's BGP port (a free one; gobgpd's neighbor 127.0.0.1 is passive), announces the Service's
// IP, and reports the session, the Service's BGP status and its ConfigurationState.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { KUBE_KINDS, METALLB_KINDS, resourcePath, type MetalLBKindName } from '../api/kinds';
import type { BGPSessionState, ConfigurationState, ServiceBGPStatus } from '../api/types';

import { createLogger } from '../k8s/log';
import { uniqueName, waitFor } from '../integration-tests/cluster/test-env';
import { startSpeaker, type Speaker } from './speaker';
import { StatusTestEnv } from './status/itest-env';

const NODE = 'node-0';
const PEER = 'gobgp';
const PREFIX = '203.0.113.5/32';

function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** A free loopback port in [min, max] (BGPPeer.peerPort is at most 16384). */
async function freePort(min = 10_000, max = 16_384): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const port = min + Math.floor(Math.random() * (max - min + 1));
    if (await canBind(port)) return port;
  }
  throw new Error('no free port');
}

/** gobgpd on loopback: BGP on 127.0.0.1:bgpPort, one passive neighbor 127.0.0.1, API on apiPort. */
class LoopbackGobgp {
  private proc: ChildProcess | undefined;
  private readonly dir = mkdtempSync(path.join(tmpdir(), 'spk-gobgp-'));
  private readonly out: string[] = [];

  constructor(
    readonly bgpPort: number,
    readonly apiPort: number,
    private readonly asn: number,
    private readonly peerAsn: number,
  ) {}

  async start(): Promise<void> {
    const conf = path.join(this.dir, 'gobgpd.toml');
    writeFileSync(
      conf,
      [
        '[global.config]',
        `  as = ${this.asn}`,
        '  router-id = "192.0.2.254"',
        `  port = ${this.bgpPort}`,
        '  local-address-list = ["127.0.0.1"]',
        '',
        '[[neighbors]]',
        '  [neighbors.config]',
        '    neighbor-address = "127.0.0.1"',
        `    peer-as = ${this.peerAsn}`,
        '  [neighbors.transport.config]',
        '    passive-mode = true',
        '  [neighbors.timers.config]',
        '    connect-retry = 1',
        '    hold-time = 9',
        '    keepalive-interval = 3',
        '  [[neighbors.afi-safis]]',
        '    [neighbors.afi-safis.config]',
        '      afi-safi-name = "ipv4-unicast"',
        '',
      ].join('\n'),
    );
    this.proc = spawn('gobgpd', ['-f', conf, '-t', 'toml', '--api-hosts', `127.0.0.1:${this.apiPort}`], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.proc.stdout?.on('data', (c: Buffer) => this.out.push(c.toString()));
    this.proc.stderr?.on('data', (c: Buffer) => this.out.push(c.toString()));
    await waitFor('gobgpd API', async () => this.cli(['global']).includes('AS'), 15_000).catch((err) => {
      throw new Error(`${(err as Error).message}\n${this.logs()}`);
    });
  }

  cli(args: string[]): string {
    return execFileSync('gobgp', ['-u', '127.0.0.1', '-p', String(this.apiPort), ...args], {
      encoding: 'utf8',
      timeout: 5_000,
    });
  }

  hasRoute(prefix: string): boolean {
    const rib = (JSON.parse(this.cli(['global', 'rib', '-a', 'ipv4', '-j'])) ?? {}) as Record<
      string,
      unknown[]
    >;
    return (rib[prefix]?.length ?? 0) > 0;
  }

  /** gobgp's session_state: 1 idle, ..., 6 established (or its name in newer versions). */
  established(): boolean {
    const n = JSON.parse(this.cli(['neighbor', '127.0.0.1', '-j'])) as {
      state?: { session_state?: number | string };
    };
    const s = n.state?.session_state;
    return s === 6 || (typeof s === 'string' && s.toLowerCase().includes('established'));
  }

  logs(): string {
    return this.out.join('').slice(-4000);
  }

  async stop(): Promise<void> {
    const p = this.proc;
    this.proc = undefined;
    if (p && p.exitCode === null) {
      const exited = new Promise((r) => p.once('exit', r));
      p.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3_000))]);
      if (p.exitCode === null) p.kill('SIGKILL');
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

const env = new StatusTestEnv('spk-e2e');
const appNs = uniqueName('spk-e2e-app');
let gobgp: LoopbackGobgp | undefined;
let speaker: Speaker | undefined;

const metallb = (kind: MetalLBKindName) => resourcePath(METALLB_KINDS[kind], { namespace: env.ns });

beforeAll(async () => {
  await env.setup();
  await env.client.create(resourcePath(KUBE_KINDS.Namespace), { metadata: { name: appNs } });
});

afterAll(async () => {
  try {
    await speaker?.stop();
  } finally {
    try {
      await gobgp?.stop();
    } finally {
      await env.client.delete(resourcePath(KUBE_KINDS.Namespace, { name: appNs })).catch(() => undefined);
      await env.cleanup();
    }
  }
});

describe('speaker (BGP mode, GoBGP on loopback)', () => {
  it('announces a Service to GoBGP, reports it, withdraws it, and ends the session on stop', async () => {
    gobgp = new LoopbackGobgp(await freePort(), await freePort(), 64501, 64500);
    await gobgp.start();
    const g = gobgp;
    try {
      await env.client.create(metallb('IPAddressPool'), {
        apiVersion: 'metallb.io/v1beta1',
        kind: 'IPAddressPool',
        metadata: { name: 'pool' },
        spec: { addresses: ['203.0.113.0/28'], autoAssign: false },
      });
      await env.client.create(metallb('BGPAdvertisement'), {
        apiVersion: 'metallb.io/v1beta1',
        kind: 'BGPAdvertisement',
        metadata: { name: 'adv' },
        // Only our Service: other test files' Services may hold 203.0.113.x addresses too.
        spec: { ipAddressPools: ['pool'], serviceSelectors: [{ matchLabels: { 'speaker-itest': appNs } }] },
      });
      await env.client.create(metallb('BGPPeer'), {
        apiVersion: 'metallb.io/v1beta2',
        kind: 'BGPPeer',
        metadata: { name: PEER },
        spec: {
          peerAddress: '127.0.0.1',
          peerPort: g.bgpPort,
          myASN: 64500,
          peerASN: 64501,
          // The fake nodes may carry no IPv4 address, the speaker's default router ID.
          routerID: '192.0.2.10',
          holdTime: '9s',
          connectTime: '1s',
        },
      });
      await env.client.create(resourcePath(KUBE_KINDS.Service, { namespace: appNs }), {
        metadata: {
          name: 'web',
          labels: { 'speaker-itest': appNs },
          annotations: { 'metallb.io/ip-allocated-from-pool': 'pool' },
        },
        spec: { type: 'LoadBalancer', ports: [{ port: 80 }] },
      });
      await env.client.mergePatch(
        resourcePath(KUBE_KINDS.Service, { namespace: appNs, name: 'web', subresource: 'status' }),
        {
          status: { loadBalancer: { ingress: [{ ip: '203.0.113.5' }] } },
        },
      );

      // ETP Cluster Services are advertised only while some endpoint is ready (data only: no
      // traffic goes to this address).
      await env.client.create(resourcePath(KUBE_KINDS.EndpointSlice, { namespace: appNs }), {
        metadata: { name: 'web-1', labels: { 'kubernetes.io/service-name': 'web' } },
        addressType: 'IPv4',
        endpoints: [{ addresses: ['192.0.2.20'], conditions: { ready: true }, nodeName: NODE }],
        ports: [{ port: 80, protocol: 'TCP' }],
      });

      speaker = await startSpeaker({
        client: env.client,
        node: NODE,
        namespace: env.ns,
        debounceMs: 50,
        sessionStateDebounceMs: 100,
        retryMs: 500,
        // GoBGP treats a loopback next hop as invalid (the UPDATE becomes a withdraw): announce a
        // documentation address instead (an attribute only; nothing is routed here).
        nextHops: { v4: '192.0.2.10' },
        ...(process.env.SPEAKER_ITEST_LOG ? { log: createLogger('speaker', 'debug') } : {}),
      });
      const sp = speaker;

      await waitFor('the route in GoBGP', async () => g.hasRoute(PREFIX), 30_000).catch((err) => {
        throw new Error(`${(err as Error).message}\nRIB: ${g.cli(['global', 'rib', '-a', 'ipv4', '-j'])}`);
      });
      const state = await waitFor('BGPSessionState Established with one prefix', async () => {
        const l = await env.list<BGPSessionState>(METALLB_KINDS.BGPSessionState, `metallb.io/node=${NODE}`);
        const s = l.find((o) => o.metadata.labels?.['metallb.io/peer'] === PEER);
        return s?.status?.bgpState === 'Established' && s.status.prefixesSent === 1 ? s : undefined;
      });
      expect(state.status).toMatchObject({
        node: NODE,
        peer: PEER,
        peerAddress: '127.0.0.1',
        bfdState: 'N/A',
      });
      expect(state.status?.establishedSince).toBeTruthy();

      const bgpStatus = await waitFor('the ServiceBGPStatus', async () => {
        const l = await env.list<ServiceBGPStatus>(METALLB_KINDS.ServiceBGPStatus, `metallb.io/node=${NODE}`);
        return l.find((o) => o.status?.serviceNamespace === appNs && o.status.serviceName === 'web');
      });
      expect(bgpStatus.status).toMatchObject({ node: NODE, peers: [PEER] });

      const cs = await waitFor('the speaker ConfigurationState', async () => {
        const l = await env.list<ConfigurationState>(
          METALLB_KINDS.ConfigurationState,
          `metallb.io/node-name=${NODE}`,
        );
        return l.find((o) => o.status?.result !== undefined);
      });
      expect(cs.metadata.name).toBe(`speaker-${NODE}`);
      expect(cs.status?.result).toBe('Valid');
      expect(sp.ready()).toBe(true);

      // Deleting the Service withdraws the route and deletes its ServiceBGPStatus.
      await env.client.delete(resourcePath(KUBE_KINDS.Service, { namespace: appNs, name: 'web' }));
      await waitFor('the route withdrawn', async () => !g.hasRoute(PREFIX));
      await waitFor('the ServiceBGPStatus deleted', async () => {
        const l = await env.list<ServiceBGPStatus>(METALLB_KINDS.ServiceBGPStatus, `metallb.io/node=${NODE}`);
        return !l.some((o) => o.status?.serviceNamespace === appNs);
      });
      await waitFor('prefixesSent 0', async () => {
        const l = await env.list<BGPSessionState>(METALLB_KINDS.BGPSessionState, `metallb.io/node=${NODE}`);
        return l.find((o) => o.metadata.labels?.['metallb.io/peer'] === PEER)?.status?.prefixesSent === 0;
      });

      // Stopping the speaker ends the session (Cease): GoBGP's neighbor leaves Established.
      expect(g.established()).toBe(true);
      await sp.stop();
      speaker = undefined;
      await waitFor('the GoBGP neighbor down', async () => !g.established(), 15_000);
      // Its session state goes with it (stale "Established" would be wrong).
      expect(
        await env.list<BGPSessionState>(METALLB_KINDS.BGPSessionState, `metallb.io/node=${NODE}`),
      ).toEqual([]);
    } catch (err) {
      throw new Error(`${(err as Error).message}\n--- gobgpd ---\n${g.logs()}`);
    }
  });

  it('main.ts serves /healthz and /readyz and exits cleanly on SIGTERM', async () => {
    const port = await freePort();
    const out: string[] = [];
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'main.ts')], {
      env: {
        ...process.env,
        KUBECONFIG: inject('kubeconfig'),
        METALLB_NODE_NAME: 'node-1',
        METALLB_NAMESPACE: env.ns,
        METALLB_HTTP_HOST: '127.0.0.1',
        METALLB_HTTP_PORT: String(port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (c: Buffer) => out.push(c.toString()));
    child.stderr?.on('data', (c: Buffer) => out.push(c.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    const get = async (p: string) => (await fetch(`http://127.0.0.1:${port}${p}`)).status;
    try {
      await waitFor('/readyz 200', async () => (await get('/readyz')) === 200, 30_000);
      expect(await get('/healthz')).toBe(200);
      expect(await get('/nope')).toBe(404);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } catch (err) {
      throw new Error(`${(err as Error).message}\n${out.join('').slice(-3000)}`);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
