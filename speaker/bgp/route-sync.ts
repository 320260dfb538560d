// Route synchronisation with one peer: the routes it should have (from setRoutes), what it has
// been sent (the rib-out), and the UPDATEs that move one to the other. The session decides when
// to sync (on establishment, on new routes, on ROUTE-REFRESH); this decides what to send.
import type { Route } from '../../api/announce/advertisement';
import { Afi } from './constants';
import type { Negotiated } from './negotiation';
import { familyOfAddress, type Family } from './prefix';
import { diffRibOut, endOfRib, fullTable, type PeerContext, type RibOut } from './rib-out';
import type { UpdateMessage } from './types';

export interface SkippedRoute {
  prefix: string;
  reason: string;
}

export interface RoutesSent {
  announced: string[];
  withdrawn: string[];
  /** UPDATEs the diff took (End-of-RIB markers not counted). */
  messages: number;
}

export interface SyncResult {
  /** UPDATEs to send, in order. */
  messages: UpdateMessage[];
  /** The routes that cannot go to this peer, when that list changed and is not empty. */
  newlySkipped?: SkippedRoute[];
  /** What the diff announced and withdrew, when it changed anything. */
  sent?: RoutesSent;
}

export interface NextHopOverrides {
  nextHopV4?: string;
  nextHopV6?: string;
}

/**
 * What the rib-out needs to know about the peer, once negotiated. The next hop of a family is the
 * override, else our local address of the connection when it is of that family (an IPv6
 * link-local address cannot serve: the peer may be routers away).
 */
export function peerContextFor(
  localAsn: number,
  negotiated: Negotiated | undefined,
  localAddress: string | undefined,
  overrides: NextHopOverrides,
): PeerContext | undefined {
  if (!negotiated) return undefined;
  const fam = localAddress ? familyOfAddress(localAddress) : undefined;
  const v4 = overrides.nextHopV4 ?? (fam === 4 ? localAddress : undefined);
  const v6 =
    overrides.nextHopV6 ?? (fam === 6 && !localAddress?.startsWith('fe80') ? localAddress : undefined);
  return {
    localAsn,
    ibgp: negotiated.ibgp,
    fourOctetAs: negotiated.fourOctetAs,
    families: negotiated.families,
    ...(v4 ? { nextHopV4: v4 } : {}),
    ...(v6 ? { nextHopV6: v6 } : {}),
  };
}

function announcedBy(updates: readonly UpdateMessage[]): string[] {
  return updates.flatMap((u) => [...u.nlri, ...(u.attributes.mpReach?.nlri ?? [])]);
}

function withdrawnBy(updates: readonly UpdateMessage[]): string[] {
  return updates.flatMap((u) => [...u.withdrawn, ...(u.attributes.mpUnreach?.withdrawn ?? [])]);
}

export class RouteSync {
  private desired: Route[] = [];
  private ribOut: RibOut = new Map();
  private skipped: SkippedRoute[] = [];

  /** Prefixes the peer currently has from us. */
  get prefixesSent(): number {
    return this.ribOut.size;
  }

  /** Distinct prefixes the peer should have (upstream's "pending" prefixes), sent or not. */
  get desiredPrefixes(): number {
    return new Set(this.desired.map((r) => r.prefix)).size;
  }

  /** Routes that cannot go to this peer (family not negotiated, no next hop), as of the last sync. */
  get skippedRoutes(): SkippedRoute[] {
    return [...this.skipped];
  }

  setDesired(routes: readonly Route[]): void {
    this.desired = [...routes];
  }

  /** The peer has nothing from us any more: the session went down or starts over. */
  forgetSent(): void {
    this.ribOut = new Map();
  }

  /**
   * The UPDATEs that bring the peer to the desired routes, then End-of-RIB for `endOfRibFor` (the
   * families of a fresh session, RFC 4724). The rib-out assumes they are all sent.
   */
  sync(peer: PeerContext, endOfRibFor: readonly Family[] = []): SyncResult {
    const diff = diffRibOut(peer, this.ribOut, this.desired);
    this.ribOut = diff.rib;
    // Skips are reported once per change, not on every sync.
    const skipsChanged = JSON.stringify(diff.skipped) !== JSON.stringify(this.skipped);
    this.skipped = diff.skipped;
    const result: SyncResult = { messages: [...diff.updates, ...endOfRibFor.map(endOfRib)] };
    if (skipsChanged && diff.skipped.length > 0) result.newlySkipped = diff.skipped;
    if (diff.updates.length > 0) {
      result.sent = {
        announced: announcedBy(diff.updates),
        withdrawn: withdrawnBy(diff.updates),
        messages: diff.updates.length,
      };
    }
    return result;
  }

  /** What the peer has of one address family, again (it asked with ROUTE-REFRESH). */
  resend(peer: PeerContext, afi: number): UpdateMessage[] {
    return fullTable(peer, this.ribOut, afi === Afi.IPv4 ? 4 : 6);
  }
}
