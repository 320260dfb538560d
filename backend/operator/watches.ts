// Everything the operator reacts to, as list+watch caches: the MetalLB objects in its namespace,
// the operand objects (by our labels; namespaced kinds in the namespace, cluster-scoped ones
// cluster-wide), and the optional APIs: OperatorGroups when OLM is installed and ConsolePlugins
// on OpenShift, looked up again periodically since add-ons come and go.
import type { KubernetesObject } from '@kubernetes/client-node';
import { apiVersionOf, KUBE_KINDS, METALLB_KINDS, type ResourceKind } from '../../api/kinds';
import type { MetalLB } from '../../api/types';
import type { ApiClient } from '../../k8s/api-client';
import { errorMessage } from '../../k8s/errors';
import { Reflector } from '../../k8s/reflector';
import type { Logger } from '../../k8s/log';
import type { OperatorGroupLike } from './install-mode';
import type { LiveObject, ObjectRef } from './operand';
import { OPERAND_SELECTOR } from './render/labels';
import { MANAGED_KINDS } from './render/kinds';

/** A sync that cannot finish within this time is logged and not waited for any longer. */
const OPTIONAL_SYNC_TIMEOUT_MS = 10_000;

const kindKey = (apiVersion: string, kind: string) => `${apiVersion}/${kind}`;
const keyOf = (r: ResourceKind) => kindKey(apiVersionOf(r), r.kind);
const CONSOLE_PLUGIN = KUBE_KINDS.ConsolePlugin;
const OPERATOR_GROUP = KUBE_KINDS.OperatorGroup;

export class OperatorWatches {
  private readonly metallb: Reflector<KubernetesObject>;
  private readonly operand = new Map<string, Reflector<KubernetesObject>>();
  private operatorGroups: Reflector<KubernetesObject> | undefined;
  private discoveryTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** True once every cache holds a full list: only then is "absent" trustworthy. */
  synced = false;

  constructor(
    private readonly client: ApiClient,
    private readonly namespace: string,
    private readonly log: Logger,
    private readonly discoveryIntervalMs: number,
    /** Called on every change of anything watched. */
    private readonly onChange: (why: string) => void,
  ) {
    this.metallb = this.reflector(METALLB_KINDS.MetalLB, undefined);
  }

  /** Starts everything; resolves once the caches are synced (then `synced` is true). */
  async start(): Promise<void> {
    // Without discovery the optional APIs count as absent; the periodic lookup retries.
    await this.discover().catch((err: Error) => this.log.warn({ err: err.message }, 'API discovery failed'));
    const required = MANAGED_KINDS.filter((k) => k.kind !== CONSOLE_PLUGIN.kind).map((k) => {
      const r = this.reflector(k, OPERAND_SELECTOR);
      this.operand.set(keyOf(k), r);
      return r;
    });
    await Promise.all([this.metallb.start(), ...required.map((r) => r.start())]);
    if (this.stopped) return;
    this.synced = true;
    this.scheduleDiscovery();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.discoveryTimer);
    this.metallb.stop();
    for (const r of this.operand.values()) r.stop();
    this.operatorGroups?.stop();
  }

  metallbs(): MetalLB[] {
    return this.metallb.list() as unknown as MetalLB[];
  }

  /** Every cached operand object (ours by label), namespaced and cluster-scoped. */
  operandObjects(): LiveObject[] {
    return [...this.operand.values()].flatMap((r) => r.list() as LiveObject[]);
  }

  cached(ref: ObjectRef): LiveObject | undefined {
    return this.operandReflector(ref)?.get(ref.name, ref.namespace ?? '') as LiveObject | undefined;
  }

  operatorGroupList(): OperatorGroupLike[] {
    return (this.operatorGroups?.list() ?? []) as OperatorGroupLike[];
  }

  get hasConsolePluginAPI(): boolean {
    return this.operand.has(keyOf(CONSOLE_PLUGIN));
  }

  private operandReflector(k: { apiVersion: string; kind: string }): Reflector<KubernetesObject> | undefined {
    return this.operand.get(kindKey(k.apiVersion, k.kind));
  }

  private reflector(k: ResourceKind, labelSelector: string | undefined): Reflector<KubernetesObject> {
    const r = new Reflector<KubernetesObject>(this.client, {
      resource: k,
      ...(k.namespaced ? { namespace: this.namespace } : {}),
      ...(labelSelector ? { labelSelector } : {}),
    });
    const changed = (o: KubernetesObject) => this.onChange(`${k.kind} ${o.metadata?.name ?? ''}`);
    r.on('add', changed);
    r.on('update', changed);
    r.on('delete', changed);
    r.on('error', (err) => this.log.warn({ kind: k.kind, err: errorMessage(err) }, 'watch failed; retrying'));
    return r;
  }

  private scheduleDiscovery(): void {
    if (this.stopped) return;
    this.discoveryTimer = setTimeout(() => {
      void this.discover()
        .catch((err: Error) => this.log.warn({ err: err.message }, 'API discovery failed'))
        .finally(() => this.scheduleDiscovery());
    }, this.discoveryIntervalMs);
  }

  /** Starts or stops the caches of optional APIs to match what the API server serves now. */
  private async discover(): Promise<void> {
    const [ogServed, pluginServed] = await Promise.all([
      this.client.servesKind(apiVersionOf(OPERATOR_GROUP), OPERATOR_GROUP.kind),
      this.client.servesKind(apiVersionOf(CONSOLE_PLUGIN), CONSOLE_PLUGIN.kind),
    ]);
    if (this.stopped) return;
    const changes: Promise<void>[] = [];
    if (ogServed && !this.operatorGroups) {
      const r = this.reflector(OPERATOR_GROUP, undefined);
      this.operatorGroups = r;
      changes.push(this.startOptional(r, OPERATOR_GROUP.kind));
    } else if (!ogServed && this.operatorGroups) {
      this.operatorGroups.stop();
      this.operatorGroups = undefined;
      changes.push(Promise.resolve());
    }
    const pluginKey = keyOf(CONSOLE_PLUGIN);
    const plugins = this.operand.get(pluginKey);
    if (pluginServed && !plugins) {
      const r = this.reflector(CONSOLE_PLUGIN, OPERAND_SELECTOR);
      this.operand.set(pluginKey, r);
      changes.push(this.startOptional(r, CONSOLE_PLUGIN.kind));
    } else if (!pluginServed && plugins) {
      plugins.stop();
      this.operand.delete(pluginKey);
      changes.push(Promise.resolve());
    }
    if (changes.length === 0) return;
    await Promise.all(changes);
    this.log.info({ operatorGroups: ogServed, consolePlugins: pluginServed }, 'optional APIs changed');
    if (this.synced) this.onChange('API discovery');
  }

  /** Waits for an optional cache, but not forever: a broken add-on must not stall the operator. */
  private async startOptional(r: Reflector<KubernetesObject>, kind: string): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), OPTIONAL_SYNC_TIMEOUT_MS);
    });
    const result = await Promise.race([r.start().then(() => 'synced' as const), timeout]);
    clearTimeout(timer);
    if (result === 'timeout') this.log.warn({ kind }, 'cache not synced yet; continuing without waiting');
  }
}
