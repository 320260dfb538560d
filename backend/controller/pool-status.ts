// IPAddressPool status counters (assigned/available per family), written through the status
// subresource. Changes are coalesced: one write per changed pool per interval, not one per Service.
import type { IPAddressPool, IPAddressPoolStatus } from '../../api/types';
import type { Logger } from '../../k8s/log';
import type { PoolUsage } from './allocator/allocator';
import { poolStatus } from './allocator/usage-report';
import { METALLB_KINDS, resourcePath } from '../../api/kinds';
import type { ApiClient } from '../../k8s/api-client';
import { isStatus } from '../../k8s/errors';

const COALESCE_MS = 200;
const RETRY_MS = 2000;

export interface PoolStatusSource {
  usage(pool: string): PoolUsage | undefined;
  /** The pool object as last seen (to skip writes that change nothing). */
  current(pool: string): IPAddressPool | undefined;
  /** Whether this replica may write now (leader). */
  allowed(): boolean;
}

const FIELDS = ['assignedIPv4', 'assignedIPv6', 'availableIPv4', 'availableIPv6'] as const;

function sameStatus(a: IPAddressPoolStatus | undefined, b: Required<IPAddressPoolStatus>): boolean {
  return !!a && FIELDS.every((f) => a[f] === b[f]);
}

export class PoolStatusWriter {
  private readonly dirty = new Set<string>();
  /** What this replica last wrote per pool: fresher than the watch cache right after a write. */
  private readonly written = new Map<string, IPAddressPoolStatus>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly client: ApiClient,
    private readonly namespace: string,
    private readonly source: PoolStatusSource,
    private readonly log: Logger,
  ) {}

  mark(pool: string): void {
    this.dirty.add(pool);
    this.arm(COALESCE_MS);
  }

  /** Pools may have been re-created: compare with the watch cache again, not with our writes. */
  invalidate(): void {
    this.written.clear();
  }

  reset(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.dirty.clear();
    this.written.clear();
  }

  /** Writes what is pending now (tests and shutdown). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.flushing) await this.flushing;
    if (this.dirty.size === 0) return;
    this.flushing = this.writeAll().finally(() => (this.flushing = undefined));
    await this.flushing;
  }

  private arm(ms: number): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, ms);
  }

  private async writeAll(): Promise<void> {
    const pools = [...this.dirty];
    this.dirty.clear();
    let failed = false;
    await Promise.all(
      pools.map(async (name) => {
        if (!this.source.allowed()) return;
        const usage = this.source.usage(name);
        if (!usage) return; // the pool is gone
        const status = poolStatus(usage);
        const known = this.written.get(name) ?? this.source.current(name)?.status;
        if (sameStatus(known, status)) return;
        try {
          const path = resourcePath(METALLB_KINDS.IPAddressPool, {
            namespace: this.namespace,
            name,
            subresource: 'status',
          });
          await this.client.mergePatch(path, { status });
          this.written.set(name, status);
        } catch (err) {
          this.written.delete(name);
          if (isStatus(err, 404)) return;
          this.log.warn({ pool: name, err: (err as Error).message }, 'could not write pool status');
          this.dirty.add(name);
          failed = true;
        }
      }),
    );
    if (failed) this.arm(RETRY_MS);
  }
}
