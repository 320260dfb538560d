// Shared by the controller's integration tests: controller roles in-process against the local
// control plane, each test file in a MetalLB namespace of its own, Services and pools written with
// plain requests, and the controller's log lines captured.
import { testRoleContext } from '../test-role-context';
import Router from '@koa/router';
import type { KubeConfig, V1Service } from '@kubernetes/client-node';
import pino from 'pino';
import { kubectl, testKubeConfig, uniqueName, waitFor } from '../../integration-tests/cluster/test-env';
import { KUBE_KINDS, resourcePath } from '../../api/kinds';
import type { IPAddressPoolSpec } from '../../api/types';
import { installCRDs } from '../../k8s/crds';
import { ApiClient } from '../../k8s/api-client';
import { isStatus } from '../../k8s/errors';
import { startController, type RunningController } from './role';
import { controllerSettings, type ControllerSettings } from './settings';

export interface ServiceOptions {
  ns: string;
  name: string;
  annotations?: Record<string, string>;
  labels?: Record<string, string>;
  ports?: { port: number; protocol?: string }[];
  loadBalancerIP?: string;
  loadBalancerClass?: string | null;
  ipFamilyPolicy?: 'SingleStack' | 'PreferDualStack' | 'RequireDualStack';
  ipFamilies?: ('IPv4' | 'IPv6')[];
  type?: string;
}

export interface KubeEvent {
  type: string;
  reason: string;
  message: string;
  count?: number;
  involvedObject: { name: string; uid?: string };
}

export interface TestController extends RunningController {
  /** Every JSON line the controller logged. */
  lines: Record<string, unknown>[];
  router: Router;
}

export class ControllerHarness {
  readonly kc: KubeConfig = testKubeConfig();
  readonly client = ApiClient.fromKubeConfig(this.kc, { maxSockets: 32 });
  readonly ns = uniqueName('mlb-ctl');
  /** Services of this class belong to the harness' controllers (other test files' Services do not). */
  readonly lbClass = `metallb.io/itest-${this.ns}`;
  private readonly namespaces = new Set<string>();
  private readonly running = new Set<TestController>();

  async setup(): Promise<void> {
    await installCRDs(this.client);
    await this.namespace(this.ns);
  }

  async cleanup(): Promise<void> {
    await Promise.all([...this.running].map((c) => c.stop().catch(() => undefined)));
    for (const ns of this.namespaces) {
      await kubectl(['delete', 'namespace', ns, '--wait=false']).catch(() => undefined);
    }
    this.client.close();
  }

