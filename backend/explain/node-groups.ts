// Every node's BGP plan at the cost of a few: a node's planBGP reads of the node only which
// BGPPeers and BGPAdvertisements select it (their nodeSelectors), whether it is excluded
// (NetworkUnavailable, the exclude-from-external-load-balancers label), and which ETP Local
// Services have a serving endpoint on it. Nodes alike in all of these get the same BGP plan, so one
// of them plans for all (1,000 identical nodes: one plan instead of 1,000).
import { planNode, prepare, type DesiredState } from '../../api/announce/desired-state';
import { endpointCanServe, nodeExclusion } from '../../api/announce/election';
import { L2RankingMemo } from '../../api/announce/l2-ranking';
import { selectorsAllow } from '../../api/announce/pool-selection';
import { nodeNames, planBase } from './announce';
import { runningSpeakers, type ClusterSnapshot } from './snapshot';

/**
 * Groups the nodes as above and hands each group (node names in name order) the plan of its first
 * node; only the plan's BGP part holds for every node of the group.
 */
export function eachBGPNodeGroup(
  snap: ClusterSnapshot,
  visit: (nodes: readonly string[], plan: DesiredState) => void,
): void {
  const prepared = prepare(planBase(snap, runningSpeakers(snap)));
  const localOn = new Map<string, string[]>();
  for (const c of prepared.considered) {
    if (!c.local) continue;
    for (const ep of prepared.endpoints.get(c.key) ?? []) {
      if (!ep.nodeName || !endpointCanServe(ep)) continue;
      const list = localOn.get(ep.nodeName);
      if (list) list.push(c.key);
      else localOn.set(ep.nodeName, [c.key]);
    }
  }
  const byName = new Map(prepared.nodes.map((n) => [n.name, n]));
  const groups = new Map<string, string[]>();
  for (const name of nodeNames(snap)) {
    const n = byName.get(name) ?? { name, labels: {} };
    const signature = JSON.stringify([
      snap.bgpPeers.map((p) => selectorsAllow(p.spec?.nodeSelectors, n.labels)),
      snap.bgpAdvertisements.map((a) => selectorsAllow(a.spec?.nodeSelectors, n.labels)),
      nodeExclusion(n),
      [...new Set(localOn.get(name) ?? [])].sort(),
    ]);
    const group = groups.get(signature);
    if (group) group.push(name);
    else groups.set(signature, [name]);
  }
  const l2Memo = new L2RankingMemo();
  for (const nodes of groups.values()) visit(nodes, planNode(prepared, nodes[0]!, l2Memo));
}
