// One BFD session (RFC 5880 asynchronous mode, RFC 5881 single hop) as a pure reducer: state plus
// an event in, new state plus actions out. No sockets, no clocks: the shell owns one UDP socket per
// session, two timers (transmit, detection) it (re)arms as told, and the BGP session it tears down
// on `sessionDown`. Echo mode is not implemented (we advertise Required Min Echo RX 0) and we never
// ask for Demand mode; authentication is not configured, so packets with A set are discarded.
//
// Choices the RFC leaves open: a packet is sent at once (besides the periodic ones) when the state
// changes and when a Poll Sequence starts, as common implementations do, for faster convergence;
// LocalDiag clears when the session comes Up; an AdminDown session keeps sending slowly.
import type { BFDProfileSpec } from '../../api/types';
import {
  BFD_CONTROL_LENGTH,
  BFD_VERSION,
  BfdDiag,
  BfdState,
  controlPacketProblem,
  ttlAcceptable,
  type BfdControlPacket,
  type BfdRejection,
} from './packet';

/** While not Up, Desired Min TX must be at least one second (§6.8.3). */
export const BFD_SLOW_TX_US = 1_000_000;

/** BFDProfile defaults (FRR's): 300 ms both ways, multiplier 3, minimum TTL 254 (multi-hop only). */
export const BFD_PROFILE_DEFAULTS = {
  receiveInterval: 300,
  transmitInterval: 300,
  detectMultiplier: 3,
  minimumTtl: 254,
} as const;

export interface BfdSessionConfig {
  /** Our Desired Min TX Interval once Up, µs. */
  desiredMinTxUs: number;
  /** Our Required Min RX Interval, µs. */
  requiredMinRxUs: number;
  detectMult: number;
  /** Wait for the peer's first packet before sending anything. */
  passive: boolean;
  multiHop: boolean;
  /** Lowest TTL accepted on multi-hop sessions. */
  minimumTtl: number;
}

/** A session configuration from a BFDProfile spec (intervals in ms); echo settings are ignored. */
export function bfdConfigFromProfile(spec: BFDProfileSpec = {}, multiHop = false): BfdSessionConfig {
  return {
    desiredMinTxUs: (spec.transmitInterval ?? BFD_PROFILE_DEFAULTS.transmitInterval) * 1000,
    requiredMinRxUs: (spec.receiveInterval ?? BFD_PROFILE_DEFAULTS.receiveInterval) * 1000,
    detectMult: spec.detectMultiplier ?? BFD_PROFILE_DEFAULTS.detectMultiplier,
    passive: spec.passiveMode ?? false,
    multiHop,
    minimumTtl: spec.minimumTtl ?? BFD_PROFILE_DEFAULTS.minimumTtl,
  };
}

export interface BfdSession {
  readonly config: BfdSessionConfig;
  readonly state: BfdState;
  readonly remoteState: BfdState;
  readonly localDiscr: number;
  /** 0 until the peer is heard, and again after a detection timeout. */
  readonly remoteDiscr: number;
  readonly localDiag: BfdDiag;
  /** Detect Mult of the peer's last packet (0 before any). */
  readonly remoteDetectMult: number;
  /** bfd.RemoteMinRxInterval, µs (1 before the peer is heard). */
  readonly remoteMinRxUs: number;
  /** Desired Min TX of the peer's last packet, µs. */
  readonly remoteDesiredMinTxUs: number;
  readonly remoteDemand: boolean;
  /** bfd.DesiredMinTxInterval: what we advertise, µs. */
  readonly desiredMinTxUs: number;
  /** bfd.RequiredMinRxInterval: what we advertise, µs. */
  readonly requiredMinRxUs: number;
  /** The values our timing uses; they lag the advertised ones while a Poll Sequence is pending. */
  readonly txInUseUs: number;
  readonly rxInUseUs: number;
  /** The advertised values of the Poll Sequence in progress, or null. */
  readonly poll: { readonly txUs: number; readonly rxUs: number } | null;
  /** Values changed again during the poll: poll once more when it ends. */
  readonly repoll: boolean;
}

