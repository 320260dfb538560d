// BGP session metrics with upstream MetalLB's names, in the process registry: the native mode's
// session_up, updates_total, announced_prefixes_total and pending_prefixes_total, plus the FRR
// mode's message counters. One label, `peer` = "address:port" as upstream's native mode; FRR mode's
// `vrf` label is left out since sessions here have no VRF.
import { Gauge, type Counter } from 'prom-client';
import { registry, sharedCounter } from '../../k8s/metrics';
import type { SessionEvent, SessionStatus } from './session-events';
import type { BgpMessage } from './types';

/** The part of a BgpSession the metrics read (a fake in tests). */
export interface ObservedSession {
  on(event: 'event', listener: (e: SessionEvent) => void): unknown;
  status(): SessionStatus;
}

type Kind = BgpMessage['type'];
type Label = 'peer';

/** The `peer` label: "address:port", IPv6 in brackets (Go's net.JoinHostPort, as upstream). */
export function peerLabel(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

/** The status of each observed peer. Gauges read it when scraped, so they are never stale. */
const observed = new Map<string, () => SessionStatus>();

function statusGauge(name: string, help: string, value: (s: SessionStatus) => number): Gauge<Label> {
  const existing = registry.getSingleMetric(name);
  if (existing) return existing as Gauge<Label>;
  return new Gauge<Label>({
    name,
    help,
    labelNames: ['peer'],
    registers: [registry],
    collect() {
      for (const [peer, status] of observed) this.set({ peer }, value(status()));
    },
  });
}

const gauges = () => [
  statusGauge('metallb_bgp_session_up', 'BGP session state: 1 when Established, else 0', (s) =>
    s.state === 'Established' ? 1 : 0,
  ),
  statusGauge(
    'metallb_bgp_announced_prefixes_total',
    'Prefixes the BGP peer currently has from us',
    (s) => s.prefixesSent,
  ),
  // Until the session reports prefixesWanted, what it sent plus what it cannot send.
  statusGauge(
    'metallb_bgp_pending_prefixes_total',
    'Prefixes the BGP peer should have from us, advertised or not',
    (s) => s.prefixesWanted ?? s.prefixesSent + s.skipped.length,
  ),
];

const counter = (name: string, help: string) => () => sharedCounter<Label>(name, help, ['peer']);

const SENT: Partial<Record<Kind, () => Counter<Label>>> = {
  open: counter('metallb_bgp_opens_sent', 'BGP OPEN messages sent'),
  update: counter('metallb_bgp_updates_total', 'BGP UPDATE messages sent'),
  notification: counter('metallb_bgp_notifications_sent', 'BGP NOTIFICATION messages sent'),
  keepalive: counter('metallb_bgp_keepalives_sent', 'BGP KEEPALIVE messages sent'),
  routeRefresh: counter('metallb_bgp_route_refresh_sent', 'BGP ROUTE-REFRESH messages sent'),
};
const RECEIVED: Partial<Record<Kind, () => Counter<Label>>> = {
  open: counter('metallb_bgp_opens_received', 'BGP OPEN messages received'),
  update: counter('metallb_bgp_updates_total_received', 'BGP UPDATE messages received'),
  keepalive: counter('metallb_bgp_keepalives_received', 'BGP KEEPALIVE messages received'),
};
const TOTAL_SENT = counter('metallb_bgp_total_sent', 'BGP messages sent, of any type');
const TOTAL_RECEIVED = counter('metallb_bgp_total_received', 'BGP messages received, of any type');

const counters = () =>
  [...Object.values(SENT), ...Object.values(RECEIVED), TOTAL_SENT, TOTAL_RECEIVED].map((c) => c());

export class BgpMetrics {
  /**
   * Publish `session`'s metrics under `peer` until the returned function is called, which deletes
   * the peer's series. A later observe() of the same peer takes its series over.
   */
  observe(peer: string, session: ObservedSession): () => void {
    const status = () => session.status();
    observed.set(peer, status);
    gauges();
    // Zero every counter now so that rate() sees the series from its start.
    for (const c of counters()) c.inc({ peer }, 0);
    const current = () => observed.get(peer) === status;
    session.on('event', (e) => {
      if (e.type !== 'message' || !current()) return;
      const sent = e.direction === 'sent';
      (sent ? TOTAL_SENT : TOTAL_RECEIVED)().inc({ peer });
      (sent ? SENT : RECEIVED)[e.kind]?.().inc({ peer });
    });
    return () => {
      if (!current()) return;
      observed.delete(peer);
      for (const m of [...gauges(), ...counters()]) m.remove({ peer });
    };
  }
}
