// IPv6 Neighbor Discovery over Ethernet: the IPv6 header (RFC 8200), ICMPv6 checksum (RFC 4443) and
// Neighbor Solicitation / Advertisement with link-layer address options (RFC 4861). Pure: no I/O.
//
// IPv6 header (40 bytes): version 6 | traffic class | flow label | payload length | next header |
// hop limit | source (16) | destination (16). ND messages: next header 58, hop limit 255.
// NS: type 135 | code 0 | checksum | reserved (4) | target (16) | options.
// NA: type 136 | code 0 | checksum | R S O + 29 reserved bits | target (16) | options.
// Option: type (1 source, 2 target link-layer address) | length in 8-octet units | value.
import { ETHERTYPE_IPV6, decodeEthernet, encodeEthernet, isMulticastMac, macEquals } from './ethernet';
import { bytesEqual, formatIPv6Bytes, ipv6Bytes } from './ip-bytes';

export const IPV6_HEADER_LENGTH = 40;
export const NEXT_HEADER_ICMPV6 = 58;
export const ND_HOP_LIMIT = 255;
export const ICMPV6_NEIGHBOR_SOLICITATION = 135;
export const ICMPV6_NEIGHBOR_ADVERTISEMENT = 136;
export const ND_MESSAGE_MIN_LENGTH = 24;
export const ND_OPT_SOURCE_LINK_LAYER_ADDRESS = 1;
export const ND_OPT_TARGET_LINK_LAYER_ADDRESS = 2;

export const ALL_NODES = 'ff02::1';
export const ALL_NODES_MAC: Uint8Array = Uint8Array.of(0x33, 0x33, 0, 0, 0, 1);
export const UNSPECIFIED = '::';

const NA_FLAG_ROUTER = 0x80;
const NA_FLAG_SOLICITED = 0x40;
const NA_FLAG_OVERRIDE = 0x20;

export interface IPv6Packet {
  trafficClass: number;
  flowLabel: number;
  nextHeader: number;
  hopLimit: number;
  src: Uint8Array;
  dst: Uint8Array;
  /** Exactly payload-length bytes (Ethernet padding cut off). */
  payload: Uint8Array;
}

export interface NeighborSolicitation {
  type: 'ns';
  target: Uint8Array;
  sourceLinkLayerAddress?: Uint8Array;
}

export interface NeighborAdvertisement {
  type: 'na';
  router: boolean;
  solicited: boolean;
  override: boolean;
  target: Uint8Array;
  targetLinkLayerAddress?: Uint8Array;
}

export type NeighborMessage = NeighborSolicitation | NeighborAdvertisement;

// ---- addresses ----

export function isIPv6Multicast(addr: Uint8Array): boolean {
  return addr[0] === 0xff;
}

export function isIPv6Unspecified(addr: Uint8Array): boolean {
  return addr.length === 16 && addr.every((b) => b === 0);
}

/** ff02::1:ffXX:XXXX, the solicited-node multicast group of an address (its low 24 bits). */
export function solicitedNodeAddress(addr: Uint8Array): Uint8Array {
  const out = new Uint8Array(16);
  out.set([0xff, 0x02], 0);
  out.set([0x01, 0xff], 11);
  out.set(addr.subarray(13, 16), 13);
  return out;
}

/** 33:33 + the low 32 bits: the Ethernet group of an IPv6 multicast address (RFC 2464 §7). */
export function ipv6MulticastMac(group: Uint8Array): Uint8Array {
  return Uint8Array.of(0x33, 0x33, group[12]!, group[13]!, group[14]!, group[15]!);
}

/** 33:33:ff:XX:XX:XX for the solicited-node group of an address given as text; null if not IPv6. */
export function solicitedNodeMac(ip: string): Uint8Array | null {
  const b = ipv6Bytes(ip);
  return b ? ipv6MulticastMac(solicitedNodeAddress(b)) : null;
}

