import { describe, expect, it } from 'vitest';
import { decodeArp } from './arp';
import { decodeEthernet } from './ethernet';
import { decodeIPv6, decodeNeighborMessage } from './ndp';
import {
  EMPTY_ANNOUNCER,
  GRATUITOUS_INTERVAL_MS,
  GRATUITOUS_WINDOW_MS,
  announce,
  answeringSet,
  gratuitousFrames,
  release,
  tick,
  type AnnouncerState,
} from './announcer';
import { hex } from './test-helpers';

/** Runs tick at every wake-up until `until`, returning the send times. */
function sendTimes(
  state: AnnouncerState,
  from: number,
  until: number,
): { times: number[]; state: AnnouncerState } {
  const times: number[] = [];
  let now = from;
  for (;;) {
    const t = tick(state, now);
    state = t.state;
    if (t.due.length) times.push(now);
    if (t.nextWakeMs === null || t.nextWakeMs > until) return { times, state };
    now = t.nextWakeMs;
  }
}

describe('announcer', () => {
  it('announces at once, then every 1100 ms for 5 s', () => {
    const s = announce(EMPTY_ANNOUNCER, '192.0.2.10', 1000);
    const { times } = sendTimes(s, 1000, 60_000);
    expect(times).toEqual([1000, 2100, 3200, 4300, 5400]);
    expect(times.at(-1)! - times[0]!).toBeLessThanOrEqual(GRATUITOUS_WINDOW_MS);
    expect(times[1]! - times[0]!).toBe(GRATUITOUS_INTERVAL_MS);
  });
  it('a repeated announce extends the window', () => {
    let s = announce(EMPTY_ANNOUNCER, '192.0.2.10', 0);
    const first = sendTimes(s, 0, 3000);
    s = announce(first.state, '192.0.2.10', 3000);
    expect(sendTimes(s, 3000, 60_000).times).toEqual([3000, 4100, 5200, 6300, 7400]);
  });
  it('answers owned IPs, keeps answering released ones during the grace, then stops', () => {
    let s = announce(EMPTY_ANNOUNCER, '2001:DB8::10', 0);
    s = announce(s, '192.0.2.10', 0);
    expect(answeringSet(s, 0)).toEqual(new Set(['2001:db8::10', '192.0.2.10']));
    s = release(s, '192.0.2.10', 100, 10_000);
    expect(answeringSet(s, 5000)).toEqual(new Set(['2001:db8::10', '192.0.2.10']));
    expect(answeringSet(s, 10_100)).toEqual(new Set(['2001:db8::10']));
    // A broadcast/multicast request during the grace: owned IPs only (one answer per request).
    expect(answeringSet(s, 5000, false)).toEqual(new Set(['2001:db8::10']));
    // The grace expiry is a wake-up; after it the entry is gone.
    const t = tick(tick(s, 6000).state, 10_100);
    expect(t.state.releasing.size).toBe(0);
    // Released IPs are no longer announced.
    expect(tick(s, 100).due).toEqual(['2001:db8::10']);
  });
  it('release without grace stops answering at once; re-announce cancels a grace', () => {
    let s = announce(EMPTY_ANNOUNCER, '192.0.2.10', 0);
    expect(answeringSet(release(s, '192.0.2.10', 0, 0), 0).size).toBe(0);
    s = release(s, '192.0.2.10', 0);
    s = announce(s, '192.0.2.10', 10);
    expect(s.releasing.size).toBe(0);
    expect(release(EMPTY_ANNOUNCER, '192.0.2.99', 0)).toBe(EMPTY_ANNOUNCER);
    expect(announce(EMPTY_ANNOUNCER, 'not-an-ip', 0)).toBe(EMPTY_ANNOUNCER);
  });
  it('sleeps when nothing is due', () => {
    expect(tick(EMPTY_ANNOUNCER, 0)).toEqual({ state: EMPTY_ANNOUNCER, due: [], nextWakeMs: null });
  });
  it('builds the gratuitous frames per family', () => {
    const mac = hex('0200000000aa');
    const v4 = gratuitousFrames(mac, '192.0.2.10').map((f) => decodeArp(decodeEthernet(f)!.payload));
    expect(v4.map((p) => [p?.operation, p?.senderIp, p?.targetIp])).toEqual([
      [1, '192.0.2.10', '192.0.2.10'],
      [2, '192.0.2.10', '192.0.2.10'],
    ]);
    const [na] = gratuitousFrames(mac, '2001:db8::10');
    expect(decodeNeighborMessage(decodeIPv6(decodeEthernet(na!)!.payload)!)).toMatchObject({
      override: true,
      solicited: false,
    });
  });
});
