import { EventEmitter } from 'node:events';
import { KubernetesObjectApi, Watch, type KubeConfig, type KubernetesObject } from '@kubernetes/client-node';

export interface ReflectorOptions {
  apiVersion: string;
  kind: string;
  /** Lower-case plural resource name, e.g. `services`, `ipaddresspools`. */
  plural: string;
  namespace?: string;
  labelSelector?: string;
  /**
   * Resume watching from this resourceVersion instead of listing first (e.g. after a restart of
   * the connection). If the apiserver no longer has it (410 Gone) the reflector relists.
   */
  resumeFrom?: string;
}

export interface ReflectorStats {
  lists: number;
  watches: number;
  expired: number;
  errors: number;
}

type Events<T> = {
  add: [T];
  update: [T, T];
  delete: [T];
  synced: [];
  error: [Error];
};

const key = (o: KubernetesObject) => `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;
const BASE_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 30_000;

/**
 * List+watch cache of one resource. Unlike client-node's ListWatch it never stops on an error:
 * it backs off and rewatches, and it relists (emitting deletes for what vanished) on 410 Gone.
 */
export class Reflector<T extends KubernetesObject> extends EventEmitter<Events<T>> {
  readonly stats: ReflectorStats = { lists: 0, watches: 0, expired: 0, errors: 0 };
  private readonly objects = new Map<string, T>();
  private readonly api: KubernetesObjectApi;
  private readonly watcher: Watch;
  private resourceVersion = '';
  private abort: AbortController | undefined;
  private stopped = false;
  private backoffMs = 0;
  private timer: NodeJS.Timeout | undefined;
  private synced = false;

  constructor(
    kc: KubeConfig,
    private readonly opts: ReflectorOptions,
  ) {
    super();
    this.api = KubernetesObjectApi.makeApiClient(kc);
    this.watcher = new Watch(kc);
    this.resourceVersion = opts.resumeFrom ?? '';
  }

  /** Resolves once the cache holds a full list (or, when resuming, once the watch is open). */
  start(): Promise<void> {
    this.stopped = false;
    const ready = new Promise<void>((resolve) => this.once('synced', resolve));
    void this.cycle();
    return ready;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    const aborting = this.abort;
    this.abort = undefined;
    aborting?.abort();
  }

  list(): T[] {
    return [...this.objects.values()];
  }

  get(name: string, namespace = this.opts.namespace ?? ''): T | undefined {
    return this.objects.get(`${namespace}/${name}`);
  }

  get lastResourceVersion(): string {
    return this.resourceVersion;
  }

  private path(): string {
    const { apiVersion, namespace, plural } = this.opts;
    const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
    return namespace ? `${base}/namespaces/${namespace}/${plural}` : `${base}/${plural}`;
  }

  private async cycle(): Promise<void> {
    if (this.stopped) return;
    try {
      if (!this.resourceVersion) await this.relist();
      await this.watch();
    } catch (err) {
      this.fail(err as Error);
    }
  }

  private async relist(): Promise<void> {
    this.stats.lists++;
    const res = await this.api.list<T>(
      this.opts.apiVersion,
      this.opts.kind,
      this.opts.namespace,
      undefined, // pretty
      undefined, // exact
      undefined, // exportt
      undefined, // fieldSelector
      this.opts.labelSelector,
    );
    const seen = new Set<string>();
    for (const item of res.items) {
      // list items lack apiVersion/kind; give them the same shape watch events have.
      const obj = { apiVersion: this.opts.apiVersion, kind: this.opts.kind, ...item } as T;
      const k = key(obj);
      seen.add(k);
      this.upsert(k, obj);
    }
    for (const [k, old] of this.objects) {
      if (!seen.has(k)) {
        this.objects.delete(k);
        this.emit('delete', old);
      }
    }
    this.resourceVersion = res.metadata?.resourceVersion ?? '';
  }

  private upsert(k: string, obj: T): void {
    const old = this.objects.get(k);
    this.objects.set(k, obj);
    if (!old) this.emit('add', obj);
    else if (old.metadata?.resourceVersion !== obj.metadata?.resourceVersion) this.emit('update', obj, old);
  }

  private async watch(): Promise<void> {
    if (this.stopped) return;
    this.stats.watches++;
    const params: Record<string, string | boolean> = {
      resourceVersion: this.resourceVersion,
      allowWatchBookmarks: true,
    };
    if (this.opts.labelSelector) params.labelSelector = this.opts.labelSelector;
    let expired = false;
    let current: AbortController | undefined;
    current = this.abort = await this.watcher.watch(
      this.path(),
      params,
      (phase, obj: T & { code?: number; message?: string }) => {
        if (phase === 'ERROR') {
          if (obj.code === 410) {
            expired = true;
            this.stats.expired++;
            this.resourceVersion = '';
            this.abort?.abort();
          } else {
            this.fail(new Error(`watch ${this.path()}: ${obj.message ?? 'error event'}`));
          }
          return;
        }
        this.backoffMs = 0;
        const rv = obj.metadata?.resourceVersion;
        if (phase === 'ADDED' || phase === 'MODIFIED') this.upsert(key(obj), obj);
        else if (phase === 'DELETED') {
          const k = key(obj);
          if (this.objects.delete(k)) this.emit('delete', obj);
        }
        if (rv) this.resourceVersion = rv;
      },
      (err: unknown) => {
        // Ignore the end of a watch that fail() or stop() already replaced.
        if (this.stopped || this.abort !== current) return;
        this.abort = current = undefined;
        const e = err as { statusCode?: number; code?: number; name?: string } | null;
        if (expired || e?.statusCode === 410 || e?.code === 410) {
          if (!expired) this.stats.expired++;
          this.resourceVersion = '';
          void this.cycle();
        } else if (e && e.name !== 'AbortError' && e.name !== 'TimeoutError') {
          this.fail(err as Error);
        } else {
          // The server closes watches after its timeout: resume from the last version seen.
          void this.cycle();
        }
      },
    );
    if (!this.synced) {
      this.synced = true;
      this.emit('synced');
    }
  }

  private fail(err: Error): void {
    if (this.stopped) return;
    this.stats.errors++;
    const aborting = this.abort;
    this.abort = undefined;
    aborting?.abort();
    if (this.listenerCount('error') > 0) this.emit('error', err);
    this.backoffMs = Math.min(this.backoffMs ? this.backoffMs * 2 : BASE_BACKOFF_MS, MAX_BACKOFF_MS);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.cycle(), this.backoffMs);
  }
}
