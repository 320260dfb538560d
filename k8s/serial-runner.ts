// Runs one async job at a time: kicks within the debounce window fold into one run, a kick during
// a run queues exactly one more, a failure retries with doubling backoff. Never throws.

export interface RunOutcome {
  /** Run again after this long even without a kick (e.g. to re-check a deadline). */
  requeueAfterMs?: number;
}

export interface SerialRunnerOptions {
  debounceMs: number;
  /** First and largest retry delay after a failure. */
  backoffMs: readonly [number, number];
  onError: (err: unknown, failures: number, retryInMs: number) => void;
}

export class SerialRunner {
  private timer: NodeJS.Timeout | undefined;
  private dueAt = Infinity;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private failures = 0;
  /** Completed runs, successful or not. */
  runs = 0;

  constructor(
    private readonly job: () => Promise<RunOutcome | void>,
    private readonly opts: SerialRunnerOptions,
  ) {}

  /** Something changed: run soon (after the debounce), or once more after the current run. */
  kick(delayMs = this.opts.debounceMs): void {
    this.schedule(delayMs);
  }

  /** Consecutive failed runs so far (0 after a success). */
  get consecutiveFailures(): number {
    return this.failures;
  }

  /** Delay before retry number `failures` (1-based). */
  backoff(failures: number): number {
    const [first, max] = this.opts.backoffMs;
    return Math.min(first * 2 ** Math.max(0, failures - 1), max);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    const at = Date.now() + delayMs;
    if (this.timer && this.dueAt <= at) return;
    clearTimeout(this.timer);
    this.dueAt = at;
    this.timer = setTimeout(() => this.fire(), delayMs);
  }

  private fire(): void {
    this.timer = undefined;
    this.dueAt = Infinity;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.run().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.schedule(this.opts.debounceMs);
      }
    });
  }

  private async run(): Promise<void> {
    if (this.stopped) return;
    try {
      const outcome = await this.job();
      this.failures = 0;
      if (outcome?.requeueAfterMs !== undefined) this.schedule(outcome.requeueAfterMs);
    } catch (err) {
      this.failures++;
      const delay = this.backoff(this.failures);
      try {
        this.opts.onError(err, this.failures, delay);
      } catch {
        // a failing error handler must not stop the retries
      }
      this.schedule(delay);
    } finally {
      this.runs++;
    }
  }
}
