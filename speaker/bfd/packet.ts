// BFD Control packets (RFC 5880 §4.1) and the packet-level reception checks of §6.8.6. Pure: no I/O.
//
// Mandatory section (24 bytes):
//   Vers(3) Diag(5) | Sta(2) P F C A D M | Detect Mult | Length |
//   My Discriminator (32) | Your Discriminator (32) |
//   Desired Min TX Interval (32, µs) | Required Min RX Interval (32, µs) | Required Min Echo RX Interval (32, µs)
// An optional authentication section follows when A is set (type, length, ...).

export const BFD_VERSION = 1;
export const BFD_CONTROL_LENGTH = 24;
/** RFC 5881: single-hop control packets go to UDP 3784, from a source port in 49152-65535, TTL 255. */
export const BFD_SINGLE_HOP_PORT = 3784;
/** RFC 5883: multi-hop control packets go to UDP 4784. */
export const BFD_MULTI_HOP_PORT = 4784;
export const BFD_SOURCE_PORT_MIN = 49152;
export const BFD_SOURCE_PORT_MAX = 65535;
export const BFD_SINGLE_HOP_TTL = 255;

export enum BfdState {
  AdminDown = 0,
  Down = 1,
  Init = 2,
  Up = 3,
}

export enum BfdDiag {
  None = 0,
  ControlDetectionTimeExpired = 1,
  EchoFunctionFailed = 2,
  NeighborSignaledSessionDown = 3,
  ForwardingPlaneReset = 4,
  PathDown = 5,
  ConcatenatedPathDown = 6,
  AdministrativelyDown = 7,
  ReverseConcatenatedPathDown = 8,
}

export const BFD_STATE_NAMES: Record<BfdState, string> = {
  [BfdState.AdminDown]: 'AdminDown',
  [BfdState.Down]: 'Down',
  [BfdState.Init]: 'Init',
  [BfdState.Up]: 'Up',
};

export const BFD_DIAG_NAMES: Record<number, string> = {
  0: 'No Diagnostic',
  1: 'Control Detection Time Expired',
  2: 'Echo Function Failed',
  3: 'Neighbor Signaled Session Down',
  4: 'Forwarding Plane Reset',
  5: 'Path Down',
  6: 'Concatenated Path Down',
  7: 'Administratively Down',
  8: 'Reverse Concatenated Path Down',
};

export interface BfdAuthSection {
  type: number;
  /** The whole section as received, type and length bytes included. */
  bytes: Uint8Array;
}

export interface BfdControlPacket {
  version: number;
  /** 0-31; codes 9-31 are reserved but carried as received. */
  diag: number;
  state: BfdState;
  poll: boolean;
  final: boolean;
  controlPlaneIndependent: boolean;
  authenticationPresent: boolean;
  demand: boolean;
  multipoint: boolean;
  detectMult: number;
  /** The Length field (bytes of the whole packet). */
  length: number;
  myDiscriminator: number;
  yourDiscriminator: number;
  /** Microseconds. */
  desiredMinTxInterval: number;
  /** Microseconds. */
  requiredMinRxInterval: number;
  /** Microseconds; 0 means the sender does not support (or want) echo. */
  requiredMinEchoRxInterval: number;
  auth?: BfdAuthSection;
}

/** Fields a sender chooses; the rest default to an ordinary asynchronous-mode packet. */
export type BfdControlFields = Pick<
  BfdControlPacket,
  | 'state'
  | 'detectMult'
  | 'myDiscriminator'
  | 'yourDiscriminator'
  | 'desiredMinTxInterval'
  | 'requiredMinRxInterval'
> &
  Partial<BfdControlPacket>;

export type BfdRejection =
  | 'truncated'
  | 'bad-version'
  | 'length-too-short'
  | 'length-exceeds-payload'
  | 'auth-section-malformed'
  | 'zero-detect-mult'
  | 'multipoint-set'
  | 'zero-my-discriminator'
  | 'zero-your-discriminator-in-active-state';

export type BfdDecodeResult = { ok: true; packet: BfdControlPacket } | { ok: false; reason: BfdRejection };

/**
 * Decodes one UDP payload and applies the §6.8.6 checks that need no session: version 1; Length at
 * least 24 (26 with A set, and covering the authentication section's own length) and no more than
 * the payload; Detect Mult non-zero; M clear; My Discriminator non-zero; Your Discriminator zero
 * only in Down or AdminDown. Never throws. Authentication is decoded but not verified: the session
 * decides (it uses none, so it discards A=1 packets).
 */