  /** A namespace deleted at cleanup. */
  async namespace(name: string, labels: Record<string, string> = {}): Promise<string> {
    await this.client.create(resourcePath(KUBE_KINDS.Namespace), {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels },
    });
    this.namespaces.add(name);
    return name;
  }

  async start(over: Partial<ControllerSettings> = {}, namespace = this.ns): Promise<TestController> {
    const lines: Record<string, unknown>[] = [];
    const log = pino(
      { level: 'info' },
      { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
    );
    const router = new Router();
    const ctx = testRoleContext(this.kc, { log, namespace, router, dev: true });
    const settings: ControllerSettings = {
      ...controllerSettings(ctx, {}),
      lbClass: this.lbClass,
      identity: uniqueName('ctl'),
      ...over,
    };
    const c = await startController(ctx, settings);
    const t: TestController = {
      ...c,
      lines,
      router,
      stop: async () => {
        this.running.delete(t);
        await c.stop();
      },
    };
    this.running.add(t);
    return t;
  }

  /** Starts a controller and waits until it leads with its configuration loaded. */
  async startLeader(over: Partial<ControllerSettings> = {}, namespace = this.ns): Promise<TestController> {
    const c = await this.start(over, namespace);
    await waitFor('controller leading', async () => c.isLeader() && !!c.allocator());
    return c;
  }

  async pool(name: string, spec: IPAddressPoolSpec, namespace = this.ns): Promise<void> {
    await kubectl(
      ['apply', '-f', '-'],
      JSON.stringify({
        apiVersion: 'metallb.io/v1beta1',
        kind: 'IPAddressPool',
        metadata: { name, namespace },
        spec,
      }),
    );
  }

  async deletePool(name: string, namespace = this.ns): Promise<void> {
    await kubectl(['delete', 'ipaddresspool', name, '-n', namespace]);
  }

  async service(o: ServiceOptions): Promise<V1Service> {
    return this.client.create<V1Service>(resourcePath(KUBE_KINDS.Service, { namespace: o.ns }), {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: o.name, annotations: o.annotations, labels: o.labels },
      spec: {
        type: o.type ?? 'LoadBalancer',
        selector: { app: o.name },
        ports: o.ports ?? [{ port: 80, protocol: 'TCP' }],
        loadBalancerIP: o.loadBalancerIP,
        loadBalancerClass: o.loadBalancerClass === null ? undefined : (o.loadBalancerClass ?? this.lbClass),
        ipFamilyPolicy: o.ipFamilyPolicy,
        ipFamilies: o.ipFamilies,
      },
    });
  }

  /** Creates many Services, 32 requests in flight. */
  async services(all: ServiceOptions[]): Promise<void> {
    let next = 0;
    const one = async () => {
      for (let i = next++; i < all.length; i = next++) await this.service(all[i]!);
    };
    await Promise.all(Array.from({ length: 32 }, one));
  }

  async patchService(ns: string, name: string, patch: unknown): Promise<V1Service> {
    return this.client.mergePatch<V1Service>(
      resourcePath(KUBE_KINDS.Service, { namespace: ns, name }),
      patch,
    );
  }

  async deleteService(ns: string, name: string): Promise<void> {
    await this.client.delete(resourcePath(KUBE_KINDS.Service, { namespace: ns, name }));
  }

  async getService(ns: string, name: string): Promise<V1Service | undefined> {
    try {
      return await this.client.get<V1Service>(resourcePath(KUBE_KINDS.Service, { namespace: ns, name }));
    } catch (err) {
      if (isStatus(err, 404)) return undefined;
      throw err;
    }
  }

  async listServices(ns: string): Promise<V1Service[]> {
    return (await this.client.list<V1Service>(resourcePath(KUBE_KINDS.Service, { namespace: ns }))).items;
  }

  /** Waits for the Service's ingress IPs (in order) to be non-empty, and returns them. */
  async ingress(ns: string, name: string, timeoutMs = 15_000): Promise<string[]> {
    return waitFor(
      `ingress of ${ns}/${name}`,
      async () => {
        const ips = ingressIPs(await this.getService(ns, name));
        return ips.length > 0 && ips;
      },
      timeoutMs,
    );
  }

  async events(ns: string, name: string): Promise<KubeEvent[]> {
    return (
      await this.client.list<KubeEvent>(resourcePath(KUBE_KINDS.Event, { namespace: ns }), {
        fieldSelector: `involvedObject.name=${name},involvedObject.kind=Service`,
      })
    ).items;
  }

  /** Waits for an event of this reason on the Service and returns it. */
  async event(ns: string, name: string, reason: string, timeoutMs = 15_000): Promise<KubeEvent> {
    return waitFor(
      `event ${reason} on ${ns}/${name}`,
      async () => (await this.events(ns, name)).find((e) => e.reason === reason),
      timeoutMs,
    );
  }
}

export function ingressIPs(svc: V1Service | undefined): string[] {
  return (svc?.status?.loadBalancer?.ingress ?? []).flatMap((i) => (i.ip ? [i.ip] : []));
}

export function allocatedPool(svc: V1Service | undefined): string | undefined {
  return svc?.metadata?.annotations?.['metallb.io/ip-allocated-from-pool'];
}
