// What our native BGP backend (the speaker's own TypeScript BGP/BFD implementation, selected with
// METALLB_BGP_TYPE=native) does not implement yet. Unlike upstream's Go native backend, ours speaks
// BFD (BFDProfiles and spec.bfdProfile), MP-BGP with IPv6 and dual-stack sessions, large
// communities, keepalive/connect timers, dynamicASN and localASN, so only the peer fields below are
// refused in native mode. spec.disableMP is not listed: it is deprecated and has no effect in any
// mode, which peers.ts reports as a warning.
import type { BGPPeer } from '../types';
import type { IssueCollector, ObjectRef } from './issues';
import { nameOf } from './object-names';

const NOT_YET_NATIVE: [keyof BGPPeer['spec'], (v: unknown) => boolean][] = [
  // Sessions bound to a VRF device.
  ['vrf', (v) => typeof v === 'string' && v !== ''],
  // Unnumbered BGP (IPv6 link-local neighbor discovery on an interface).
  ['interface', (v) => typeof v === 'string' && v !== ''],
  // Graceful restart (RFC 4724) capability and restart-time handling.
  ['enableGracefulRestart', (v) => v === true],
];

export function checkNativePeer(peer: BGPPeer, out: IssueCollector): void {
  const ref: ObjectRef = { kind: 'BGPPeer', name: nameOf(peer) };
  for (const [field, isSet] of NOT_YET_NATIVE) {
    if (isSet(peer.spec?.[field])) {
      out.error(
        ref,
        `spec.${field}`,
        `${field} is not supported by the native BGP backend yet (use an FRR mode for it)`,
      );
    }
  }
}