export function decodeBfdControl(buf: Uint8Array): BfdDecodeResult {
  if (buf.length < BFD_CONTROL_LENGTH) return { ok: false, reason: 'truncated' };
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const version = buf[0]! >> 5;
  const flags = buf[1]!;
  const length = buf[3]!;
  const authenticationPresent = (flags & 0x04) !== 0;
  if (version !== BFD_VERSION) return { ok: false, reason: 'bad-version' };
  if (length < (authenticationPresent ? BFD_CONTROL_LENGTH + 2 : BFD_CONTROL_LENGTH)) {
    return { ok: false, reason: 'length-too-short' };
  }
  if (length > buf.length) return { ok: false, reason: 'length-exceeds-payload' };
  const packet: BfdControlPacket = {
    version,
    diag: buf[0]! & 0x1f,
    state: (flags >> 6) as BfdState,
    poll: (flags & 0x20) !== 0,
    final: (flags & 0x10) !== 0,
    controlPlaneIndependent: (flags & 0x08) !== 0,
    authenticationPresent,
    demand: (flags & 0x02) !== 0,
    multipoint: (flags & 0x01) !== 0,
    detectMult: buf[2]!,
    length,
    myDiscriminator: dv.getUint32(4),
    yourDiscriminator: dv.getUint32(8),
    desiredMinTxInterval: dv.getUint32(12),
    requiredMinRxInterval: dv.getUint32(16),
    requiredMinEchoRxInterval: dv.getUint32(20),
  };
  if (authenticationPresent) {
    const authLen = buf[BFD_CONTROL_LENGTH + 1]!;
    if (authLen < 2 || BFD_CONTROL_LENGTH + authLen > length)
      return { ok: false, reason: 'auth-section-malformed' };
    packet.auth = {
      type: buf[BFD_CONTROL_LENGTH]!,
      bytes: buf.slice(BFD_CONTROL_LENGTH, BFD_CONTROL_LENGTH + authLen),
    };
  }
  const reason = controlPacketProblem(packet);
  return reason ? { ok: false, reason } : { ok: true, packet };
}

/**
 * The §6.8.6 checks on a decoded packet's fields (Detect Mult, M, discriminators); null when it
 * passes. decodeBfdControl applies them, and the session applies them again to what it is handed.
 */
export function controlPacketProblem(
  p: Pick<BfdControlPacket, 'detectMult' | 'multipoint' | 'myDiscriminator' | 'yourDiscriminator' | 'state'>,
): BfdRejection | null {
  if (p.detectMult === 0) return 'zero-detect-mult';
  if (p.multipoint) return 'multipoint-set';
  if (p.myDiscriminator === 0) return 'zero-my-discriminator';
  if (p.yourDiscriminator === 0 && p.state !== BfdState.Down && p.state !== BfdState.AdminDown) {
    return 'zero-your-discriminator-in-active-state';
  }
  return null;
}

/** Encodes a control packet; Length is computed (24, plus the authentication section if any). */
export function encodeBfdControl(fields: BfdControlFields): Uint8Array {
  const p = fields;
  const authBytes = p.auth?.bytes;
  const authenticationPresent = p.authenticationPresent ?? authBytes !== undefined;
  const length = BFD_CONTROL_LENGTH + (authBytes?.length ?? 0);
  const out = new Uint8Array(length);
  const dv = new DataView(out.buffer);
  out[0] = (((p.version ?? BFD_VERSION) & 0x07) << 5) | ((p.diag ?? 0) & 0x1f);
  out[1] =
    ((p.state & 0x03) << 6) |
    (p.poll ? 0x20 : 0) |
    (p.final ? 0x10 : 0) |
    (p.controlPlaneIndependent ? 0x08 : 0) |
    (authenticationPresent ? 0x04 : 0) |
    (p.demand ? 0x02 : 0) |
    (p.multipoint ? 0x01 : 0);
  out[2] = p.detectMult & 0xff;
  out[3] = length;
  dv.setUint32(4, p.myDiscriminator >>> 0);
  dv.setUint32(8, p.yourDiscriminator >>> 0);
  dv.setUint32(12, p.desiredMinTxInterval >>> 0);
  dv.setUint32(16, p.requiredMinRxInterval >>> 0);
  dv.setUint32(20, (p.requiredMinEchoRxInterval ?? 0) >>> 0);
  if (authBytes) out.set(authBytes, BFD_CONTROL_LENGTH);
  return out;
}

/**
 * RFC 5881 §5 / RFC 5883 reception TTL check (GTSM): single-hop packets must arrive with TTL (hop
 * limit) 255; multi-hop ones with at least `minimumTtl` (the BFDProfile field, default 254).
 */
export function ttlAcceptable(ttl: number, multiHop: boolean, minimumTtl = 254): boolean {
  return multiHop ? ttl >= minimumTtl : ttl === BFD_SINGLE_HOP_TTL;
}
