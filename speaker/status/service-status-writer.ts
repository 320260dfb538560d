// ServiceL2Status / ServiceBGPStatus of one node: created (generateName `l2-` / `bgp-`, labels by
// node and Service, owned by the speaker Pod), their status kept equal to the desired content, and
// deleted when no longer desired. Only objects labelled with this node are ever touched.
import { apiVersionOf, METALLB_KINDS, resourcePath, type ResourceKind } from '../../api/kinds';
import { STATUS_LABELS } from '../../api/operand';
import type { OwnerReference, ServiceStatusCommon } from '../../api/types';
import type { ApiClient } from '../../k8s/api-client';
import { eachLimited } from '../../k8s/each-limited';
import { isStatus } from '../../k8s/errors';
import type { Logger } from '../../k8s/log';
import { statusPatch } from './status-patch';
import { planStatusWrites, type KnownStatus } from './status-writes';

export interface ServiceStatusKind {
  resource: ResourceKind;
  generateName: 'l2-' | 'bgp-';
}

export const L2_STATUS: ServiceStatusKind = { resource: METALLB_KINDS.ServiceL2Status, generateName: 'l2-' };
export const BGP_STATUS: ServiceStatusKind = {
  resource: METALLB_KINDS.ServiceBGPStatus,
  generateName: 'bgp-',
};

export interface ServiceStatusWriterOptions {
  namespace: string;
  node: string;
  kind: ServiceStatusKind;
  /** The speaker Pod: the objects go away with it. */
  owner?: OwnerReference;
  log?: Logger;
  /** How long a list of the node's objects is trusted before listing again (default 5 min). */
  resyncMs?: number;
  /** The wait before a failed submit() is written again (default 2 s). */
  retryMs?: number;
}

/** Writes in flight at once: one at a time took a minute for 5,000 objects. */
const WRITE_CONCURRENCY = 8;

export interface ReconcileCounts {
  created: number;
  updated: number;
  deleted: number;
}

interface StatusObject<S> {
  metadata: {
    name: string;
    labels?: Record<string, string>;
    creationTimestamp?: string;
    deletionTimestamp?: string;
  };
  status?: S;
}

