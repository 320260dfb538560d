// What the controller watches: Services in every namespace, the IPAddressPools and Communities of
// the MetalLB namespace, and Namespaces (their labels resolve pools' namespaceSelectors).
import type { KubernetesObject, V1Namespace, V1Service } from '@kubernetes/client-node';
import { KUBE_KINDS, METALLB_KINDS } from '../../api/kinds';
import { CONFIGURATION_STATE } from '../../api/operand';
import type { Community, ConfigurationState, IPAddressPool } from '../../api/types';
import { Reflector } from '../../k8s/reflector';
import { trimMetadata } from '../../k8s/trim';
import type { Logger } from '../../k8s/log';
import type { ApiClient } from '../../k8s/api-client';

export interface WatchHandlers {
  service(key: string, deleted: boolean): void;
  config(): void;
  /** Our ConfigurationState changed (undefined: deleted); the handler rewrites it if needed. */
  configStateChanged(obj: ConfigurationState | undefined): void;
}

export class ControllerWatches {
  readonly services: Reflector<V1Service>;
  // metallb.io objects carry string timestamps, client-node's KubernetesObject Dates: kept untyped
  // here and typed by the accessors below.
  private readonly poolCache: Reflector<KubernetesObject>;
  private readonly communityCache: Reflector<KubernetesObject>;
  private readonly stateCache: Reflector<KubernetesObject>;
  readonly namespaces: Reflector<V1Namespace>;
  private synced = false;

  constructor(client: ApiClient, namespace: string, log: Logger, h: WatchHandlers) {
    // Trimmed on arrival (k8s/trim.ts): at 10,000 Services this took the controller's RSS from
    // 158-163 MB to 136 MB (npm run bench -- controller-e2e).
    this.services = new Reflector<V1Service>(client, {
      resource: KUBE_KINDS.Service,
      transform: trimMetadata,
    });
    this.poolCache = new Reflector<KubernetesObject>(client, {
      resource: METALLB_KINDS.IPAddressPool,
      namespace,
    });
    this.communityCache = new Reflector<KubernetesObject>(client, {
      resource: METALLB_KINDS.Community,
      namespace,
    });
    this.stateCache = new Reflector<KubernetesObject>(client, {
      resource: METALLB_KINDS.ConfigurationState,
      namespace,
    });
    const ours = (o: KubernetesObject) => o.metadata?.name === CONFIGURATION_STATE.controllerName;
    this.stateCache.on('delete', (o) => ours(o) && h.configStateChanged(undefined));
    this.stateCache.on('update', (o) => ours(o) && h.configStateChanged(o as unknown as ConfigurationState));
    this.namespaces = new Reflector<V1Namespace>(client, {
      resource: KUBE_KINDS.Namespace,
      transform: trimMetadata,
    });
    const key = (s: V1Service) => `${s.metadata?.namespace ?? ''}/${s.metadata?.name ?? ''}`;
    this.services.on('add', (s) => h.service(key(s), false));
    this.services.on('update', (s) => h.service(key(s), false));
    this.services.on('delete', (s) => h.service(key(s), true));
    for (const r of [this.poolCache, this.communityCache]) {
      r.on('add', () => h.config());
      r.on('update', (now, before) => {
        // Our own status writes (pool counters) do not change the configuration.
        const gen = now.metadata?.generation;
        if (gen === undefined || gen !== before.metadata?.generation) h.config();
      });
      r.on('delete', () => h.config());
    }
    this.namespaces.on('add', () => h.config());
    this.namespaces.on('update', (now, before) => {
      if (JSON.stringify(now.metadata?.labels ?? {}) !== JSON.stringify(before.metadata?.labels ?? {}))
        h.config();
    });
    this.namespaces.on('delete', () => h.config());
    for (const [what, r] of Object.entries(this.all())) {
      r.on('error', (err) => log.warn({ watch: what, err: err.message }, 'watch failed; retrying'));
    }
  }

  private all(): Record<string, Reflector<never>> {
    return {
      services: this.services,
      ipaddresspools: this.poolCache,
      communities: this.communityCache,
      configurationstates: this.stateCache,
      namespaces: this.namespaces,
    } as unknown as Record<string, Reflector<never>>;
  }

  /** Resolves once every cache holds a full list. */
  async start(): Promise<void> {
    await Promise.all(Object.values(this.all()).map((r) => r.start()));
    this.synced = true;
  }

  isSynced(): boolean {
    return this.synced;
  }

  stop(): void {
    for (const r of Object.values(this.all())) r.stop();
  }

  pools(): IPAddressPool[] {
    return this.poolCache.list() as unknown as IPAddressPool[];
  }

  pool(name: string): IPAddressPool | undefined {
    return this.poolCache.get(name) as unknown as IPAddressPool | undefined;
  }

  communities(): Community[] {
    return this.communityCache.list() as unknown as Community[];
  }

  namespaceList(): V1Namespace[] {
    return this.namespaces.list();
  }

  service(key: string): V1Service | undefined {
    const slash = key.indexOf('/');
    return this.services.get(key.slice(slash + 1), key.slice(0, slash));
  }
}
