import { EventEmitter } from 'node:events';
import { apiVersionOf, resourcePath, type ResourceKind } from '../api/kinds';
import type { ApiClient, KubeObject, WatchEvent } from './api-client';
import { isStatus, KubeError } from './errors';

interface StatusFields {
  code: number;
  message: string;
}

export interface ReflectorOptions<T = KubeObject> {
  resource: ResourceKind;
  /** Namespaced kinds only; omitted: every namespace. */
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /**
   * Resume watching from this resourceVersion instead of listing first (e.g. after a restart of
   * the connection). If the apiserver no longer has it (410 Gone) the reflector relists.
   */
  resumeFrom?: string;
  /** Applied to every object on arrival, before it is cached or emitted (e.g. k8s/trim.ts). */
  transform?: (obj: T) => T;
  /** Objects per list page (default 500, as client-go). */
  pageSize?: number;
}

const LIST_PAGE_SIZE = 500;

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

const key = (o: KubeObject) => `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;
const BASE_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 30_000;
/** Asks the server to end each watch after about this long, so a dead connection is noticed. */
const WATCH_TIMEOUT_S = 300;

/**
 * List+watch cache of one resource. It never gives up on an error: it backs off and rewatches,
 * and it relists (emitting deletes for what vanished) when its resourceVersion expired (410).
 */
export class Reflector<T extends KubeObject> extends EventEmitter<Events<T>> {
  readonly stats: ReflectorStats = { lists: 0, watches: 0, expired: 0, errors: 0 };
  private readonly objects = new Map<string, T>();
  private resourceVersion = '';
  private abort: AbortController | undefined;
  private stopped = false;
  private backoffMs = 0;
  private timer: NodeJS.Timeout | undefined;
  private synced = false;

  constructor(
    private readonly client: ApiClient,
    private readonly opts: ReflectorOptions<T>,
  ) {
    super();
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
    this.abort?.abort();
    this.abort = undefined;
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

  private get path(): string {
    return resourcePath(this.opts.resource, { namespace: this.opts.namespace });
  }

  private async cycle(): Promise<void> {
    while (!this.stopped) {
      try {
        if (!this.resourceVersion) await this.relist();
        if (this.stopped) return;
        await this.watch();
      } catch (err) {
        if (isStatus(err, 410)) {
          this.expire();
          continue;
        }
        this.fail(err as Error);
        return;
      }
    }
  }

  /**
   * Lists in pages (as client-go's pager does): a 10,000-Service list in one response is tens of
   * MB of JSON parsed at once, which set the controller's peak RSS after a restart. The pages
   * belong to one snapshot; an expired continue token (410) relists from the start.
   */
  private async relist(): Promise<void> {
    this.stats.lists++;
    const seen = new Set<string>();
    const apiVersion = apiVersionOf(this.opts.resource);
    let token: string | undefined;
    let resourceVersion = '';
    do {
      const res = await this.client.list<T>(this.path, {
        labelSelector: this.opts.labelSelector,
        fieldSelector: this.opts.fieldSelector,
        limit: this.opts.pageSize ?? LIST_PAGE_SIZE,
        continue: token,
      });
      for (const item of res.items) {
        // list items lack apiVersion/kind; give them the same shape watch events have.
        const obj = this.shape({ apiVersion, kind: this.opts.resource.kind, ...item } as T);
        const k = key(obj);
        seen.add(k);
        this.upsert(k, obj);
      }
      token = res.metadata?.continue || undefined;
      resourceVersion = res.metadata?.resourceVersion ?? '';
    } while (token && !this.stopped);
    if (this.stopped) return;
    for (const [k, old] of this.objects) {
      if (!seen.has(k)) {
        this.objects.delete(k);
        this.emit('delete', old);
      }
    }
    this.resourceVersion = resourceVersion;
  }

  private upsert(k: string, obj: T): void {
    const old = this.objects.get(k);
    this.objects.set(k, obj);
    if (!old) this.emit('add', obj);
    else if (old.metadata?.resourceVersion !== obj.metadata?.resourceVersion) this.emit('update', obj, old);
  }

  /** One watch, until the server ends it; a 410 throws so cycle() relists. */
  private async watch(): Promise<void> {
    this.stats.watches++;
    const abort = (this.abort = new AbortController());
    let ended: { expired: boolean; message?: string } | undefined;
    await this.client.watch<T & Partial<StatusFields>>(
      this.path,
      {
        resourceVersion: this.resourceVersion,
        allowWatchBookmarks: true,
        labelSelector: this.opts.labelSelector,
        fieldSelector: this.opts.fieldSelector,
        timeoutSeconds: WATCH_TIMEOUT_S,
      },
      (e) => {
        if (e.type === 'ERROR') {
          ended = { expired: e.object.code === 410, message: e.object.message ?? 'error event' };
          abort.abort();
        } else this.apply(e);
      },
      abort.signal,
      () => this.markSynced(),
    );
    if (ended?.expired) throw new KubeError(410, `watch ${this.path}: ${ended.message}`, 'Expired');
    if (ended) throw new KubeError(500, `watch ${this.path}: ${ended.message}`);
  }

  /** A resumed cache counts as synced once its watch is accepted. */
  private markSynced(): void {
    if (this.synced) return;
    this.synced = true;
    this.emit('synced');
  }

  private apply(e: WatchEvent<T>): void {
    this.backoffMs = 0;
    const obj = this.shape(e.object);
    if (e.type === 'ADDED' || e.type === 'MODIFIED') this.upsert(key(obj), obj);
    else if (e.type === 'DELETED' && this.objects.delete(key(obj))) this.emit('delete', obj);
    const rv = obj.metadata?.resourceVersion;
    if (rv) this.resourceVersion = rv;
  }

  private shape(obj: T): T {
    return this.opts.transform ? this.opts.transform(obj) : obj;
  }

  private expire(): void {
    this.stats.expired++;
    this.resourceVersion = '';
  }

  private fail(err: Error): void {
    if (this.stopped) return;
    this.stats.errors++;
    if (this.listenerCount('error') > 0) this.emit('error', err);
    this.backoffMs = Math.min(this.backoffMs ? this.backoffMs * 2 : BASE_BACKOFF_MS, MAX_BACKOFF_MS);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.cycle(), this.backoffMs);
  }
}