export class ServiceStatusWriter<S extends ServiceStatusCommon> {
  private chain: Promise<unknown> = Promise.resolve();
  /** This node's objects as last listed and written, by Service; undefined: list them afresh. */
  private known: Map<string, KnownStatus<S>> | undefined;
  private listedAt = 0;
  /** The latest state handed to submit() and not yet taken up. */
  private pending: ReadonlyMap<string, S> | undefined;
  private draining: Promise<void> | undefined;
  private stopped = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly client: ApiClient,
    private readonly opts: ServiceStatusWriterOptions,
  ) {}

  private path(name?: string, subresource?: 'status'): string {
    return resourcePath(this.opts.kind.resource, { namespace: this.opts.namespace, name, subresource });
  }

  /**
   * Makes this node's objects match `desired` (status content by `namespace/name` of the Service).
   * Calls run one after the other. The node's objects are listed on the first call, after any
   * failed write and every resyncMs; in between the writer diffs against what it wrote.
   */
  reconcile(desired: ReadonlyMap<string, S>): Promise<ReconcileCounts> {
    const snapshot = new Map(desired);
    const run = this.chain.then(() => this.run(snapshot));
    this.chain = run.catch(() => undefined);
    return run;
  }

  /**
   * Hands `desired` over without waiting: the speaker's pass must not wait for thousands of status
   * writes (at 5,000 BGP Services a first pass wrote for about a minute, and route changes waited).
   * Only the latest state submitted is written; a failed write is retried after retryMs.
   */
  submit(desired: ReadonlyMap<string, S>): void {
    if (this.stopped) return;
    this.pending = desired;
    this.draining ??= this.drain();
  }

  /** Resolves once everything submitted so far is written or stop() was called. */
  idle(): Promise<void> {
    return this.draining ?? Promise.resolve();
  }

  stop(): void {
    this.stopped = true;
    this.pending = undefined;
    this.wake?.();
  }

  private async drain(): Promise<void> {
    while (this.pending && !this.stopped) {
      const desired = this.pending;
      this.pending = undefined;
      try {
        await this.reconcile(desired);
      } catch (err) {
        this.opts.log?.warn(
          { kind: this.opts.kind.resource.kind, err: err instanceof Error ? err.message : String(err) },
          'service status objects not written; retrying',
        );
        this.pending ??= desired;
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          setTimeout(resolve, this.opts.retryMs ?? 2_000).unref?.();
        });
        this.wake = undefined;
      }
    }
    this.draining = undefined;
  }

  private async list(): Promise<Map<string, KnownStatus<S>>> {
    const list = await this.client.list<StatusObject<S>>(this.path(), {
      labelSelector: `${STATUS_LABELS.node}=${this.opts.node}`,
    });
    this.listedAt = Date.now();
    const known = new Map<string, KnownStatus<S>>();
    let extra = 0;
    for (const obj of list.items) {
      if (obj.metadata.deletionTimestamp) continue;
      const l = obj.metadata.labels ?? {};
      const key = `${l[STATUS_LABELS.serviceNamespace] ?? ''}/${l[STATUS_LABELS.serviceName] ?? ''}`;
      // Several objects for one Service (an earlier run's leftovers): keyed apart, so the plan sees them all.
      known.set(known.has(key) ? `${key}\u0000${extra++}` : key, {
        name: obj.metadata.name,
        key,
        ...(obj.metadata.creationTimestamp ? { creationTimestamp: obj.metadata.creationTimestamp } : {}),
        ...(obj.status ? { status: obj.status } : {}),
      });
    }
    return known;
  }

  private async run(desired: ReadonlyMap<string, S>): Promise<ReconcileCounts> {
    const counts: ReconcileCounts = { created: 0, updated: 0, deleted: 0 };
    if (!this.known || Date.now() - this.listedAt > (this.opts.resyncMs ?? 300_000))
      this.known = await this.list();
    const plan = planStatusWrites(desired, this.known.values());
    const statusPath = (name: string) => this.path(name, 'status');
    try {
      await eachLimited(plan.remove, WRITE_CONCURRENCY, async (name) => {
        if (await this.remove(name)) counts.deleted++;
      });
      await eachLimited(plan.patch, WRITE_CONCURRENCY, async (p) => {
        await this.client.mergePatch(statusPath(p.name), { status: p.patch });
        counts.updated++;
      });
      await eachLimited(plan.create, WRITE_CONCURRENCY, async ({ key, status }) => {
        const name = await this.create(status);
        counts.created++;
        const patch = statusPatch(undefined, status);
        if (patch) await this.client.mergePatch(statusPath(name), { status: patch });
        plan.kept.set(key, { name, key, status });
      });
      this.known = plan.kept;
    } catch (err) {
      // Some writes may have landed: list afresh next time rather than guess.
      this.known = undefined;
      throw err;
    }
    if (counts.created + counts.updated + counts.deleted > 0) {
      this.opts.log?.debug(
        { kind: this.opts.kind.resource.kind, ...counts },
        'service status objects reconciled',
      );
    }
    return counts;
  }

  private async create(status: S): Promise<string> {
    const body = {
      apiVersion: apiVersionOf(this.opts.kind.resource),
      kind: this.opts.kind.resource.kind,
      metadata: {
        generateName: this.opts.kind.generateName,
        namespace: this.opts.namespace,
        labels: {
          [STATUS_LABELS.node]: this.opts.node,
          [STATUS_LABELS.serviceName]: status.serviceName ?? '',
          [STATUS_LABELS.serviceNamespace]: status.serviceNamespace ?? '',
        },
        ...(this.opts.owner ? { ownerReferences: [this.opts.owner] } : {}),
      },
      spec: {},
    };
    const created = await this.client.create<StatusObject<S>>(this.path(), body);
    return created.metadata.name;
  }

  /** Deletes one object; false when it was already gone. */
  private async remove(name: string): Promise<boolean> {
    try {
      await this.client.delete(this.path(name));
      return true;
    } catch (err) {
      if (isStatus(err, 404)) return false;
      throw err;
    }
  }
}
