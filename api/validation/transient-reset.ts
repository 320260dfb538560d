// Upstream's webhooks blank the fields whose references may legitimately dangle (peer bfdProfile
// and passwordSecret, community aliases) before validating, so an admission result does not depend
// on the order objects are created in.
import type { BGPAdvertisement, BGPPeer } from '../types';

export function resetPeerTransientFields(peer: BGPPeer): BGPPeer {
  const spec = { ...peer.spec };
  delete spec.bfdProfile;
  delete spec.passwordSecret;
  return { ...peer, spec };
}

/** Aliases are the community strings without ':' (literals always have one). */
export function resetAdvertisementTransientFields(ad: BGPAdvertisement): BGPAdvertisement {
  if (!ad.spec?.communities) return ad;
  return { ...ad, spec: { ...ad.spec, communities: ad.spec.communities.filter((c) => c.includes(':')) } };
}
