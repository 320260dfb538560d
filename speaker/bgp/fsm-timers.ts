// The three timers of the BGP FSM (RFC 4271 §8): the FSM starts and stops them by action, and
// each one's expiry comes back to it as an event.
import type { FsmEvent, TimerName } from './fsm';

type TimerExpiry = Extract<FsmEvent, { type: `${string}TimerExpires` }>;

const EXPIRY: Record<TimerName, TimerExpiry['type']> = {
  ConnectRetry: 'ConnectRetryTimerExpires',
  Hold: 'HoldTimerExpires',
  Keepalive: 'KeepaliveTimerExpires',
};

export class FsmTimers {
  private readonly running = new Map<TimerName, NodeJS.Timeout>();

  constructor(private readonly expired: (e: FsmEvent) => void) {}

  /** (Re)start a timer: a running one starts over. */
  start(timer: TimerName, seconds: number): void {
    this.stop(timer);
    const event: TimerExpiry = { type: EXPIRY[timer] };
    this.running.set(
      timer,
      setTimeout(() => {
        this.running.delete(timer);
        this.expired(event);
      }, seconds * 1000),
    );
  }

  stop(timer: TimerName): void {
    const h = this.running.get(timer);
    if (h) clearTimeout(h);
    this.running.delete(timer);
  }
}
