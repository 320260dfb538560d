import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { registry } from '../../k8s/metrics';
import { BgpMetrics, peerLabel } from './metrics';
import type { SessionEvent, SessionStatus } from './session-events';
import type { BgpMessage } from './types';

class FakeSession extends EventEmitter<{ event: [SessionEvent] }> {
  current: SessionStatus = {
    peerAddress: '192.0.2.1',
    peerPort: 179,
    state: 'Idle',
    prefixesSent: 0,
    skipped: [],
    connectRetryCounter: 0,
    messagesSent: 0,
    messagesReceived: 0,
  };
  status(): SessionStatus {
    return this.current;
  }
  message(direction: 'sent' | 'received', kind: BgpMessage['type'], times = 1): void {
    for (let i = 0; i < times; i++) this.emit('event', { type: 'message', direction, kind });
  }
}

/** The value of `name` for `peer`, or undefined when the series does not exist. */
async function value(name: string, peer: string): Promise<number | undefined> {
  const metric = registry.getSingleMetric(name);
  if (!metric) return undefined;
  const got = await metric.get();
  return got.values.find((v) => v.labels.peer === peer)?.value;
}

describe('peerLabel', () => {
  it('is address:port, with IPv6 in brackets', () => {
    expect(peerLabel('192.0.2.1', 179)).toBe('192.0.2.1:179');
    expect(peerLabel('2001:db8::1', 1179)).toBe('[2001:db8::1]:1179');
  });
});

describe('BgpMetrics', () => {
  it('counts messages per type and direction, under the upstream names', async () => {
    const s = new FakeSession();
    const stop = new BgpMetrics().observe('192.0.2.1:179', s);
    s.message('sent', 'open');
    s.message('received', 'open');
    s.message('sent', 'keepalive', 3);
    s.message('received', 'keepalive', 2);
    s.message('sent', 'update', 4);
    s.message('received', 'update');
    s.message('sent', 'routeRefresh');
    s.message('sent', 'notification');
    s.message('received', 'notification');
    s.emit('event', { type: 'restartScheduled', delayMs: 1 }); // not a message: ignored
    const peer = '192.0.2.1:179';
    const expected: Record<string, number> = {
      metallb_bgp_opens_sent: 1,
      metallb_bgp_opens_received: 1,
      metallb_bgp_keepalives_sent: 3,
      metallb_bgp_keepalives_received: 2,
      metallb_bgp_updates_total: 4,
      metallb_bgp_updates_total_received: 1,
      metallb_bgp_route_refresh_sent: 1,
      metallb_bgp_notifications_sent: 1,
      metallb_bgp_total_sent: 10,
      metallb_bgp_total_received: 5,
    };
    for (const [name, n] of Object.entries(expected))
      expect([name, await value(name, peer)]).toEqual([name, n]);
    stop();
  });

  it('starts every counter at zero', async () => {
    const stop = new BgpMetrics().observe('192.0.2.9:179', new FakeSession());
    expect(await value('metallb_bgp_route_refresh_sent', '192.0.2.9:179')).toBe(0);
    expect(await value('metallb_bgp_total_received', '192.0.2.9:179')).toBe(0);
    stop();
  });

  it('reads session state and prefixes from the status when scraped', async () => {
    const s = new FakeSession();
    const peer = '[2001:db8::1]:179';
    const stop = new BgpMetrics().observe(peer, s);
    expect(await value('metallb_bgp_session_up', peer)).toBe(0);
    s.current = { ...s.current, state: 'Established', prefixesSent: 3, prefixesWanted: 5 };
    expect(await value('metallb_bgp_session_up', peer)).toBe(1);
    expect(await value('metallb_bgp_announced_prefixes_total', peer)).toBe(3);
    expect(await value('metallb_bgp_pending_prefixes_total', peer)).toBe(5);
    // Without prefixesWanted: what was sent plus what cannot be.
    const { prefixesWanted: _, ...rest } = s.current;
    s.current = { ...rest, skipped: [{ prefix: '2001:db8:1::/64', reason: 'no IPv6 next hop' }] };
    expect(await value('metallb_bgp_pending_prefixes_total', peer)).toBe(4);
    expect(await registry.getSingleMetricAsString('metallb_bgp_session_up')).toContain(
      'metallb_bgp_session_up{peer="[2001:db8::1]:179"} 1',
    );
    stop();
  });

  it('deletes the peer series when observation stops, and stops counting', async () => {
    const s = new FakeSession();
    const peer = '192.0.2.2:179';
    const stop = new BgpMetrics().observe(peer, s);
    s.message('sent', 'update');
    stop();
    s.message('sent', 'update');
    for (const name of ['metallb_bgp_updates_total', 'metallb_bgp_session_up', 'metallb_bgp_total_sent']) {
      expect([name, await value(name, peer)]).toEqual([name, undefined]);
    }
    stop(); // twice is harmless
  });

  it('lets a new session of the same peer take the series over', async () => {
    const metrics = new BgpMetrics();
    const peer = '192.0.2.3:179';
    const old = new FakeSession();
    const stopOld = metrics.observe(peer, old);
    old.message('sent', 'keepalive');
    const fresh = new FakeSession();
    const stopFresh = metrics.observe(peer, fresh);
    old.message('sent', 'keepalive'); // the replaced session no longer counts
    fresh.message('sent', 'keepalive');
    stopOld(); // and no longer deletes the series
    expect(await value('metallb_bgp_keepalives_sent', peer)).toBe(2);
    stopFresh();
    expect(await value('metallb_bgp_keepalives_sent', peer)).toBeUndefined();
  });
});
