// The BFD metrics under the names upstream MetalLB exports in FRR mode (collector/bfd.go), on the
// process registry, labelled by peer address. Echo counters stay 0 (echo mode is not implemented)
// but exist so dashboards written for upstream keep working.
import { sharedCounter, sharedGauge } from '../../k8s/metrics';

export type BfdMetrics = ReturnType<typeof bfdMetrics>;

/** The metrics, registered once per process (sharedGauge/sharedCounter return existing ones). */
export function bfdMetrics() {
  const counter = (name: string, help: string) => sharedCounter(name, help, ['peer']);
  return {
    up: sharedGauge('metallb_bfd_session_up', 'BFD session state (1 Up, 0 otherwise)', ['peer']),
    controlIn: counter('metallb_bfd_control_packet_input', 'BFD control packets received and accepted'),
    controlOut: counter('metallb_bfd_control_packet_output', 'BFD control packets sent'),
    echoIn: counter('metallb_bfd_echo_packet_input', 'BFD echo packets received (echo mode unsupported: 0)'),
    echoOut: counter('metallb_bfd_echo_packet_output', 'BFD echo packets sent (echo mode unsupported: 0)'),
    upEvents: counter('metallb_bfd_session_up_events', 'Times a BFD session came Up'),
    downEvents: counter('metallb_bfd_session_down_events', 'Times a BFD session left Up'),
  };
}

/** Creates a peer's series (0 / Down) so they show before the first event. */
export function initPeerSeries(m: BfdMetrics, peer: string): void {
  m.up.set({ peer }, 0);
  for (const c of [m.controlIn, m.controlOut, m.echoIn, m.echoOut, m.upEvents, m.downEvents])
    c.inc({ peer }, 0);
}

/** Removes a peer's series when its session goes away. */
export function removePeerSeries(m: BfdMetrics, peer: string): void {
  for (const metric of Object.values(m)) metric.remove({ peer });
}
