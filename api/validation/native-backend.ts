// What the native BGP backend cannot do (upstream DiscardFRROnly): these peer fields and any
// BFDProfile are refused when METALLB_BGP_TYPE is native. IPv6 pools and large communities in
// advertisements are checked where those are parsed.
import type { BFDProfile, BGPPeer } from '../types';
import { parseGoDuration } from './duration';
import type { IssueCollector, ObjectRef } from './issues';
import { nameOf } from './object-names';

const FRR_ONLY: [keyof BGPPeer['spec'], (v: unknown) => boolean][] = [
  ['bfdProfile', (v) => typeof v === 'string' && v !== ''],
  ['keepaliveTime', (v) => typeof v === 'string' && parseGoDuration(v) !== 0],
  ['vrf', (v) => typeof v === 'string' && v !== ''],
  ['connectTime', (v) => v !== undefined],
  ['enableGracefulRestart', (v) => v === true],
  ['disableMP', (v) => v === true],
  ['dualStackAddressFamily', (v) => v === true],
  ['dynamicASN', (v) => typeof v === 'string' && v !== ''],
  ['interface', (v) => typeof v === 'string' && v !== ''],
  ['localASN', (v) => typeof v === 'number' && v !== 0],
];

export function checkNativePeer(peer: BGPPeer, out: IssueCollector): void {
  const ref: ObjectRef = { kind: 'BGPPeer', name: nameOf(peer) };
  for (const [field, isSet] of FRR_ONLY) {
    if (isSet(peer.spec?.[field])) {
      out.error(ref, `spec.${field}`, `${field} is not supported by the native BGP backend (FRR modes only)`);
    }
  }
}

export function checkNativeBFDProfiles(profiles: readonly BFDProfile[], out: IssueCollector): void {
  for (const p of profiles) {
    out.error(
      { kind: 'BFDProfile', name: nameOf(p) },
      'metadata.name',
      'BFD profiles are not supported by the native BGP backend (FRR modes only)',
    );
  }
}
