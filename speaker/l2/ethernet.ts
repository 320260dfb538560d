// Ethernet II frames (destination, source, EtherType, payload) and MAC address helpers. Pure: no I/O.
// 802.1Q tags are not parsed: AF_PACKET hands VLAN-tagged traffic up with the tag stripped, and a
// frame that still carries one decodes with EtherType 0x8100, which the responder ignores.

export const ETHERTYPE_IPV4 = 0x0800;
export const ETHERTYPE_ARP = 0x0806;
export const ETHERTYPE_IPV6 = 0x86dd;
export const ETHERTYPE_VLAN = 0x8100;

export const ETHERNET_HEADER_LENGTH = 14;
/** Shortest frame on the wire without the 4-byte FCS; shorter frames are zero-padded up to it. */
export const ETHERNET_MIN_FRAME_LENGTH = 60;

export const BROADCAST_MAC: Uint8Array = Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff);
export const ZERO_MAC: Uint8Array = new Uint8Array(6);

export interface EthernetFrame {
  dst: Uint8Array;
  src: Uint8Array;
  etherType: number;
  /** Everything after the header, padding included (upper layers read their own length). */
  payload: Uint8Array;
}

/** "aa:bb:cc:dd:ee:ff" (or '-' separated, any case) to 6 bytes; null when it is not a MAC-48. */
export function parseMac(text: string): Uint8Array | null {
  const m =
    /^([0-9a-f]{2})([:-])([0-9a-f]{2})\2([0-9a-f]{2})\2([0-9a-f]{2})\2([0-9a-f]{2})\2([0-9a-f]{2})$/i.exec(
      text,
    );
  if (!m) return null;
  return Uint8Array.from([m[1], m[3], m[4], m[5], m[6], m[7]], (h) => parseInt(h!, 16));
}

export function formatMac(mac: Uint8Array): string {
  return Array.from(mac.subarray(0, 6), (b) => b.toString(16).padStart(2, '0')).join(':');
}

export function macEquals(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== 6 || b.length !== 6) return false;
  for (let i = 0; i < 6; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Group bit: the least significant bit of the first octet (broadcast is a multicast address too). */
export function isMulticastMac(mac: Uint8Array): boolean {
  return mac.length === 6 && (mac[0]! & 1) === 1;
}

export function isBroadcastMac(mac: Uint8Array): boolean {
  return macEquals(mac, BROADCAST_MAC);
}

/** Decodes an Ethernet II header; null when the frame is shorter than one or carries an 802.3 length. */
export function decodeEthernet(frame: Uint8Array): EthernetFrame | null {
  if (frame.length < ETHERNET_HEADER_LENGTH) return null;
  const etherType = (frame[12]! << 8) | frame[13]!;
  if (etherType < 0x0600) return null; // an IEEE 802.3 length field, not an EtherType
  return {
    dst: frame.slice(0, 6),
    src: frame.slice(6, 12),
    etherType,
    payload: frame.subarray(ETHERNET_HEADER_LENGTH),
  };
}

/** Encodes a frame, zero-padding it to the 60-byte minimum unless `pad` is false. */
export function encodeEthernet(frame: EthernetFrame, pad = true): Uint8Array {
  if (frame.dst.length !== 6 || frame.src.length !== 6) throw new RangeError('MAC addresses are 6 bytes');
  const length = ETHERNET_HEADER_LENGTH + frame.payload.length;
  const out = new Uint8Array(pad ? Math.max(length, ETHERNET_MIN_FRAME_LENGTH) : length);
  out.set(frame.dst, 0);
  out.set(frame.src, 6);
  out[12] = (frame.etherType >> 8) & 0xff;
  out[13] = frame.etherType & 0xff;
  out.set(frame.payload, ETHERNET_HEADER_LENGTH);
  return out;
}
