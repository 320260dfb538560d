// Leader election on a coordination.k8s.io/v1 Lease, with client-go's semantics: the leader renews
// every retry period and steps down when it could not renew within the renew deadline; a follower
// takes the lease once it has seen the same record, unrenewed, for a whole lease duration (measured
// on its own clock, so clock skew between replicas does not matter), or at once when it is released.
import type { Logger } from '../../k8s/log';
import { KUBE_KINDS, resourcePath } from '../../api/kinds';
import type { ApiClient } from '../../k8s/api-client';
import { isStatus } from '../../k8s/errors';

export interface LeaderElectionOptions {
  namespace: string;
  name: string;
  identity: string;
  leaseDurationMs: number;
  renewDeadlineMs: number;
  retryPeriodMs: number;
  /** On stop, hand the lease over at once (holder cleared) instead of letting it expire. */
  releaseOnStop: boolean;
  onStartedLeading(): void;
  onStoppedLeading(): void;
  log: Logger;
}

interface Lease {
  apiVersion?: string;
  kind?: string;
  metadata: { name: string; namespace: string; resourceVersion?: string };
  spec?: {
    holderIdentity?: string;
    leaseDurationSeconds?: number;
    acquireTime?: string;
    renewTime?: string;
    leaseTransitions?: number;
  };
}

/** Kubernetes MicroTime: RFC 3339 with exactly six fractional digits. */
function microTime(ms = Date.now()): string {
  return new Date(ms).toISOString().replace('Z', '000Z');
}

export class LeaderElector {
  private leading = false;
  private lastRenew = 0;
  private observed = '';
  private observedAt = 0;
  private lease: Lease | undefined;
  private timer: NodeJS.Timeout | undefined;
  private watchdog: NodeJS.Timeout | undefined;
  private stopped = false;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly client: ApiClient,
    private readonly o: LeaderElectionOptions,
  ) {}

  private get path(): string {
    return resourcePath(KUBE_KINDS.Lease, { namespace: this.o.namespace, name: this.o.name });
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Leading, and the last renewal is recent enough that no one else can hold the lease. */
  isLeader(): boolean {
    return this.leading && Date.now() - this.lastRenew < this.o.renewDeadlineMs;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    clearTimeout(this.watchdog);
    await this.running;
    const wasLeading = this.leading;
    this.lose('stopping');
    if (wasLeading && this.o.releaseOnStop && this.lease) {
      const spec = {
        ...this.lease.spec,
        holderIdentity: '',
        leaseDurationSeconds: 1,
        renewTime: microTime(),
      };
      await this.client
        .replace(this.path, { ...this.lease, spec }, { timeoutMs: 5_000 })
        .then(() => this.o.log.info({ lease: this.o.name }, 'leader lease released'))
        .catch((err: Error) => this.o.log.warn({ err: err.message }, 'could not release the leader lease'));
    }
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => this.schedule(this.o.retryPeriodMs));
    }, ms);
  }

  private async tick(): Promise<void> {
    try {
      if (await this.tryAcquireOrRenew()) {
        this.lastRenew = Date.now();
        this.armWatchdog();
        if (!this.leading && !this.stopped) {
          this.leading = true;
          this.o.log.info({ identity: this.o.identity, lease: this.o.name }, 'became leader');
          this.o.onStartedLeading();
        }
        return;
      }
    } catch (err) {
      this.o.log.warn({ err: (err as Error).message }, 'leader election: lease request failed');
    }
    if (this.leading && Date.now() - this.lastRenew >= this.o.renewDeadlineMs) this.lose('renew deadline');
  }

  /** True when the lease is now ours. */
  private async tryAcquireOrRenew(): Promise<boolean> {
    const now = Date.now();
    const timeout = Math.max(1000, this.o.renewDeadlineMs / 2);
    let lease: Lease;
    try {
      lease = await this.client.get<Lease>(this.path, { timeoutMs: timeout });
    } catch (err) {
      if (!isStatus(err, 404)) throw err;
      const created = await this.client.create<Lease>(
        resourcePath(KUBE_KINDS.Lease, { namespace: this.o.namespace }),
        {
          apiVersion: 'coordination.k8s.io/v1',
          kind: 'Lease',
          metadata: { name: this.o.name, namespace: this.o.namespace },
          spec: this.spec(now, now, 0),
        },
        { timeoutMs: timeout },
      );
      this.lease = created;
      return true;
    }
    const spec = lease.spec ?? {};
    const record = JSON.stringify([spec.holderIdentity, spec.renewTime, spec.leaseTransitions]);
    if (record !== this.observed) {
      this.observed = record;
      this.observedAt = now;
    }
    const holder = spec.holderIdentity ?? '';
    const durationMs = (spec.leaseDurationSeconds ?? 0) * 1000;
    if (holder && holder !== this.o.identity && this.observedAt + durationMs > now) {
      if (this.leading) this.lose(`lease held by ${holder}`);
      return false;
    }
    const mine = holder === this.o.identity;
    const transitions = (spec.leaseTransitions ?? 0) + (mine ? 0 : 1);
    const acquired = mine && spec.acquireTime ? Date.parse(spec.acquireTime) : now;
    this.lease = await this.client.replace<Lease>(
      this.path,
      { ...lease, spec: this.spec(acquired, now, transitions) },
      { timeoutMs: timeout },
    );
    return true;
  }

  private spec(acquireMs: number, renewMs: number, transitions: number): Lease['spec'] {
    return {
      holderIdentity: this.o.identity,
      leaseDurationSeconds: Math.max(1, Math.round(this.o.leaseDurationMs / 1000)),
      acquireTime: microTime(acquireMs),
      renewTime: microTime(renewMs),
      leaseTransitions: transitions,
    };
  }

  /** Steps down by itself when renewals stop succeeding, even if a request hangs. */
  private armWatchdog(): void {
    clearTimeout(this.watchdog);
    this.watchdog = setTimeout(() => this.lose('renew deadline'), this.o.renewDeadlineMs);
  }

  private lose(why: string): void {
    clearTimeout(this.watchdog);
    if (!this.leading) return;
    this.leading = false;
    this.o.log.info({ identity: this.o.identity, lease: this.o.name, why }, 'stopped leading');
    this.o.onStoppedLeading();
  }
}
