// The decoded model of BGP messages. Prefixes are canonical CIDR strings ("10.0.0.0/24",
// "2001:db8::/64"); addresses are canonical strings; AS numbers and communities are plain numbers.
// LargeCommunity lives next to the advertisement computation (api/announce, shared with the backend).
import type { LargeCommunity } from '../../api/announce/communities';

export type { LargeCommunity };
export type Origin = 0 | 1 | 2; // IGP, EGP, INCOMPLETE

export type AsPathSegmentKind = 'set' | 'sequence' | 'confedSequence' | 'confedSet';
export interface AsPathSegment {
  kind: AsPathSegmentKind;
  asns: number[];
}

export interface Aggregator {
  asn: number;
  address: string;
}

/** MP_REACH_NLRI (RFC 4760). Unicast IPv4/IPv6 are parsed; other families keep their value in `raw`. */
export interface MpReach {
  afi: number;
  safi: number;
  /** Global next hop, then the optional IPv6 link-local one (RFC 2545). */
  nextHops: string[];
  nlri: string[];
  raw?: Uint8Array;
}

export interface MpUnreach {
  afi: number;
  safi: number;
  withdrawn: string[];
  raw?: Uint8Array;
}

/** An attribute the codec does not interpret, kept byte for byte (flags without Extended Length). */
export interface RawAttribute {
  flags: number;
  type: number;
  value: Uint8Array;
}

export interface PathAttributes {
  origin?: Origin;
  asPath?: AsPathSegment[];
  nextHop?: string;
  med?: number;
  localPref?: number;
  atomicAggregate?: boolean;
  aggregator?: Aggregator;
  /** RFC 1997 values as uint32 (high 16 bits AS, low 16 bits value). */
  communities?: number[];
  largeCommunities?: LargeCommunity[];
  mpReach?: MpReach;
  mpUnreach?: MpUnreach;
  /** RFC 6793 attributes, present only on sessions without 4-octet AS support. */
  as4Path?: AsPathSegment[];
  as4Aggregator?: Aggregator;
  /** Unrecognised optional attributes, in received order. */
  unknown?: RawAttribute[];
}

export interface NotificationData {
  code: number;
  subcode: number;
  data: Uint8Array;
}

export type Capability =
  | { kind: 'multiprotocol'; afi: number; safi: number }
  | { kind: 'routeRefresh' }
  | { kind: 'fourOctetAs'; asn: number }
  | {
      kind: 'gracefulRestart';
      restarting: boolean;
      /** RFC 8538 N bit. */
      notification: boolean;
      restartTime: number;
      families: { afi: number; safi: number; forwardingPreserved: boolean }[];
    }
  | { kind: 'unknown'; code: number; value: Uint8Array };

export interface OpenMessage {
  type: 'open';
  version: number;
  /** The 2-octet My Autonomous System field (AS_TRANS when the real ASN needs 4 octets). */
  myAsn: number;
  holdTime: number;
  bgpId: string;
  capabilities: Capability[];
}

/** How an UPDATE was degraded under RFC 7606 while decoding. */
export interface UpdateErrorNote {
  notification: NotificationData;
  reason: string;
}

export interface UpdateMessage {
  type: 'update';
  withdrawn: string[];
  attributes: PathAttributes;
  nlri: string[];
  /**
   * Set when RFC 7606 "treat-as-withdraw" applies: every prefix in `nlri` and `attributes.mpReach`
   * must be handled as withdrawn. The notification is what RFC 4271 alone would have sent.
   */
  treatAsWithdraw?: UpdateErrorNote;
  /** Attributes dropped under RFC 7606 "attribute discard" (type codes). */
  discarded?: number[];
}

export interface NotificationMessage extends NotificationData {
  type: 'notification';
}

export interface KeepaliveMessage {
  type: 'keepalive';
}

export interface RouteRefreshMessage {
  type: 'routeRefresh';
  afi: number;
  safi: number;
  /** The reserved octet (RFC 7313 message subtype); 0 for a plain RFC 2918 request. */
  subtype: number;
}

export type BgpMessage =
  OpenMessage | UpdateMessage | NotificationMessage | KeepaliveMessage | RouteRefreshMessage;

/** A failed decode: the NOTIFICATION to send, then close the session. */
export interface DecodeError {
  notification: NotificationData;
  reason: string;
}

export type DecodeResult = { ok: true; message: BgpMessage } | { ok: false; error: DecodeError };

export interface CodecContext {
  /** Both sides advertised the 4-octet AS capability: AS_PATH carries 4-octet ASNs. */
  fourOctetAs: boolean;
}
