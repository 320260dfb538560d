// One list+watch of the Kubernetes API through the backend, shared by every component that
// watches the same resources: list, then a watch from the list's resourceVersion (carried by the
// page's single watch stream), relisting on 410 Gone and resuming when the watch ends.
import type { K8sResourceCommon } from '@openshift-console/dynamic-plugin-sdk';
import { authHeaders, notifyUnauthorized } from './auth';
import { errorFromResponse, HttpError } from './http-error';
import { watchHub } from './watch-hub';

export interface Snapshot {
  items: K8sResourceCommon[];
  loaded: boolean;
  loadError: unknown;
}

interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: K8sResourceCommon & { code?: number };
}

const RETRY_MS = 1000;
const keyOf = (o: K8sResourceCommon) => `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class ListWatch {
  private objects = new Map<string, K8sResourceCommon>();
  private listeners = new Set<() => void>();
  private snapshot: Snapshot = { items: [], loaded: false, loadError: undefined };
  private abort = new AbortController();
  private emitTimer: ReturnType<typeof setTimeout> | undefined;
  private resourceVersion = '';
  private started = false;

  constructor(private readonly listUrl: () => Promise<string>) {}

  getSnapshot = (): Snapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (!this.started) {
      this.started = true;
      void this.run();
    }
    return () => this.listeners.delete(listener);
  };

  get idle(): boolean {
    return this.listeners.size === 0;
  }

  stop(): void {
    this.abort.abort();
    clearTimeout(this.emitTimer);
  }

  private emit(immediate = false) {
    const publish = () => {
      this.emitTimer = undefined;
      const items = [...this.objects.values()].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1));
      this.snapshot = { items, loaded: true, loadError: undefined };
      this.listeners.forEach((l) => l());
    };
    if (immediate) {
      clearTimeout(this.emitTimer);
      publish();
    } else if (!this.emitTimer) {
      // Bursts of events (500 Services appearing) become one render.
      this.emitTimer = setTimeout(publish, 50);
    }
  }

  private fail(err: unknown) {
    this.snapshot = { ...this.snapshot, loaded: true, loadError: err };
    this.listeners.forEach((l) => l());
  }

  private async fetchOk(url: string): Promise<Response> {
    const res = await fetch(url, { headers: authHeaders(), signal: this.abort.signal });
    if (res.status === 401) notifyUnauthorized();
    if (!res.ok) throw await errorFromResponse(res);
    return res;
  }

  private async list(url: string) {
    const body = (await (await this.fetchOk(url)).json()) as {
      items: K8sResourceCommon[];
      metadata: { resourceVersion: string };
    };
    this.objects = new Map(body.items.map((o) => [keyOf(o), o]));
    this.resourceVersion = body.metadata.resourceVersion;
    this.emit(true);
  }

  /** Follows the watch until it ends; resolves false when a relist is needed. */
  private watch(url: string): Promise<boolean> {
    const sep = url.includes('?') ? '&' : '?';
    return new Promise((resolve, reject) => {
      let cancel = () => undefined as unknown;
      const finish = (fn: () => void) => {
        cancel();
        this.abort.signal.removeEventListener('abort', onAbort);
        fn();
      };
      const onAbort = () => finish(() => resolve(true));
      cancel = watchHub.add({
        url: () =>
          `${url}${sep}watch=true&allowWatchBookmarks=true&resourceVersion=${encodeURIComponent(this.resourceVersion)}`,
        event: (ev) => {
          if (!this.apply(ev as WatchEvent)) finish(() => resolve(false));
        },
        end: (code, message) =>
          finish(() =>
            code === 410
              ? resolve(false)
              : code
                ? reject(new HttpError(message ?? `HTTP ${code}`, code))
                : resolve(true),
          ),
      });
      this.abort.signal.addEventListener('abort', onAbort);
    });
  }

  private apply(ev: WatchEvent): boolean {
    if (ev.type === 'ERROR') return ev.object.code !== 410;
    if (ev.object.metadata?.resourceVersion) this.resourceVersion = ev.object.metadata.resourceVersion;
    if (ev.type === 'BOOKMARK') return true;
    if (ev.type === 'DELETED') this.objects.delete(keyOf(ev.object));
    else this.objects.set(keyOf(ev.object), ev.object);
    this.emit();
    return true;
  }

  private async run() {
    let needList = true;
    while (!this.abort.signal.aborted) {
      try {
        const url = await this.listUrl();
        if (needList) await this.list(url);
        needList = !(await this.watch(url));
      } catch (err) {
        if (this.abort.signal.aborted) return;
        if (needList) this.fail(err);
        await sleep(RETRY_MS);
      }
    }
  }
}
