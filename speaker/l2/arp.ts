// ARP for IPv4 over Ethernet (RFC 826) and the announcement frames of RFC 5227. Pure: no I/O.
//
// Packet (28 bytes): hardware type 1 (Ethernet) | protocol type 0x0800 | hardware length 6 |
// protocol length 4 | opcode (1 request, 2 reply) | sender MAC | sender IP | target MAC | target IP.
import {
  BROADCAST_MAC,
  ETHERTYPE_ARP,
  ETHERTYPE_IPV4,
  ZERO_MAC,
  decodeEthernet,
  encodeEthernet,
  isBroadcastMac,
  macEquals,
} from './ethernet';
import { formatIPv4Bytes, ipv4Bytes } from './ip-bytes';

export const ARP_PACKET_LENGTH = 28;
export const ARP_HTYPE_ETHERNET = 1;
export const ARP_OP_REQUEST = 1;
export const ARP_OP_REPLY = 2;

export type ArpOperation = typeof ARP_OP_REQUEST | typeof ARP_OP_REPLY;

export interface ArpPacket {
  operation: ArpOperation;
  senderMac: Uint8Array;
  /** Dotted quad. */
  senderIp: string;
  targetMac: Uint8Array;
  targetIp: string;
}

/** Decodes the ARP payload of an Ethernet frame (trailing padding allowed); null unless it is IPv4 over Ethernet. */
export function decodeArp(payload: Uint8Array): ArpPacket | null {
  if (payload.length < ARP_PACKET_LENGTH) return null;
  const htype = (payload[0]! << 8) | payload[1]!;
  const ptype = (payload[2]! << 8) | payload[3]!;
  const op = (payload[6]! << 8) | payload[7]!;
  if (htype !== ARP_HTYPE_ETHERNET || ptype !== ETHERTYPE_IPV4) return null;
  if (payload[4] !== 6 || payload[5] !== 4) return null;
  if (op !== ARP_OP_REQUEST && op !== ARP_OP_REPLY) return null;
  return {
    operation: op,
    senderMac: payload.slice(8, 14),
    senderIp: formatIPv4Bytes(payload.subarray(14, 18)),
    targetMac: payload.slice(18, 24),
    targetIp: formatIPv4Bytes(payload.subarray(24, 28)),
  };
}

/** The 28-byte ARP packet; throws on a MAC that is not 6 bytes or an IP that is not IPv4 (caller bugs). */
export function encodeArp(p: ArpPacket): Uint8Array {
  const spa = ipv4Bytes(p.senderIp);
  const tpa = ipv4Bytes(p.targetIp);
  if (!spa || !tpa) throw new RangeError(`not IPv4: ${spa ? p.targetIp : p.senderIp}`);
  if (p.senderMac.length !== 6 || p.targetMac.length !== 6) throw new RangeError('MAC addresses are 6 bytes');
  const out = new Uint8Array(ARP_PACKET_LENGTH);
  out.set([0, ARP_HTYPE_ETHERNET, ETHERTYPE_IPV4 >> 8, ETHERTYPE_IPV4 & 0xff, 6, 4, 0, p.operation]);
  out.set(p.senderMac, 8);
  out.set(spa, 14);
  out.set(p.targetMac, 18);
  out.set(tpa, 24);
  return out;
}

/** An ARP packet in an Ethernet frame (padded to 60 bytes). */
export function arpFrame(ethDst: Uint8Array, ethSrc: Uint8Array, p: ArpPacket): Uint8Array {
  return encodeEthernet({ dst: ethDst, src: ethSrc, etherType: ETHERTYPE_ARP, payload: encodeArp(p) });
}

/** A broadcast "who has targetIp, tell senderIp". */
export function arpRequestFrame(senderMac: Uint8Array, senderIp: string, targetIp: string): Uint8Array {
  return arpFrame(BROADCAST_MAC, senderMac, {
    operation: ARP_OP_REQUEST,
    senderMac,
    senderIp,
    targetMac: ZERO_MAC,
    targetIp,
  });
}

/** The reply to `request`: "ip is at mac", sent to the requester's MAC. */
export function arpReplyFrame(mac: Uint8Array, ip: string, request: ArpPacket): Uint8Array {
  return arpFrame(request.senderMac, mac, {
    operation: ARP_OP_REPLY,
    senderMac: mac,
    senderIp: ip,
    targetMac: request.senderMac,
    targetIp: request.senderIp,
  });
}

/**
 * The gratuitous frames sent on takeover, both broadcast with sender IP = target IP = ip: an RFC 5227
 * ARP Announcement (a request, target MAC zero) and a gratuitous reply (target MAC broadcast), as
 * upstream sends both so that hosts which only learn from one kind update their caches too.
 */
export function gratuitousArpFrames(mac: Uint8Array, ip: string): [request: Uint8Array, reply: Uint8Array] {
  const base = { senderMac: mac, senderIp: ip, targetIp: ip };
  return [
    arpFrame(BROADCAST_MAC, mac, { ...base, operation: ARP_OP_REQUEST, targetMac: ZERO_MAC }),
    arpFrame(BROADCAST_MAC, mac, { ...base, operation: ARP_OP_REPLY, targetMac: BROADCAST_MAC }),
  ];
}

/**
 * The reply to an ARP request frame for an address in `owned` (canonical dotted quads), or null.
 * Answers only requests sent to broadcast or to `mac`, never our own frames (a looped-back
 * announcement) nor another host's announcement (sender IP = target IP, which is not a question).
 * An RFC 5227 probe (sender IP 0.0.0.0) for an owned address is answered: that defends it.
 */
export function respondArp(
  frame: Uint8Array,
  mac: Uint8Array,
  owned: ReadonlySet<string>,
): { frame: Uint8Array; ip: string } | null {
  const eth = decodeEthernet(frame);
  if (!eth || eth.etherType !== ETHERTYPE_ARP) return null;
  if (!isBroadcastMac(eth.dst) && !macEquals(eth.dst, mac)) return null;
  if (macEquals(eth.src, mac)) return null;
  const req = decodeArp(eth.payload);
  if (!req || req.operation !== ARP_OP_REQUEST) return null;
  if (macEquals(req.senderMac, mac) || req.senderIp === req.targetIp) return null;
  if (!owned.has(req.targetIp)) return null;
  return { frame: arpReplyFrame(mac, req.targetIp, req), ip: req.targetIp };
}
