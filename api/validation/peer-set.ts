// Rules across BGPPeers: the seed's single local ASN (X1) and single router ID (X2), no two
// sessions to the same router from one node, and "peers sharing a node agree on whether a router ID
// is set". The last two come from upstream's FRR mode and apply to every backend here: our native
// speaker, like FRR, runs one BGP instance per node with one router ID for all of the node's
// sessions (see checkPairs).
import { parseIP } from '../ip-ranges';
import type { BGPPeer } from '../types';
import type { LabeledObject } from './config-input';
import { orientPair, type IssueCollector, type ObjectRef } from './issues';
import { nameOf } from './object-names';
import { nodeSetsIntersect, selectNodes, type NodeSet } from './node-sets';

interface PeerInfo {
  kind: 'BGPPeer';
  name: string;
  peer: BGPPeer;
  nodes: NodeSet;
  /** The routerID in canonical form, if set and valid. */
  routerID?: string;
  routerIDSet: boolean;
  identity?: { key: string; field: string; text: string };
}

function canonicalIP(text: string): string | undefined {
  const ip = parseIP(text);
  return ip ? `${ip.family}/${ip.value}` : undefined;
}

function info(peer: BGPPeer, nodes: LabeledObject[] | undefined): PeerInfo {
  const s = peer.spec ?? ({} as BGPPeer['spec']);
  const out: PeerInfo = {
    kind: 'BGPPeer',
    name: nameOf(peer),
    peer,
    nodes: selectNodes(s.nodeSelectors, nodes),
    routerIDSet: !!s.routerID,
  };
  if (s.routerID) out.routerID = canonicalIP(s.routerID);
  const vrf = s.vrf ?? '';
  if (s.peerAddress) {
    const ip = canonicalIP(s.peerAddress);
    if (ip) out.identity = { key: `addr:${ip}|${vrf}`, field: 'spec.peerAddress', text: s.peerAddress };
  } else if (s.interface) {
    out.identity = { key: `if:${s.interface}|${vrf}`, field: 'spec.interface', text: s.interface };
  }
  return out;
}

/** The peer others are compared with: the first one (by name) that is not the object being admitted. */
function reference(list: PeerInfo[], usable: (p: PeerInfo) => boolean, focus: ObjectRef | undefined) {
  const candidates = list.filter(usable);
  return (
    candidates.find((p) => !(focus && p.name === focus.name && focus.kind === 'BGPPeer')) ?? candidates[0]
  );
}

function checkSingleASN(list: PeerInfo[], focus: ObjectRef | undefined, out: IssueCollector): void {
  const valid = (p: PeerInfo) => Number.isInteger(p.peer.spec?.myASN) && p.peer.spec.myASN > 0;
  const ref = reference(list, valid, focus);
  if (!ref) return;
  for (const p of list) {
    if (p === ref || !valid(p) || p.peer.spec.myASN === ref.peer.spec.myASN) continue;
    out.error(
      p,
      'spec.myASN',
      `myASN ${p.peer.spec.myASN} differs from myASN ${ref.peer.spec.myASN} of BGPPeer ${JSON.stringify(ref.name)}: MetalLB uses a single local ASN, so every BGPPeer must have the same myASN`,
      { kind: 'BGPPeer', name: ref.name, field: 'spec.myASN' },
    );
  }
}

function checkSingleRouterID(list: PeerInfo[], focus: ObjectRef | undefined, out: IssueCollector): void {
  const valid = (p: PeerInfo) => p.routerID !== undefined;
  const ref = reference(list, valid, focus);
  if (!ref) return;
  for (const p of list) {
    if (p === ref || !valid(p) || p.routerID === ref.routerID) continue;
    out.error(
      p,
      'spec.routerID',
      `routerID ${JSON.stringify(p.peer.spec.routerID)} differs from routerID ${JSON.stringify(ref.peer.spec.routerID)} of BGPPeer ${JSON.stringify(ref.name)}: MetalLB uses a single router ID, so every BGPPeer that sets routerID must set the same value`,
      { kind: 'BGPPeer', name: ref.name, field: 'spec.routerID' },
    );
  }
}

/**
 * Pairs of peers that run on a common node: no duplicate session, and agreement on whether routerID
 * is set. Upstream checks the router-ID agreement only in FRR modes, where all sessions of a node
 * live in one BGP router with one router ID; its Go native backend runs every session on its own.
 * Our native speaker implements what FRR does (BFD, dual-stack MP-BGP, dynamicASN, localASN) as one
 * BGP instance per node, so with one peer of a node setting routerID and another not, it would face
 * the same ambiguity (which router ID does the node use?). Accepting that in native mode would also
 * let a node present two router IDs, which X2 exists to prevent. So both rules apply whatever the
 * backend; the bgpType no longer matters here. The duplicate-session rule is backend-neutral anyway
 * (no speaker can hold two sessions to one router from one node); the VRF is part of the identity
 * for the FRR modes, and native mode refuses vrf in native-backend.ts.
 */
function checkPairs(list: PeerInfo[], focus: ObjectRef | undefined, out: IssueCollector): void {
  const duplicateReported = new Set<PeerInfo>();
  for (let j = 1; j < list.length; j++) {
    for (let i = 0; i < j; i++) {
      const [subject, other] = orientPair(list[i]!, list[j]!, focus);
      if (!nodeSetsIntersect(subject.nodes, other.nodes)) continue;
      const q = JSON.stringify;
      if (
        subject.identity &&
        subject.identity.key === other.identity?.key &&
        !duplicateReported.has(subject)
      ) {
        duplicateReported.add(subject);
        const vrf = subject.peer.spec.vrf;
        out.error(
          subject,
          subject.identity.field,
          `peer ${subject.identity.text}${vrf ? ` (vrf ${q(vrf)})` : ''} already exists as BGPPeer ${q(other.name)} on the same nodes: two sessions to one router from one node are not possible`,
          { kind: 'BGPPeer', name: other.name, field: other.identity!.field },
        );
      }
      if (subject.routerIDSet !== other.routerIDSet) {
        const detail = subject.routerIDSet
          ? `routerID ${q(subject.peer.spec.routerID)} is set here but not on BGPPeer ${q(other.name)}, which runs on the same nodes`
          : `routerID is not set here but BGPPeer ${q(other.name)}, which runs on the same nodes, sets ${q(other.peer.spec.routerID)}`;
        out.error(
          subject,
          'spec.routerID',
          `${detail}; all peers of a node must use the same router ID (a node runs one BGP instance with one router ID)`,
          {
            kind: 'BGPPeer',
            name: other.name,
            field: 'spec.routerID',
          },
        );
      }
    }
  }
}

export function checkPeerSet(
  peers: readonly BGPPeer[],
  nodes: LabeledObject[] | undefined,
  focus: ObjectRef | undefined,
  out: IssueCollector,
): void {
  const list = peers.map((p) => info(p, nodes));
  checkSingleASN(list, focus, out);
  checkSingleRouterID(list, focus, out);
  checkPairs(list, focus, out);
}