/** The solicited-node group of an address as text (what the shell joins per announced IP); null if not IPv6. */
export function solicitedNodeGroup(ip: string): string | null {
  const b = ipv6Bytes(ip);
  return b ? formatIPv6Bytes(solicitedNodeAddress(b)) : null;
}

// ---- IPv6 header ----

export function decodeIPv6(buf: Uint8Array): IPv6Packet | null {
  if (buf.length < IPV6_HEADER_LENGTH || buf[0]! >> 4 !== 6) return null;
  const payloadLength = (buf[4]! << 8) | buf[5]!;
  if (IPV6_HEADER_LENGTH + payloadLength > buf.length) return null;
  return {
    trafficClass: ((buf[0]! & 0x0f) << 4) | (buf[1]! >> 4),
    flowLabel: ((buf[1]! & 0x0f) << 16) | (buf[2]! << 8) | buf[3]!,
    nextHeader: buf[6]!,
    hopLimit: buf[7]!,
    src: buf.slice(8, 24),
    dst: buf.slice(24, 40),
    payload: buf.subarray(IPV6_HEADER_LENGTH, IPV6_HEADER_LENGTH + payloadLength),
  };
}

export function encodeIPv6(p: IPv6Packet): Uint8Array {
  if (p.payload.length > 0xffff) throw new RangeError('IPv6 payload too long (jumbograms unsupported)');
  const out = new Uint8Array(IPV6_HEADER_LENGTH + p.payload.length);
  out[0] = 0x60 | ((p.trafficClass >> 4) & 0x0f);
  out[1] = ((p.trafficClass & 0x0f) << 4) | ((p.flowLabel >> 16) & 0x0f);
  out[2] = (p.flowLabel >> 8) & 0xff;
  out[3] = p.flowLabel & 0xff;
  out[4] = p.payload.length >> 8;
  out[5] = p.payload.length & 0xff;
  out[6] = p.nextHeader;
  out[7] = p.hopLimit;
  out.set(p.src, 8);
  out.set(p.dst, 24);
  out.set(p.payload, IPV6_HEADER_LENGTH);
  return out;
}

// ---- ICMPv6 checksum ----

/**
 * The ICMPv6 checksum (RFC 4443 §2.3): ones' complement of the ones' complement sum over the IPv6
 * pseudo-header (source, destination, upper-layer length as 32 bits, 3 zero bytes, next header 58)
 * and the message, whose checksum field must hold zero, or its received value when verifying (a
 * correct message then sums to 0).
 */
