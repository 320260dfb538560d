// The validation core: every rule over a whole MetalLB configuration, as upstream's config parser
// and webhooks apply them, plus the seed's single-ASN (X1) and single-router-ID (X2) rules.
// The backend (bgpType) matters only for the few BGPPeer fields our native BGP speaker does not
// implement yet (native-backend.ts); everything else, BFD, IPv6 and large communities included, is
// judged the same way for native, frr and frr-k8s.
// Pure: the webhook, the controller (ConfigurationState) and the UI forms all call this.
import { checkBFDProfile } from './bfd-profiles';
import { checkEchoModeWithIPv6 } from './bfd-echo';
import { checkBGPAdvertisement } from './bgp-advertisements';
import { checkCommunities } from './community-aliases';
import type { ConfigInput, ValidateOptions } from './config-input';
import { IssueCollector, type ValidationResult } from './issues';
import { checkL2Advertisement } from './l2-advertisements';
import { checkLocalPref } from './local-pref';
import { checkNativeBFDProfile, checkNativePeer } from './native-backend';
import { byName, checkNames, nameOf } from './object-names';
import { checkPeerSet } from './peer-set';
import { checkPeer } from './peers';
import { checkPoolOverlaps } from './pool-overlaps';
import { parsePools } from './pools';
import { checkServiceAllocation } from './service-allocation';

export function validateConfig(cfg: ConfigInput, opts: ValidateOptions): ValidationResult {
  const out = new IssueCollector();
  const { focus, bgpType } = opts;
  const pools = byName(cfg.ipAddressPools);
  const l2Ads = byName(cfg.l2Advertisements);
  const bgpAds = byName(cfg.bgpAdvertisements);
  const peers = byName(cfg.bgpPeers);
  const profiles = byName(cfg.bfdProfiles);
  const communities = byName(cfg.communities);

  checkNames('IPAddressPool', pools, out);
  checkNames('L2Advertisement', l2Ads, out);
  checkNames('BGPAdvertisement', bgpAds, out);
  checkNames('BGPPeer', peers, out);
  checkNames('BFDProfile', profiles, out);
  checkNames('Community', communities, out);

  const parsedPools = parsePools(pools, out);
  checkPoolOverlaps(parsedPools, focus, out);
  for (const pool of parsedPools) checkServiceAllocation(pool, cfg.namespaces, out);

  for (const ad of l2Ads) checkL2Advertisement(ad, cfg.ipAddressPools ? parsedPools : undefined, out);

  const aliases = checkCommunities(communities, focus, out);
  const adContext = {
    pools: parsedPools,
    poolsKnown: cfg.ipAddressPools !== undefined,
    aliases: cfg.communities ? aliases : undefined,
    peerNames: cfg.bgpPeers ? new Set(peers.map(nameOf)) : undefined,
  };
  for (const ad of bgpAds) checkBGPAdvertisement(ad, adContext, out);
  checkLocalPref(bgpAds, parsedPools, cfg.nodes, focus, out);

  for (const profile of profiles) checkBFDProfile(profile, out);
  const peerContext = {
    namespace: opts.namespace,
    secrets: cfg.secrets,
    bfdProfileNames: cfg.bfdProfiles ? new Set(profiles.map(nameOf)) : undefined,
  };
  for (const peer of peers) checkPeer(peer, peerContext, out);
  checkPeerSet(peers, cfg.nodes, focus, out);
  checkEchoModeWithIPv6(bgpAds, parsedPools, peers, profiles, focus, out);

  if (bgpType === 'native') {
    for (const peer of peers) checkNativePeer(peer, out);
    for (const profile of profiles) checkNativeBFDProfile(profile, out);
  }
  return out.result;
}