export type BfdEvent =
  | { type: 'start' }
  | {
      type: 'packet';
      packet: BfdControlPacket;
      /** IP TTL / hop limit, when the socket reports it. */ ttl?: number;
    }
  | { type: 'txTimer' }
  | { type: 'detectionTimer' }
  | { type: 'adminDown' }
  | { type: 'adminUp' }
  | { type: 'configure'; config: BfdSessionConfig };

export type BfdDiscardReason =
  BfdRejection | 'ttl' | 'your-discriminator-mismatch' | 'authentication-not-configured' | 'local-admin-down';

export type BfdAction =
  | { type: 'send'; packet: BfdControlPacket }
  /** (Re)arm the transmit timer to fire after a uniformly random delay in [minUs, maxUs] (jitter). */
  | { type: 'armTx'; minUs: number; maxUs: number }
  /** (Re)arm the detection timer. */
  | { type: 'armDetection'; us: number }
  | { type: 'stopDetection' }
  | { type: 'stateChange'; from: BfdState; to: BfdState; diag: BfdDiag }
  | { type: 'sessionUp' }
  | { type: 'sessionDown'; diag: BfdDiag }
  | { type: 'discard'; reason: BfdDiscardReason };

export interface BfdStep {
  session: BfdSession;
  actions: BfdAction[];
}

/** A new session in Down; `localDiscr` must be non-zero and unique on this node. Feed it `start`. */
export function createBfdSession(config: BfdSessionConfig, localDiscr: number): BfdSession {
  if (!Number.isInteger(localDiscr) || localDiscr <= 0 || localDiscr > 0xffffffff) {
    throw new RangeError('the local discriminator must be a non-zero 32-bit value');
  }
  const tx = Math.max(config.desiredMinTxUs, BFD_SLOW_TX_US);
  return {
    config,
    state: BfdState.Down,
    remoteState: BfdState.Down,
    localDiscr,
    remoteDiscr: 0,
    localDiag: BfdDiag.None,
    remoteDetectMult: 0,
    remoteMinRxUs: 1,
    remoteDesiredMinTxUs: 0,
    remoteDemand: false,
    desiredMinTxUs: tx,
    requiredMinRxUs: config.requiredMinRxUs,
    txInUseUs: tx,
    rxInUseUs: config.requiredMinRxUs,
    poll: null,
    repoll: false,
  };
}

/** The periodic transmit interval before jitter: max(our Desired Min TX in use, the peer's Required Min RX). */
export function txIntervalUs(s: BfdSession): number {
  return Math.max(s.txInUseUs, s.remoteMinRxUs);
}

/** Detection Time: the peer's Detect Mult × max(our Required Min RX in use, the peer's Desired Min TX). */
export function detectionTimeUs(s: BfdSession): number {
  return s.remoteDetectMult * Math.max(s.rxInUseUs, s.remoteDesiredMinTxUs);
}

/** The control packet this session would send now. */
export function controlPacket(
  s: BfdSession,
  flags: { poll?: boolean; final?: boolean } = {},
): BfdControlPacket {
  return {
    version: BFD_VERSION,
    diag: s.localDiag,
    state: s.state,
    poll: !!flags.poll && !flags.final,
    final: !!flags.final,
    controlPlaneIndependent: false,
    authenticationPresent: false,
    demand: false,
    multipoint: false,
    detectMult: s.config.detectMult,
    length: BFD_CONTROL_LENGTH,
    myDiscriminator: s.localDiscr,
    yourDiscriminator: s.remoteDiscr,
    desiredMinTxInterval: s.desiredMinTxUs,
    requiredMinRxInterval: s.requiredMinRxUs,
    requiredMinEchoRxInterval: 0,
  };
}

/** A passive session stays silent until it knows the peer's discriminator (§6.8.7). */
function maySend(s: BfdSession): boolean {
  return !(s.config.passive && s.remoteDiscr === 0);
}

/** Periodic packets stop when the peer asks for none (RemoteMinRx 0) or runs Demand mode while both are Up. */
function mayTransmitPeriodically(s: BfdSession): boolean {
  if (!maySend(s) || s.remoteMinRxUs === 0) return false;
  return !(s.remoteDemand && s.state === BfdState.Up && s.remoteState === BfdState.Up);
}

