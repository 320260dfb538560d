// BGPAdvertisement rules on one advertisement: list duplicates, selectors, aggregation lengths
// (range, versus serviceSelectors, versus the CIDRs of the pools it selects), LOCAL_PREF range and
// communities (literal or alias). The rules are the same for every BGP backend: our native speaker
// announces IPv6 prefixes (MP-BGP) and large communities as the FRR modes do.
import { formatCIDR } from '../ip-ranges';
import { BGPADVERTISEMENT_DEFAULTS } from '../defaults';
import type { BGPAdvertisement } from '../types';
import type { CommunityAlias } from './community-aliases';
import { parseCommunity } from './community-literal';
import { duplicateEntries } from './duplicate-entries';
import type { IssueCollector, ObjectRef } from './issues';
import { selectorListProblems } from './label-selector';
import { nameOf } from './object-names';
import { selectedPools, warnUnknownPools } from './pool-selection';
import type { ParsedPool } from './pools';

export interface BGPAdvertisementContext {
  pools: readonly ParsedPool[];
  poolsKnown: boolean;
  /** undefined when the Community objects are not known (aliases cannot be resolved). */
  aliases: Map<string, CommunityAlias> | undefined;
  /** undefined when the BGPPeer objects are not known. */
  peerNames: ReadonlySet<string> | undefined;
}

function checkAggregation(
  ref: ObjectRef,
  field: 'aggregationLength' | 'aggregationLengthV6',
  value: number,
  max: number,
  pools: readonly ParsedPool[],
  out: IssueCollector,
): void {
  const family = max === 32 ? 4 : 6;
  if (!Number.isInteger(value) || value < 1 || value > max) {
    out.error(ref, `spec.${field}`, `invalid aggregation length ${value} for IPv${family}: must be 1-${max}`);
    return;
  }
  for (const pool of pools) {
    for (const entry of pool.entries) {
      if (entry.range.family !== family) continue;
      const widest = entry.cidrs.reduce((min, c) => Math.min(min, c.length), max);
      if (value < widest) {
        const example = entry.cidrs.find((c) => c.length === widest)!;
        out.error(
          ref,
          `spec.${field}`,
          `invalid aggregation length ${value}: prefix ${formatCIDR(example)} of addresses ${JSON.stringify(entry.text)} in IPAddressPool ${JSON.stringify(pool.ref.name)} is more specific than the aggregation length (/${widest} or longer is needed)`,
          { ...pool.ref, field: `spec.addresses[${entry.index}]` },
        );
      }
    }
  }
}

function checkCommunityList(
  ref: ObjectRef,
  ad: BGPAdvertisement,
  ctx: BGPAdvertisementContext,
  out: IssueCollector,
) {
  (ad.spec?.communities ?? []).forEach((text, i) => {
    const field = `spec.communities[${i}]`;
    const alias = ctx.aliases?.get(text);
    const value = alias ? alias.value : parseCommunity(text);
    if (!value.ok) {
      if (alias) return; // the Community object itself is reported
      if (value.problem === 'value') out.error(ref, field, value.message);
      else if (ctx.aliases) {
        out.transient(
          ref,
          field,
          `community ${JSON.stringify(text)} is neither a valid community nor the name of an alias defined by a Community object (it may not exist yet)`,
        );
      }
    }
  });
}

export function checkBGPAdvertisement(
  ad: BGPAdvertisement,
  ctx: BGPAdvertisementContext,
  out: IssueCollector,
) {
  const ref: ObjectRef = { kind: 'BGPAdvertisement', name: nameOf(ad) };
  const spec = ad.spec ?? {};
  const problems = [
    ...duplicateEntries(spec.ipAddressPools, 'spec.ipAddressPools'),
    ...duplicateEntries(spec.communities, 'spec.communities'),
    ...duplicateEntries(spec.peers, 'spec.peers'),
    ...selectorListProblems(spec.ipAddressPoolSelectors, 'spec.ipAddressPoolSelectors'),
    ...selectorListProblems(spec.nodeSelectors, 'spec.nodeSelectors'),
    ...selectorListProblems(spec.serviceSelectors, 'spec.serviceSelectors'),
  ];
  for (const p of problems) out.error(ref, p.field, p.detail);

  const pools = selectedPools(spec, ctx.pools);
  const v4 = spec.aggregationLength ?? BGPADVERTISEMENT_DEFAULTS.aggregationLength;
  const v6 = spec.aggregationLengthV6 ?? BGPADVERTISEMENT_DEFAULTS.aggregationLengthV6;
  checkAggregation(ref, 'aggregationLength', v4, 32, pools, out);
  checkAggregation(ref, 'aggregationLengthV6', v6, 128, pools, out);
  if ((spec.serviceSelectors ?? []).length > 0) {
    // A service-selected advertisement announces single services, which an aggregate would not.
    if (v4 !== BGPADVERTISEMENT_DEFAULTS.aggregationLength) {
      out.error(
        ref,
        'spec.aggregationLength',
        `serviceSelectors and aggregationLength are mutually exclusive: with serviceSelectors the aggregation length must stay ${BGPADVERTISEMENT_DEFAULTS.aggregationLength}, got ${v4}`,
      );
    }
    if (v6 !== BGPADVERTISEMENT_DEFAULTS.aggregationLengthV6) {
      out.error(
        ref,
        'spec.aggregationLengthV6',
        `serviceSelectors and aggregationLengthV6 are mutually exclusive: with serviceSelectors the aggregation length must stay ${BGPADVERTISEMENT_DEFAULTS.aggregationLengthV6}, got ${v6}`,
      );
    }
  }
  if (
    spec.localPref !== undefined &&
    (!Number.isInteger(spec.localPref) || spec.localPref < 0 || spec.localPref > 0xffff_ffff)
  ) {
    out.error(ref, 'spec.localPref', `localPref must be an integer in 0-4294967295, got ${spec.localPref}`);
  }
  checkCommunityList(ref, ad, ctx, out);

  if (ctx.peerNames) {
    (spec.peers ?? []).forEach((peer, i) => {
      if (!ctx.peerNames!.has(peer)) {
        out.warning(
          ref,
          `spec.peers[${i}]`,
          `BGPPeer ${JSON.stringify(peer)} does not exist; nothing is advertised to it until it is created`,
        );
      }
    });
  }
  warnUnknownPools(ref, spec, ctx.poolsKnown ? ctx.pools : undefined, out);
}
