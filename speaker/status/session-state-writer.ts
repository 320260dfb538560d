// BGPSessionState objects of one node: one per (node, peer), named sessionStateName(node, peer),
// labelled with node and peer, owned by the speaker Pod. The BGP shell reports each session's full
// state with set(); writes are debounced (a flapping session costs one write per window) and
// skipped when nothing changed. Written with server-side apply, so fields left out are removed.
import { METALLB_KINDS, resourcePath } from '../../api/kinds';
import { FIELD_MANAGERS, STATUS_LABELS } from '../../api/operand';
import type { BGPSessionStateStatus, OwnerReference } from '../../api/types';
import type { ApiClient } from '../../k8s/api-client';
import { isStatus } from '../../k8s/errors';
import type { Logger } from '../../k8s/log';
import { sessionStateName } from './session-state-name';

/** What the BGP shell reports of a session (node and peer are added by the writer). */
export type SessionReport = Omit<BGPSessionStateStatus, 'node' | 'peer'>;

export interface SessionStateWriterOptions {
  namespace: string;
  node: string;
  owner?: OwnerReference;
  /** Coalescing window for writes, default 500 ms. */
  debounceMs?: number;
  /** Delay before retrying failed writes, default 2 s. */
  retryMs?: number;
  log?: Logger;
}

type Pending = { peer: string; status: BGPSessionStateStatus } | { peer: string; remove: true };

export class BGPSessionStateWriter {
  private readonly pending = new Map<string, Pending>();
  /** Canonical JSON of what each object's status is known to hold; absent when not written. */
  private readonly written = new Map<string, string>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly client: ApiClient,
    private readonly opts: SessionStateWriterOptions,
  ) {}

  private path(name?: string): string {
    return resourcePath(METALLB_KINDS.BGPSessionState, { namespace: this.opts.namespace, name });
  }

  /** The session with `peer` is in this state now. */
  set(peer: string, report: SessionReport): void {
    const status: BGPSessionStateStatus = { node: this.opts.node, peer, ...report };
    this.pending.set(peer, { peer, status });
    this.schedule(this.opts.debounceMs ?? 500);
  }

  /** The session with `peer` is gone (peer deleted or no longer selecting this node). */
  remove(peer: string): void {
    this.pending.set(peer, { peer, remove: true });
    this.schedule(this.opts.debounceMs ?? 500);
  }

  /**
   * Deletes this node's BGPSessionStates of peers not in `peers` (left over from an earlier run or
   * a peer removed while the speaker was down).
   */
  async prune(peers: Iterable<string>): Promise<number> {
    const keep = new Set([...peers].map((p) => sessionStateName(this.opts.node, p)));
    const list = await this.client.list<{ metadata: { name: string } }>(this.path(), {
      labelSelector: `${STATUS_LABELS.node}=${this.opts.node}`,
    });
    let deleted = 0;
    for (const obj of list.items) {
      if (keep.has(obj.metadata.name)) continue;
      if (await this.delete(obj.metadata.name)) deleted++;
      this.written.delete(obj.metadata.name);
    }
    return deleted;
  }

  /** Writes everything pending now; resolves when written (failures stay pending for a retry). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.flushing = this.flushing.then(() => this.writePending());
    return this.flushing;
  }

  /** Stops writing; pending changes are dropped. */
  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.pending.clear();
  }

  private schedule(ms: number): void {
    if (this.closed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, ms);
    this.timer.unref?.();
  }

  private async writePending(): Promise<void> {
    const batch = [...this.pending.values()];
    this.pending.clear();
    let failed = false;
    for (const item of batch) {
      const name = sessionStateName(this.opts.node, item.peer);
      try {
        if ('remove' in item) {
          await this.delete(name);
          this.written.delete(name);
        } else await this.write(name, item.peer, item.status);
      } catch (err) {
        failed = true;
        this.opts.log?.warn({ peer: item.peer, err: (err as Error).message }, 'BGPSessionState write failed');
        // Retry later unless a newer report replaced it meanwhile.
        if (!this.pending.has(item.peer)) this.pending.set(item.peer, item);
      }
    }
    if (failed && !this.closed) this.schedule(this.opts.retryMs ?? 2000);
  }

  private async write(name: string, peer: string, status: BGPSessionStateStatus): Promise<void> {
    const text = JSON.stringify(status);
    if (this.written.get(name) === text) return;
    const body = {
      apiVersion: 'metallb.io/v1beta1',
      kind: 'BGPSessionState',
      metadata: {
        name,
        namespace: this.opts.namespace,
        labels: { [STATUS_LABELS.node]: this.opts.node, [STATUS_LABELS.peer]: peer },
        ...(this.opts.owner ? { ownerReferences: [this.opts.owner] } : {}),
      },
      spec: {},
    };
    const manager = { fieldManager: FIELD_MANAGERS.speaker };
    // The object first (apply creates it), then its status: the status subresource cannot create.
    if (!this.written.has(name)) await this.client.apply(body, manager);
    try {
      await this.client.apply({ ...body, status }, { ...manager, subresource: 'status' });
    } catch (err) {
      // Deleted behind our back: create it again on the retry.
      if (isStatus(err, 404)) this.written.delete(name);
      throw err;
    }
    this.written.set(name, text);
  }

  private async delete(name: string): Promise<boolean> {
    try {
      await this.client.delete(this.path(name));
      return true;
    } catch (err) {
      if (isStatus(err, 404)) return false;
      throw err;
    }
  }
}