function armTx(s: BfdSession): BfdAction {
  const interval = txIntervalUs(s);
  // §6.8.7: jitter 0-25% off the interval; with Detect Mult 1 at most 90% of it.
  const max = s.config.detectMult === 1 ? Math.floor(interval * 0.9) : interval;
  return { type: 'armTx', minUs: Math.ceil(interval * 0.75), maxUs: max };
}

/**
 * Moves the advertised intervals to (tx, rx). Outside Up every change applies at once. While Up a
 * Poll Sequence carries it (§6.8.3): a lower TX or higher RX applies at once (both only slow the
 * peer's detection down or speed us up), a higher TX or lower RX waits for the Final.
 */
function retarget(s: BfdSession, tx: number, rx: number): BfdSession {
  if (s.desiredMinTxUs === tx && s.requiredMinRxUs === rx) return s;
  if (s.state !== BfdState.Up) {
    return {
      ...s,
      desiredMinTxUs: tx,
      requiredMinRxUs: rx,
      txInUseUs: tx,
      rxInUseUs: rx,
      poll: null,
      repoll: false,
    };
  }
  return {
    ...s,
    desiredMinTxUs: tx,
    requiredMinRxUs: rx,
    txInUseUs: Math.min(s.txInUseUs, tx),
    rxInUseUs: Math.max(s.rxInUseUs, rx),
    poll: s.poll ?? { txUs: tx, rxUs: rx },
    repoll: s.poll !== null,
  };
}

/** The intervals the session should advertise in its current state (slow TX unless Up). */
function targetIntervals(s: BfdSession): [tx: number, rx: number] {
  const tx =
    s.state === BfdState.Up ? s.config.desiredMinTxUs : Math.max(s.config.desiredMinTxUs, BFD_SLOW_TX_US);
  return [tx, s.config.requiredMinRxUs];
}

/** A Final arrived for the poll in progress: the polled values take effect; poll again if they moved since. */
function finishPoll(s: BfdSession): BfdSession {
  const p = s.poll;
  if (!p) return s;
  const txInUseUs = Math.min(p.txUs, s.desiredMinTxUs);
  const rxInUseUs = Math.max(p.rxUs, s.requiredMinRxUs);
  const again = s.repoll && (txInUseUs !== s.desiredMinTxUs || rxInUseUs !== s.requiredMinRxUs);
  return {
    ...s,
    txInUseUs,
    rxInUseUs,
    poll: again ? { txUs: s.desiredMinTxUs, rxUs: s.requiredMinRxUs } : null,
    repoll: false,
  };
}

/**
 * After a state change: notifications, the intervals of the new state (slow TX unless Up, a Poll
 * Sequence on coming Up), and an immediate packet plus a re-armed transmit timer.
 */
function settle(before: BfdSession, s: BfdSession, actions: BfdAction[], sendNow: boolean): BfdStep {
  if (s.state !== before.state) {
    if (s.state === BfdState.Up) s = { ...s, localDiag: BfdDiag.None };
    actions.push({ type: 'stateChange', from: before.state, to: s.state, diag: s.localDiag });
    if (s.state === BfdState.Up) actions.push({ type: 'sessionUp' });
    else if (before.state === BfdState.Up) actions.push({ type: 'sessionDown', diag: s.localDiag });
  }
  const pollBefore = s.poll;
  s = retarget(s, ...targetIntervals(s));
  const pollStarted = s.poll !== null && s.poll !== pollBefore;
  if ((sendNow || s.state !== before.state || pollStarted) && mayTransmitPeriodically(s)) {
    actions.push({ type: 'send', packet: controlPacket(s, { poll: s.poll !== null }) });
    actions.push(armTx(s));
  }
  return { session: s, actions };
}

