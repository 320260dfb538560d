// When a dropped session tries again: exponential back-off from an initial delay up to a cap, back
// to the initial delay after a session that stayed up long enough to count as stable.

export const BACKOFF_INITIAL_MS = 1_000;
export const BACKOFF_MAX_MS = 120_000;
/** A session that stayed up this long restarts with the initial back-off again. */
export const BACKOFF_STABLE_MS = 30_000;

export interface BackoffOptions {
  initialMs?: number;
  maxMs?: number;
  stableMs?: number;
}

/** Doubling stops growing long before this; it only keeps 2 ** n finite. */
const MAX_DOUBLINGS = 30;

export class RestartBackoff {
  private attempts = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly opts: BackoffOptions = {}) {}

  /** Start over: the next restart waits the initial delay. */
  reset(): void {
    this.attempts = 0;
  }

  /** The session went down after `upForMs` established; a stable one earns a quick restart. */
  sessionEnded(upForMs: number): void {
    if (upForMs >= (this.opts.stableMs ?? BACKOFF_STABLE_MS)) this.attempts = 0;
  }

  /** The delay before the next restart; each call counts as one more attempt. */
  nextDelay(): number {
    const initial = this.opts.initialMs ?? BACKOFF_INITIAL_MS;
    const max = this.opts.maxMs ?? BACKOFF_MAX_MS;
    const delayMs = Math.min(max, initial * 2 ** Math.min(this.attempts, MAX_DOUBLINGS));
    this.attempts++;
    return delayMs;
  }

  /** Run `restart` after `delayMs` unless cancelled first. */
  after(delayMs: number, restart: () => void): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      restart();
    }, delayMs);
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
