// The L2 responder core: one received frame in, the answer frame (or nothing) out. Pure: the
// AF_PACKET shell feeds it every ARP and IPv6 frame of an interface, with that interface's MAC and
// the IPs this node announces on it, and writes back what it returns.
import { respondArp } from './arp';
import { ETHERNET_HEADER_LENGTH, ETHERTYPE_ARP, ETHERTYPE_IPV6 } from './ethernet';
import { respondNdp, type NdpResponderOptions } from './ndp';

export interface L2Reply {
  frame: Uint8Array;
  protocol: 'arp' | 'ndp';
  /** The owned address asked for (canonical text), for the per-IP request/response metrics. */
  ip: string;
}

export type ResponderOptions = NdpResponderOptions;

/**
 * Answers an ARP request or an NDP neighbor solicitation for an address in `owned` (canonical
 * text, see ownedIPSet), or returns null: for anything else, for addresses not owned, and for
 * malformed frames (it never throws on input bytes).
 */
export function respond(
  frame: Uint8Array,
  mac: Uint8Array,
  owned: ReadonlySet<string>,
  options: ResponderOptions = {},
): L2Reply | null {
  if (frame.length < ETHERNET_HEADER_LENGTH || mac.length !== 6 || owned.size === 0) return null;
  const etherType = (frame[12]! << 8) | frame[13]!;
  if (etherType === ETHERTYPE_ARP) {
    const r = respondArp(frame, mac, owned);
    return r && { ...r, protocol: 'arp' };
  }
  if (etherType === ETHERTYPE_IPV6) {
    const r = respondNdp(frame, mac, owned, options);
    return r && { ...r, protocol: 'ndp' };
  }
  return null;
}
