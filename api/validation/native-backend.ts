// What our native BGP backend (the speaker's own TypeScript BGP/BFD implementation, selected with
// METALLB_BGP_TYPE=native) cannot do, refused so that no accepted object promises behaviour the
// speaker lacks. Unlike upstream's Go native backend, ours speaks BFD (asynchronous mode), TCP-MD5
// passwords, graceful restart, MP-BGP with IPv6 and dual-stack sessions, large communities,
// keepalive/connect timers, ebgpMultiHop, dynamicASN and localASN. Not: VRFs, unnumbered peers
// (spec.interface) and BFD echo mode. spec.disableMP is not listed: it is deprecated and has no
// effect in any mode, which peers.ts reports as a warning.
import type { BFDProfile, BGPPeer } from '../types';
import type { IssueCollector, ObjectRef } from './issues';
import { nameOf } from './object-names';

const NOT_NATIVE: [keyof BGPPeer['spec'], (v: unknown) => boolean, string][] = [
  ['vrf', (v) => typeof v === 'string' && v !== '', 'sessions bound to a VRF device'],
  ['interface', (v) => typeof v === 'string' && v !== '', 'unnumbered BGP over an interface'],
];

export function checkNativePeer(peer: BGPPeer, out: IssueCollector): void {
  const ref: ObjectRef = { kind: 'BGPPeer', name: nameOf(peer) };
  for (const [field, isSet, what] of NOT_NATIVE) {
    if (isSet(peer.spec?.[field])) {
      out.error(
        ref,
        `spec.${field}`,
        `${field} (${what}) is not supported by the native BGP backend (use an FRR mode for it)`,
      );
    }
  }
}

export function checkNativeBFDProfile(profile: BFDProfile, out: IssueCollector): void {
  if (profile.spec?.echoMode !== true) return;
  out.error(
    { kind: 'BFDProfile', name: nameOf(profile) },
    'spec.echoMode',
    'echoMode is not supported by the native BGP backend, which runs BFD in asynchronous mode only (use an FRR mode for echo)',
  );
}
