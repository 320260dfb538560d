// What the controller holds while it leads: a fresh allocator, the work queue of Services and its
// workers. The allocator is rebuilt from the Services' current status before anything new is
// allocated (Services holding IPs are queued first, from a fresh list, not only the watch cache);
// ending the session drops the queue and every unwritten change at once.
import type { V1Service } from '@kubernetes/client-node';
import type { Logger } from '../../k8s/log';
import { Allocator } from './allocator/allocator';
import type { Pool } from './allocator/pool';
import { isOurLoadBalancerClass } from '../../api/load-balancer-class';
import type { EventRecorder } from '../../k8s/event-recorder';
import { KUBE_KINDS, resourcePath } from '../../api/kinds';
import type { ApiClient } from '../../k8s/api-client';
import { k8sClientMetrics, reportPoolUsage } from './metrics';
import type { PoolStatusWriter } from './pool-status';
import { newer } from './service-status';
import { syncService, type SyncSession } from './service-sync';
import type { ControllerSettings } from './settings';
import type { ControllerWatches } from './watches';
import { WorkQueue } from './work-queue';

export interface SessionDeps {
  client: ApiClient;
  log: Logger;
  settings: ControllerSettings;
  watches: ControllerWatches;
  recorder: EventRecorder;
  poolStatus: PoolStatusWriter;
  isLeader(): boolean;
}

const SNAPSHOT_RETRY_MS = 1000;

export class LeadingSession implements SyncSession {
  readonly allocator: Allocator;
  readonly queue = new WorkQueue();
  /** Keys waiting for something to change (no IP yet, or PreferDualStack missing a family). */
  readonly waiting = new Set<string>();
  /** Services as our own writes (or the snapshot) returned them, while the watch cache lags. */
  readonly fresh = new Map<string, V1Service>();
  /** Service status writes in flight. */
  writing = 0;
  private configSignature: string | undefined;
  /** Pools whose allocator gauges this session set. */
  private readonly reported = new Set<string>();
  private workers: Promise<void>[] = [];
  private ended = false;
  private snapshotTaken = false;

  constructor(readonly d: SessionDeps) {
    this.allocator = new Allocator({
      onUsageChange: (pool) => {
        if (this.ended) return;
        const usage = this.allocator.usage(pool);
        reportPoolUsage(pool, usage);
        if (usage) this.reported.add(pool);
        else this.reported.delete(pool);
        d.poolStatus.mark(pool);
      },
    });
  }

  /** Starts the workers and takes the snapshot; `ready` runs once pools may be applied. */
  start(ready: () => void): void {
    for (let i = 0; i < this.d.settings.concurrency; i++) this.workers.push(this.worker());
    void this.takeSnapshot(ready);
  }

  /** Ends the session; resolves once the workers have finished their current item. */
  async end(): Promise<void> {
    if (!this.ended) {
      this.ended = true;
      this.queue.shutdown();
      for (const pool of this.reported) reportPoolUsage(pool, undefined);
    }
    await Promise.all(this.workers);
  }

  get active(): boolean {
    return !this.ended;
  }

  /** This session may write: not ended, and the lease is still ours. */
  mayWrite(): boolean {
    return !this.ended && this.d.isLeader();
  }

  get canApplyPools(): boolean {
    return this.snapshotTaken;
  }

  /** New pools: re-home allocations and reprocess every Service. False if nothing changed. */
  applyPools(pools: Pool[], signature: string): { first: boolean; released: number } | undefined {
    if (signature === this.configSignature) return undefined;
    const first = this.configSignature === undefined;
    this.configSignature = signature;
    const released = this.allocator.setPools(pools).length;
    this.enqueueAll();
    return { first, released };
  }

  onService(key: string, deleted: boolean): void {
    const mine = this.fresh.get(key);
    if (mine) {
      const cached = deleted ? undefined : this.d.watches.service(key);
      if (!cached || !newer(mine, cached)) this.fresh.delete(key);
    }
    // Before the first configuration, nothing is processed (the first load queues everyone).
    if (this.configSignature !== undefined) this.queue.add(key);
  }

  /** The freshest copy of a Service we know of; undefined once the watch saw it deleted. */
  current(key: string): V1Service | undefined {
    const cached = this.d.watches.service(key);
    if (!cached) return undefined;
    const mine = this.fresh.get(key);
    if (mine && newer(mine, cached)) return mine;
    if (mine) this.fresh.delete(key);
    return cached;
  }

  reprocessWaiting(except: string): void {
    for (const k of this.waiting) if (k !== except) this.queue.add(k);
  }

  /**
   * Every Service of our class; those holding IPs first (dual-stack first), so they keep them, and
   * among them those whose IPs are still inside a pool: after a restart on a shrunk pool, a Service
   * that lost its IP must not take one another Service still holds.
   */
  private enqueueAll(): void {
    const held = (svc: V1Service) =>
      (svc.status?.loadBalancer?.ingress ?? []).flatMap((i) => (i.ip ? [i.ip] : []));
    const ingressCount = (svc: V1Service) => {
      const ips = held(svc);
      return ips.length === 0 ? 0 : this.allocator.poolFor(ips) === undefined ? 0.5 : 1 + ips.length;
    };
    const mine = this.d.watches.services
      .list()
      .map((cached) => {
        const key = `${cached.metadata?.namespace}/${cached.metadata?.name}`;
        return { key, svc: this.current(key) ?? cached };
      })
      .filter(({ svc }) => isOurLoadBalancerClass(svc, this.d.settings.lbClass))
      .map(({ key, svc }) => ({ key, n: ingressCount(svc) }));
    mine.sort((a, b) => b.n - a.n || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    for (const { key } of mine) this.queue.add(key);
  }

  /**
   * Lists every Service once before allocating: the previous leader's last writes may not have
   * reached our watch yet, and rebuilding from older status could hand out an IP twice.
   */
  private async takeSnapshot(ready: () => void): Promise<void> {
    while (!this.ended) {
      try {
        const list = await this.d.client.list<V1Service>(resourcePath(KUBE_KINDS.Service));
        if (this.ended) return;
        for (const item of list.items) {
          const key = `${item.metadata?.namespace}/${item.metadata?.name}`;
          const cached = this.d.watches.service(key);
          if (cached && newer(item, cached))
            this.fresh.set(key, { apiVersion: 'v1', kind: 'Service', ...item });
        }
        this.snapshotTaken = true;
        ready();
        return;
      } catch (err) {
        this.d.log.warn({ err: (err as Error).message }, 'could not list Services; retrying');
        await new Promise((r) => setTimeout(r, SNAPSHOT_RETRY_MS));
      }
    }
  }

  private async worker(): Promise<void> {
    for (;;) {
      const key = await this.queue.get();
      if (key === undefined) return;
      try {
        await syncService(this, key);
      } catch (err) {
        k8sClientMetrics.updateErrors().inc();
        this.d.log.error({ service: key, err: (err as Error).message }, 'service reconcile failed; retrying');
        this.queue.retry(key);
      } finally {
        this.queue.done(key);
      }
    }
  }
}