export function icmpv6Checksum(src: Uint8Array, dst: Uint8Array, message: Uint8Array): number {
  let sum = 0;
  const add16 = (buf: Uint8Array) => {
    for (let i = 0; i < buf.length; i += 2) sum += (buf[i]! << 8) | (buf[i + 1] ?? 0);
  };
  add16(src);
  add16(dst);
  sum += (message.length >>> 16) + (message.length & 0xffff);
  sum += NEXT_HEADER_ICMPV6;
  add16(message);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

// ---- NS / NA ----

function encodeOption(type: number, mac: Uint8Array): Uint8Array {
  const out = new Uint8Array(8);
  out[0] = type;
  out[1] = 1;
  out.set(mac.subarray(0, 6), 2);
  return out;
}

/** The ICMPv6 message with its checksum filled in for the given IPv6 source and destination. */
export function encodeNeighborMessage(m: NeighborMessage, src: Uint8Array, dst: Uint8Array): Uint8Array {
  const lla = m.type === 'ns' ? m.sourceLinkLayerAddress : m.targetLinkLayerAddress;
  const out = new Uint8Array(ND_MESSAGE_MIN_LENGTH + (lla ? 8 : 0));
  out[0] = m.type === 'ns' ? ICMPV6_NEIGHBOR_SOLICITATION : ICMPV6_NEIGHBOR_ADVERTISEMENT;
  if (m.type === 'na') {
    out[4] =
      (m.router ? NA_FLAG_ROUTER : 0) |
      (m.solicited ? NA_FLAG_SOLICITED : 0) |
      (m.override ? NA_FLAG_OVERRIDE : 0);
  }
  out.set(m.target, 8);
  if (lla) {
    const type = m.type === 'ns' ? ND_OPT_SOURCE_LINK_LAYER_ADDRESS : ND_OPT_TARGET_LINK_LAYER_ADDRESS;
    out.set(encodeOption(type, lla), ND_MESSAGE_MIN_LENGTH);
  }
  const sum = icmpv6Checksum(src, dst, out);
  out[2] = sum >> 8;
  out[3] = sum & 0xff;
  return out;
}

/**
 * Decodes and validates an NS or NA carried in `ip` as RFC 4861 §7.1.1 / §7.1.2 require: hop limit
 * 255, a correct checksum, code 0, at least 24 bytes, a unicast target, no zero-length option; for
 * NS from the unspecified address: a solicited-node destination and no source link-layer option;
 * for NA to a multicast destination: Solicited clear. Null when anything fails. Only the Ethernet
 * link-layer options (length 1) are read; other options are skipped.
 */
export function decodeNeighborMessage(ip: IPv6Packet): NeighborMessage | null {
  const msg = ip.payload;
  if (ip.nextHeader !== NEXT_HEADER_ICMPV6 || ip.hopLimit !== ND_HOP_LIMIT) return null;
  if (msg.length < ND_MESSAGE_MIN_LENGTH) return null;
  const type = msg[0];
  if (type !== ICMPV6_NEIGHBOR_SOLICITATION && type !== ICMPV6_NEIGHBOR_ADVERTISEMENT) return null;
  if (msg[1] !== 0) return null;
  if (icmpv6Checksum(ip.src, ip.dst, msg) !== 0) return null;
  const target = msg.slice(8, 24);
  if (isIPv6Multicast(target)) return null;
  let lla: Uint8Array | undefined;
  let sawSource = false;
  const wanted =
    type === ICMPV6_NEIGHBOR_SOLICITATION
      ? ND_OPT_SOURCE_LINK_LAYER_ADDRESS
      : ND_OPT_TARGET_LINK_LAYER_ADDRESS;
  for (let off = ND_MESSAGE_MIN_LENGTH; off < msg.length;) {
    if (off + 2 > msg.length) return null;
    const optLen = msg[off + 1]! * 8;
    if (optLen === 0 || off + optLen > msg.length) return null;
    if (msg[off] === ND_OPT_SOURCE_LINK_LAYER_ADDRESS) sawSource = true;
    if (msg[off] === wanted && optLen === 8 && !lla) lla = msg.slice(off + 2, off + 8);
    off += optLen;
  }
  if (type === ICMPV6_NEIGHBOR_SOLICITATION) {
    if (isIPv6Unspecified(ip.src)) {
      if (sawSource || !bytesEqual(ip.dst, solicitedNodeAddress(target))) return null;
    }
    return lla ? { type: 'ns', target, sourceLinkLayerAddress: lla } : { type: 'ns', target };
  }
  const flags = msg[4]!;
  const solicited = (flags & NA_FLAG_SOLICITED) !== 0;
  if (solicited && isIPv6Multicast(ip.dst)) return null;
  const na: NeighborAdvertisement = {
    type: 'na',
    router: (flags & NA_FLAG_ROUTER) !== 0,
    solicited,
    override: (flags & NA_FLAG_OVERRIDE) !== 0,
    target,
  };
  if (lla) na.targetLinkLayerAddress = lla;
  return na;
}

/** A whole Ethernet frame carrying an ND message in IPv6 with hop limit 255. */
export function neighborFrame(
  ethDst: Uint8Array,
  ethSrc: Uint8Array,
  src: Uint8Array,
  dst: Uint8Array,
  m: NeighborMessage,
): Uint8Array {
  const payload = encodeNeighborMessage(m, src, dst);
  const ip = encodeIPv6({
    trafficClass: 0,
    flowLabel: 0,
    nextHeader: NEXT_HEADER_ICMPV6,
    hopLimit: ND_HOP_LIMIT,
    src,
    dst,
    payload,
  });
  return encodeEthernet({ dst: ethDst, src: ethSrc, etherType: ETHERTYPE_IPV6, payload: ip });
}

/** A multicast NS for `target` from `src` (our address, or '::' for DAD), to its solicited-node group. */
export function neighborSolicitationFrame(mac: Uint8Array, src: string, target: string): Uint8Array {
  const t = ipv6Bytes(target);
  const s = ipv6Bytes(src);
  if (!t || !s) throw new RangeError(`not IPv6: ${t ? src : target}`);
  const group = solicitedNodeAddress(t);
  const ns: NeighborSolicitation = isIPv6Unspecified(s)
    ? { type: 'ns', target: t }
    : { type: 'ns', target: t, sourceLinkLayerAddress: mac };
  return neighborFrame(ipv6MulticastMac(group), mac, s, group, ns);
}

/**
 * The unsolicited NA sent on takeover: from `ip` to all-nodes (ff02::1, 33:33:00:00:00:01),
 * Solicited clear, Override set, with our MAC as target link-layer address.
 */
export function unsolicitedNeighborAdvertisementFrame(mac: Uint8Array, ip: string): Uint8Array {
  const t = ipv6Bytes(ip);
  if (!t) throw new RangeError(`not IPv6: ${ip}`);
  return neighborFrame(ALL_NODES_MAC, mac, t, ipv6Bytes(ALL_NODES)!, {
    type: 'na',
    router: false,
    solicited: false,
    override: true,
    target: t,
    targetLinkLayerAddress: mac,
  });
}

export interface NdpResponderOptions {
  /**
   * Override flag on answers to solicitations. Upstream answers with Override clear, so that a
   * client keeps the entry an unsolicited NA (Override set) gave it during a planned failover;
   * default false.
   */
  override?: boolean;
}

/**
 * The NA answering an NS frame whose target is in `owned` (canonical IPv6 text), or null. The
 * answer comes from the target address, carries our MAC as target link-layer address, and goes:
 * for an NS from the unspecified address (DAD), to all-nodes with Solicited clear; otherwise to the
 * NS's source with Solicited set, at its source link-layer option or else the frame's source MAC.
 * The NS must be addressed to the target's solicited-node group or to the target itself, on an
 * Ethernet multicast address or our MAC; frames from our own MAC are ignored.
 */
export function respondNdp(
  frame: Uint8Array,
  mac: Uint8Array,
  owned: ReadonlySet<string>,
  options: NdpResponderOptions = {},
): { frame: Uint8Array; ip: string } | null {
  const eth = decodeEthernet(frame);
  if (!eth || eth.etherType !== ETHERTYPE_IPV6) return null;
  if (!isMulticastMac(eth.dst) && !macEquals(eth.dst, mac)) return null;
  if (macEquals(eth.src, mac)) return null;
  const ip = decodeIPv6(eth.payload);
  if (!ip || isIPv6Multicast(ip.src)) return null;
  const ns = decodeNeighborMessage(ip);
  if (!ns || ns.type !== 'ns') return null;
  const target = formatIPv6Bytes(ns.target);
  if (!owned.has(target)) return null;
  if (!bytesEqual(ip.dst, solicitedNodeAddress(ns.target)) && !bytesEqual(ip.dst, ns.target)) return null;
  const dad = isIPv6Unspecified(ip.src);
  const na: NeighborAdvertisement = {
    type: 'na',
    router: false,
    solicited: !dad,
    override: options.override ?? false,
    target: ns.target,
    targetLinkLayerAddress: mac,
  };
  const reply = dad
    ? neighborFrame(ALL_NODES_MAC, mac, ns.target, ipv6Bytes(ALL_NODES)!, na)
    : neighborFrame(ns.sourceLinkLayerAddress ?? eth.src, mac, ns.target, ip.src, na);
  return { frame: reply, ip: target };
}
