// A work queue of keys ("namespace/name"), as client-go's: a key is queued at most once, never
// handed to two workers at once (re-added while in flight, it is queued again when done), FIFO
// otherwise; failed keys come back after a per-key exponential backoff.

const BASE_BACKOFF_MS = 50;
const MAX_BACKOFF_MS = 30_000;

export class WorkQueue {
  private items: string[] = [];
  private head = 0;
  private readonly queued = new Set<string>();
  private readonly processing = new Set<string>();
  private readonly again = new Set<string>();
  private readonly failures = new Map<string, number>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private waiters: ((key: string | undefined) => void)[] = [];
  private idleWaiters: (() => void)[] = [];
  private closed = false;

  get length(): number {
    return this.items.length - this.head;
  }

  add(key: string): void {
    if (this.closed || this.queued.has(key)) return;
    if (this.processing.has(key)) {
      this.again.add(key);
      return;
    }
    this.queued.add(key);
    const waiter = this.waiters.shift();
    if (waiter) {
      this.queued.delete(key);
      this.processing.add(key);
      waiter(key);
    } else this.items.push(key);
  }

  /** The next key, marked in flight until done(); undefined once the queue is shut down. */
  get(): Promise<string | undefined> {
    if (this.closed) return Promise.resolve(undefined);
    if (this.head < this.items.length) {
      const key = this.items[this.head++]!;
      if (this.head > 1024 && this.head * 2 > this.items.length) {
        this.items = this.items.slice(this.head);
        this.head = 0;
      }
      this.queued.delete(key);
      this.processing.add(key);
      return Promise.resolve(key);
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  done(key: string): void {
    this.processing.delete(key);
    if (this.again.delete(key)) this.add(key);
    this.checkIdle();
  }

  /** Queues the key again after its backoff (doubling with each consecutive failure). */
  retry(key: string): void {
    if (this.closed || this.timers.has(key)) return;
    const n = (this.failures.get(key) ?? 0) + 1;
    this.failures.set(key, n);
    const delay = Math.min(BASE_BACKOFF_MS * 2 ** (n - 1), MAX_BACKOFF_MS);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.add(key);
      }, delay),
    );
  }

  /** The key succeeded: its next failure starts from the base backoff again. */
  forget(key: string): void {
    this.failures.delete(key);
  }

  /** Drops every queued key and pending retry; keys in flight finish but are not re-queued. */
  clear(): void {
    this.items = [];
    this.head = 0;
    this.queued.clear();
    this.again.clear();
    this.failures.clear();
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.checkIdle();
  }

  /** Wakes every waiting worker with undefined; later adds are ignored. */
  shutdown(): void {
    this.clear();
    this.closed = true;
    for (const w of this.waiters.splice(0)) w(undefined);
    this.checkIdle();
  }

  /** Resolves once nothing is queued or in flight (pending retries do not count). */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isIdle(): boolean {
    return this.length === 0 && this.processing.size === 0;
  }

  private checkIdle(): void {
    if (this.isIdle()) for (const w of this.idleWaiters.splice(0)) w();
  }
}
