import { afterEach, expect, it, vi } from 'vitest';
import type { FsmEvent } from './fsm';
import { FsmTimers } from './fsm-timers';

afterEach(() => {
  vi.useRealTimers();
});

function timers() {
  vi.useFakeTimers();
  const fired: FsmEvent[] = [];
  return { t: new FsmTimers((e) => fired.push(e)), fired };
}

it('each timer expires into its own FSM event', () => {
  const { t, fired } = timers();
  t.start('ConnectRetry', 1);
  t.start('Hold', 2);
  t.start('Keepalive', 3);
  vi.advanceTimersByTime(3_000);
  expect(fired.map((e) => e.type)).toEqual([
    'ConnectRetryTimerExpires',
    'HoldTimerExpires',
    'KeepaliveTimerExpires',
  ]);
});

it('restarting a timer starts it over; stopping it silences it', () => {
  const { t, fired } = timers();
  t.start('Hold', 3);
  vi.advanceTimersByTime(2_000);
  t.start('Hold', 3);
  vi.advanceTimersByTime(2_000);
  expect(fired).toEqual([]);
  vi.advanceTimersByTime(1_000);
  expect(fired).toEqual([{ type: 'HoldTimerExpires' }]);
  t.start('Keepalive', 1);
  t.stop('Keepalive');
  t.stop('ConnectRetry'); // not running: nothing to do
  vi.advanceTimersByTime(5_000);
  expect(fired).toHaveLength(1);
});