function onPacket(s: BfdSession, p: BfdControlPacket, ttl: number | undefined): BfdStep {
  const discard = (reason: BfdDiscardReason): BfdStep => ({
    session: s,
    actions: [{ type: 'discard', reason }],
  });
  if (p.version !== BFD_VERSION) return discard('bad-version');
  const problem = controlPacketProblem(p);
  if (problem) return discard(problem);
  if (ttl !== undefined && !ttlAcceptable(ttl, s.config.multiHop, s.config.minimumTtl)) return discard('ttl');
  if (p.yourDiscriminator !== 0 && p.yourDiscriminator !== s.localDiscr)
    return discard('your-discriminator-mismatch');
  if (p.authenticationPresent) return discard('authentication-not-configured');

  const before = s;
  let n: BfdSession = {
    ...s,
    remoteDiscr: p.myDiscriminator,
    remoteState: p.state,
    remoteDemand: p.demand,
    remoteMinRxUs: p.requiredMinRxInterval,
    remoteDesiredMinTxUs: p.desiredMinTxInterval,
    remoteDetectMult: p.detectMult,
  };
  if (p.final && n.poll) n = finishPoll(n);
  const actions: BfdAction[] = [];
  if (n.state === BfdState.AdminDown) {
    return { session: n, actions: [{ type: 'discard', reason: 'local-admin-down' }] };
  }

  if (p.state === BfdState.AdminDown) {
    if (n.state !== BfdState.Down)
      n = { ...n, state: BfdState.Down, localDiag: BfdDiag.NeighborSignaledSessionDown };
  } else if (n.state === BfdState.Down) {
    if (p.state === BfdState.Down) n = { ...n, state: BfdState.Init };
    else if (p.state === BfdState.Init) n = { ...n, state: BfdState.Up };
  } else if (n.state === BfdState.Init) {
    if (p.state === BfdState.Init || p.state === BfdState.Up) n = { ...n, state: BfdState.Up };
  } else if (p.state === BfdState.Down) {
    n = { ...n, state: BfdState.Down, localDiag: BfdDiag.NeighborSignaledSessionDown };
  }

  actions.push({ type: 'armDetection', us: detectionTimeUs(n) });
  // A Poll is answered at once with a Final (P clear), whatever the timers, state or demand mode say.
  if (p.poll) actions.push({ type: 'send', packet: controlPacket(n, { final: true }) });
  // The periodic packets follow a shorter interval from now on (the Final just went out, or the
  // peer lowered its Required Min RX): waiting out a timer armed for the old, slower interval
  // would leave a gap longer than the peer's new Detection Time (seen with FRR: its session timed
  // out 900 ms after coming Up while our next packet was still up to 1 s away).
  if ((p.poll || txIntervalUs(n) < txIntervalUs(before)) && mayTransmitPeriodically(n))
    actions.push(armTx(n));
  const wasSilent = !maySend(before) && maySend(n);
  return settle(before, n, actions, wasSilent);
}

/** The session reducer. Events the current state does not care about return it unchanged. */
export function bfdReduce(s: BfdSession, ev: BfdEvent): BfdStep {
  switch (ev.type) {
    case 'start':
      return settle(s, s, [], true);
    case 'packet':
      return onPacket(s, ev.packet, ev.ttl);
    case 'txTimer': {
      const actions: BfdAction[] = [];
      if (mayTransmitPeriodically(s))
        actions.push({ type: 'send', packet: controlPacket(s, { poll: s.poll !== null }) });
      actions.push(armTx(s));
      return { session: s, actions };
    }
    case 'detectionTimer': {
      if (s.state === BfdState.AdminDown) return { session: s, actions: [] };
      let n: BfdSession = { ...s, remoteDiscr: 0, remoteState: BfdState.Down };
      if (s.state === BfdState.Init || s.state === BfdState.Up) {
        n = { ...n, state: BfdState.Down, localDiag: BfdDiag.ControlDetectionTimeExpired };
      }
      return settle(s, n, [], false);
    }
    case 'adminDown': {
      if (s.state === BfdState.AdminDown) return { session: s, actions: [] };
      const n: BfdSession = { ...s, state: BfdState.AdminDown, localDiag: BfdDiag.AdministrativelyDown };
      return settle(s, n, [{ type: 'stopDetection' }], true);
    }
    case 'adminUp': {
      if (s.state !== BfdState.AdminDown) return { session: s, actions: [] };
      return settle(s, { ...s, state: BfdState.Down }, [], true);
    }
    case 'configure': {
      // Passive turned off while the peer is unknown: nothing was sent or armed yet, so start now.
      const n: BfdSession = { ...s, config: ev.config };
      return settle(s, n, [], !maySend(s) && maySend(n));
    }
  }
}
