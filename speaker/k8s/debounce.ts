// Coalesces bursts of change notifications into one call: `delayMs` after the last trigger, but at
// most `maxWaitMs` after the first one, so steady churn (endpoints of a busy Service) still gets
// through.
export class Debouncer {
  private timer: NodeJS.Timeout | undefined;
  private firstAt = 0;

  constructor(
    private readonly fn: () => void,
    private readonly delayMs: number,
    private readonly maxWaitMs = delayMs * 5,
  ) {}

  trigger(): void {
    const now = Date.now();
    if (!this.timer) this.firstAt = now;
    clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(this.delayMs, this.firstAt + this.maxWaitMs - now));
    this.timer = setTimeout(() => this.fire(), wait);
  }

  /** Runs now if a call is pending. */
  flush(): void {
    if (this.timer) this.fire();
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  get pending(): boolean {
    return this.timer !== undefined;
  }

  private fire(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.fn();
  }
}
