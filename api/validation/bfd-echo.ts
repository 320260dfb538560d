// BFD echo mode cannot run over IPv6, so a pool holding IPv6 addresses may not be advertised to a
// peer whose BFD profile enables echo mode.
import type { BFDProfile, BGPAdvertisement, BGPPeer } from '../types';
import { isFocus, type IssueCollector, type ObjectRef } from './issues';
import { nameOf } from './object-names';
import { selectedPools } from './pool-selection';
import type { ParsedPool } from './pools';

export function checkEchoModeWithIPv6(
  ads: readonly BGPAdvertisement[],
  pools: readonly ParsedPool[],
  peers: readonly BGPPeer[],
  profiles: readonly BFDProfile[],
  focus: ObjectRef | undefined,
  out: IssueCollector,
): void {
  const echo = new Set(profiles.filter((p) => p.spec?.echoMode).map(nameOf));
  const echoPeers = peers.filter((p) => p.spec?.bfdProfile && echo.has(p.spec.bfdProfile));
  if (echoPeers.length === 0) return;
  const q = JSON.stringify;
  for (const ad of ads) {
    const adRef: ObjectRef = { kind: 'BGPAdvertisement', name: nameOf(ad) };
    const v6Pool = selectedPools(ad.spec, pools).find((p) => p.hasV6);
    if (!v6Pool) continue;
    const targets = ad.spec?.peers ?? [];
    for (const peer of echoPeers) {
      const peerRef: ObjectRef = { kind: 'BGPPeer', name: nameOf(peer) };
      if (targets.length > 0 && !targets.includes(peerRef.name)) continue;
      const detail = `IPAddressPool ${q(v6Pool.ref.name)} has IPv6 addresses and is advertised by BGPAdvertisement ${q(adRef.name)} to BGPPeer ${q(peerRef.name)}, whose BFDProfile ${q(peer.spec.bfdProfile)} enables echo mode, which is not possible with IPv6`;
      if (isFocus(adRef, focus))
        out.error(adRef, 'spec.peers', detail, { ...peerRef, field: 'spec.bfdProfile' });
      else out.error(peerRef, 'spec.bfdProfile', detail, adRef);
    }
  }
}
