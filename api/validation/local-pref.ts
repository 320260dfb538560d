// LOCAL_PREF consistency: two advertisements of the same pool that would send the same prefix to
// the same peer from the same node must agree on localPref, or the router sees two values for one
// route. Advertisements with serviceSelectors are exempt (which services they cover is unknown).
import { BGPADVERTISEMENT_DEFAULTS } from '../defaults';
import type { BGPAdvertisement } from '../types';
import type { LabeledObject } from './config-input';
import { orientPair, type IssueCollector, type ObjectRef } from './issues';
import { nameOf } from './object-names';
import { nodeSetsIntersect, selectNodes, type NodeSet } from './node-sets';
import { selectedPools } from './pool-selection';
import type { ParsedPool } from './pools';

interface Effective {
  kind: 'BGPAdvertisement';
  name: string;
  localPref: number;
  v4: number;
  v6: number;
  peers: string[];
  nodes: NodeSet;
}

function aggregationDiffers(a: Effective, b: Effective, pool: ParsedPool): boolean {
  if (!pool.hasV4 && !pool.hasV6) return true;
  const v4Differs = a.v4 !== b.v4;
  const v6Differs = a.v6 !== b.v6;
  if (pool.hasV4 && pool.hasV6) return v4Differs && v6Differs;
  return pool.hasV4 ? v4Differs : v6Differs;
}

function compatible(a: Effective, b: Effective, pool: ParsedPool): boolean {
  if (a.localPref === b.localPref) return true;
  if (aggregationDiffers(a, b, pool)) return true;
  if (a.peers.length > 0 && b.peers.length > 0 && !a.peers.some((p) => b.peers.includes(p))) return true;
  return !nodeSetsIntersect(a.nodes, b.nodes);
}

export function checkLocalPref(
  ads: readonly BGPAdvertisement[],
  pools: readonly ParsedPool[],
  nodes: LabeledObject[] | undefined,
  focus: ObjectRef | undefined,
  out: IssueCollector,
): void {
  const perPool = new Map<ParsedPool, Effective[]>();
  for (const ad of ads) {
    const spec = ad.spec ?? {};
    if ((spec.serviceSelectors ?? []).length > 0) continue;
    const eff: Effective = {
      kind: 'BGPAdvertisement',
      name: nameOf(ad),
      localPref: spec.localPref ?? 0,
      v4: spec.aggregationLength ?? BGPADVERTISEMENT_DEFAULTS.aggregationLength,
      v6: spec.aggregationLengthV6 ?? BGPADVERTISEMENT_DEFAULTS.aggregationLengthV6,
      peers: spec.peers ?? [],
      nodes: selectNodes(spec.nodeSelectors, nodes),
    };
    for (const pool of selectedPools(spec, pools)) {
      const list = perPool.get(pool) ?? [];
      list.push(eff);
      perPool.set(pool, list);
    }
  }
  const reported = new Set<string>();
  for (const [pool, list] of perPool) {
    for (let j = 1; j < list.length; j++) {
      for (let i = 0; i < j; i++) {
        const [subject, other] = orientPair(list[i]!, list[j]!, focus);
        const key = `${subject.name}\0${other.name}`;
        if (reported.has(key) || compatible(subject, other, pool)) continue;
        reported.add(key);
        out.error(
          subject,
          'spec.localPref',
          `invalid local preference ${subject.localPref}: BGPAdvertisement ${JSON.stringify(other.name)} already sets local preference ${other.localPref} for the same prefixes of IPAddressPool ${JSON.stringify(pool.ref.name)} (same aggregation length, overlapping peers and nodes)`,
          { kind: 'BGPAdvertisement', name: other.name, field: 'spec.localPref' },
        );
      }
    }
  }
}
