import { describe, expect, it } from 'vitest';
import { prng } from '../l2/test-helpers';
import {
  BFD_DIAG_NAMES,
  BfdDiag,
  BfdState,
  decodeBfdControl,
  encodeBfdControl,
  type BfdControlPacket,
} from './packet';
import {
  BFD_SLOW_TX_US,
  bfdConfigFromProfile,
  bfdReduce,
  controlPacket,
  createBfdSession,
  detectionTimeUs,
  txIntervalUs,
  type BfdAction,
  type BfdEvent,
  type BfdSession,
} from './session';

const CFG = bfdConfigFromProfile({});
const LOCAL = 0x1111;
const REMOTE = 0x2222;
const { AdminDown, Down, Init, Up } = BfdState;

/** A session already in `state`, having heard the peer (remote discriminator known, peer's 300 ms intervals). */
function sessionIn(state: BfdState, over: Partial<BfdSession> = {}): BfdSession {
  const s = createBfdSession(CFG, LOCAL);
  const up = state === Up;
  return {
    ...s,
    state,
    remoteDiscr: REMOTE,
    remoteDetectMult: 3,
    remoteMinRxUs: 300_000,
    remoteDesiredMinTxUs: up ? 300_000 : BFD_SLOW_TX_US,
    desiredMinTxUs: up ? 300_000 : BFD_SLOW_TX_US,
    txInUseUs: up ? 300_000 : BFD_SLOW_TX_US,
    ...over,
  };
}

/** A packet from the peer. */
function peer(state: BfdState, over: Partial<BfdControlPacket> = {}): BfdControlPacket {
  const yours = state === Down || state === AdminDown ? 0 : LOCAL;
  return {
    ...controlPacket(createBfdSession(CFG, REMOTE), {}),
    state,
    yourDiscriminator: yours,
    desiredMinTxInterval: 300_000,
    ...over,
  };
}

const types = (actions: BfdAction[]) => actions.map((a) => a.type);
const sent = (actions: BfdAction[]) =>
  actions.filter((a): a is Extract<BfdAction, { type: 'send' }> => a.type === 'send').map((a) => a.packet);

describe('bfdConfigFromProfile', () => {
  it('uses FRR defaults and converts ms to µs', () => {
    expect(bfdConfigFromProfile()).toEqual({
      desiredMinTxUs: 300_000,
      requiredMinRxUs: 300_000,
      detectMult: 3,
      passive: false,
      multiHop: false,
      minimumTtl: 254,
    });
    expect(
      bfdConfigFromProfile(
        {
          receiveInterval: 50,
          transmitInterval: 20,
          detectMultiplier: 5,
          passiveMode: true,
          minimumTtl: 10,
          echoMode: true,
          echoInterval: 10,
        },
        true,
      ),
    ).toEqual({
      desiredMinTxUs: 20_000,
      requiredMinRxUs: 50_000,
      detectMult: 5,
      passive: true,
      multiHop: true,
      minimumTtl: 10,
    });
  });
  it('refuses a zero discriminator', () => {
    expect(() => createBfdSession(CFG, 0)).toThrow(RangeError);
    expect(() => createBfdSession(CFG, 2 ** 32)).toThrow(RangeError);
  });
});

describe('start and slow transmission', () => {
  it('starts Down, sends at once, and transmits every second (jittered 75-100%)', () => {
    const s = createBfdSession(CFG, LOCAL);
    expect(s.state).toBe(Down);
    const { actions } = bfdReduce(s, { type: 'start' });
    const [p] = sent(actions);
    expect(p).toMatchObject({
      state: Down,
      yourDiscriminator: 0,
      myDiscriminator: LOCAL,
      desiredMinTxInterval: BFD_SLOW_TX_US,
      requiredMinRxInterval: 300_000,
      requiredMinEchoRxInterval: 0,
      detectMult: 3,
    });
    expect(actions).toContainEqual({ type: 'armTx', minUs: 750_000, maxUs: 1_000_000 });
    // What it sends passes our own decoder.
    expect(decodeBfdControl(encodeBfdControl(p!)).ok).toBe(true);
  });
  it('keeps slow TX when configured slower than a second', () => {
    const s = createBfdSession(bfdConfigFromProfile({ transmitInterval: 2000 }), LOCAL);
    expect(s.desiredMinTxUs).toBe(2_000_000);
  });
  it('passive: silent until the peer is heard, then talks', () => {
    const s = createBfdSession(bfdConfigFromProfile({ passiveMode: true }), LOCAL);
    expect(sent(bfdReduce(s, { type: 'start' }).actions)).toEqual([]);
    const t = bfdReduce(s, { type: 'txTimer' });
    expect(types(t.actions)).toEqual(['armTx']);
    const r = bfdReduce(s, { type: 'packet', packet: peer(Down) });
    expect(r.session.state).toBe(Init);
    expect(sent(r.actions)[0]).toMatchObject({ state: Init, yourDiscriminator: REMOTE });
  });
  it('passive turned off before the peer is heard: sends and arms the transmit timer at once', () => {
    const passive = bfdConfigFromProfile({ passiveMode: true });
    const s = bfdReduce(createBfdSession(passive, LOCAL), { type: 'start' }).session;
    const r = bfdReduce(s, { type: 'configure', config: { ...passive, passive: false } });
    expect(types(r.actions)).toEqual(['send', 'armTx']);
    expect(sent(r.actions)[0]).toMatchObject({ state: Down, yourDiscriminator: 0 });
  });
});

describe('state transitions on received state (RFC 5880 §6.8.6), every pair', () => {
  // [local, received, new state, diag, notifications]
  it.each<[BfdState, BfdState, BfdState, BfdDiag, string[]]>([
    [AdminDown, AdminDown, AdminDown, BfdDiag.None, ['discard']],
    [AdminDown, Down, AdminDown, BfdDiag.None, ['discard']],
    [AdminDown, Init, AdminDown, BfdDiag.None, ['discard']],
    [AdminDown, Up, AdminDown, BfdDiag.None, ['discard']],
    [Down, AdminDown, Down, BfdDiag.None, []],
    [Down, Down, Init, BfdDiag.None, ['stateChange']],
    [Down, Init, Up, BfdDiag.None, ['stateChange', 'sessionUp']],
    [Down, Up, Down, BfdDiag.None, []],
    [Init, AdminDown, Down, BfdDiag.NeighborSignaledSessionDown, ['stateChange']],
    [Init, Down, Init, BfdDiag.None, []],
    [Init, Init, Up, BfdDiag.None, ['stateChange', 'sessionUp']],
    [Init, Up, Up, BfdDiag.None, ['stateChange', 'sessionUp']],
    [Up, AdminDown, Down, BfdDiag.NeighborSignaledSessionDown, ['stateChange', 'sessionDown']],
    [Up, Down, Down, BfdDiag.NeighborSignaledSessionDown, ['stateChange', 'sessionDown']],
    [Up, Init, Up, BfdDiag.None, []],
    [Up, Up, Up, BfdDiag.None, []],
  ])('%s + received %s → %s', (local, received, next, diag, notes) => {
    const r = bfdReduce(sessionIn(local), { type: 'packet', packet: peer(received) });
    expect(r.session.state).toBe(next);
    expect(r.session.localDiag).toBe(diag);
    expect(
      types(r.actions).filter((t) => ['stateChange', 'sessionUp', 'sessionDown', 'discard'].includes(t)),
    ).toEqual(notes);
    if (local !== AdminDown) {
      expect(r.session.remoteState).toBe(received);
      expect(r.actions).toContainEqual({ type: 'armDetection', us: detectionTimeUs(r.session) });
    }
    if (next !== local) {
      // A state change is announced to the peer at once.
      expect(sent(r.actions).at(-1)?.state).toBe(next);
    }
    const down = r.actions.find((a) => a.type === 'sessionDown');
    if (down) expect(down).toEqual({ type: 'sessionDown', diag: BfdDiag.NeighborSignaledSessionDown });
  });
});

describe('timers', () => {
  it.each<[BfdState, BfdState, BfdDiag, boolean]>([
    [Down, Down, BfdDiag.None, false],
    [Init, Down, BfdDiag.ControlDetectionTimeExpired, false],
    [Up, Down, BfdDiag.ControlDetectionTimeExpired, true],
  ])('detection timer in %s → %s diag %s', (local, next, diag, notifiesDown) => {
    const r = bfdReduce(sessionIn(local), { type: 'detectionTimer' });
    expect(r.session.state).toBe(next);
    expect(r.session.localDiag).toBe(diag);
    expect(r.session.remoteDiscr).toBe(0);
    expect(r.actions.some((a) => a.type === 'sessionDown')).toBe(notifiesDown);
    if (local !== next) expect(sent(r.actions)[0]).toMatchObject({ state: Down, diag, yourDiscriminator: 0 });
  });
  it('detection timer in AdminDown does nothing', () => {
    const s = sessionIn(AdminDown);
    expect(bfdReduce(s, { type: 'detectionTimer' })).toEqual({ session: s, actions: [] });
  });
  it('detection time = remote Detect Mult × max(our Required Min RX, remote Desired Min TX)', () => {
    expect(
      detectionTimeUs(
        sessionIn(Up, { remoteDetectMult: 5, rxInUseUs: 100_000, remoteDesiredMinTxUs: 200_000 }),
      ),
    ).toBe(1_000_000);
    expect(
      detectionTimeUs(
        sessionIn(Up, { remoteDetectMult: 2, rxInUseUs: 400_000, remoteDesiredMinTxUs: 200_000 }),
      ),
    ).toBe(800_000);
  });
  it('tx interval = max(our Desired Min TX, remote Required Min RX)', () => {
    expect(txIntervalUs(sessionIn(Up, { remoteMinRxUs: 500_000 }))).toBe(500_000);
    expect(txIntervalUs(sessionIn(Up, { remoteMinRxUs: 10_000 }))).toBe(300_000);
    expect(txIntervalUs(sessionIn(Down))).toBe(BFD_SLOW_TX_US);
  });
  it('tx timer sends the current packet and re-arms with jitter', () => {
    const r = bfdReduce(sessionIn(Up), { type: 'txTimer' });
    expect(sent(r.actions)).toEqual([controlPacket(sessionIn(Up))]);
    expect(r.actions).toContainEqual({ type: 'armTx', minUs: 225_000, maxUs: 300_000 });
  });
  it('Detect Mult 1 keeps the jittered interval at or below 90%', () => {
    const s = sessionIn(Up, { config: { ...CFG, detectMult: 1 } });
    expect(bfdReduce(s, { type: 'txTimer' }).actions).toContainEqual({
      type: 'armTx',
      minUs: 225_000,
      maxUs: 270_000,
    });
  });
  it.each<[string, Partial<BfdSession>]>([
    ['the peer wants no packets (Required Min RX 0)', { remoteMinRxUs: 0 }],
    ['the peer runs Demand mode while both are Up', { remoteDemand: true, remoteState: Up }],
    ['passive and the peer is unknown', { config: { ...CFG, passive: true }, remoteDiscr: 0 }],
  ])('tx timer stays silent when %s', (_name, over) => {
    const r = bfdReduce(sessionIn(Up, over), { type: 'txTimer' });
    expect(types(r.actions)).toEqual(['armTx']);
  });
});

describe('Poll / Final', () => {
  it('coming Up switches to the configured TX at once and polls for it', () => {
    const r = bfdReduce(sessionIn(Init), { type: 'packet', packet: peer(Up) });
    expect(r.session).toMatchObject({
      state: Up,
      desiredMinTxUs: 300_000,
      txInUseUs: 300_000,
      poll: { txUs: 300_000, rxUs: 300_000 },
    });
    expect(sent(r.actions)[0]).toMatchObject({
      state: Up,
      poll: true,
      final: false,
      desiredMinTxInterval: 300_000,
    });
    const tx = bfdReduce(r.session, { type: 'txTimer' });
    expect(sent(tx.actions)[0]?.poll).toBe(true);
    const fin = bfdReduce(r.session, { type: 'packet', packet: peer(Up, { final: true }) });
    expect(fin.session.poll).toBeNull();
    expect(sent(bfdReduce(fin.session, { type: 'txTimer' }).actions)[0]?.poll).toBe(false);
  });
  it('answers a Poll at once with a Final (and never both bits)', () => {
    const r = bfdReduce(sessionIn(Up), {
      type: 'packet',
      packet: peer(Up, { poll: true, requiredMinRxInterval: 600_000 }),
    });
    const [f] = sent(r.actions);
    expect(f).toMatchObject({ final: true, poll: false, state: Up });
    expect(r.session.remoteMinRxUs).toBe(600_000);
    expect(txIntervalUs(r.session)).toBe(600_000);
  });
  it('answers a Poll with a Final even while polling itself', () => {
    const s = sessionIn(Up, { poll: { txUs: 300_000, rxUs: 300_000 } });
    const [f] = sent(bfdReduce(s, { type: 'packet', packet: peer(Up, { poll: true }) }).actions);
    expect(f).toMatchObject({ final: true, poll: false });
  });
  it('a Final without a poll in progress changes nothing', () => {
    const s = sessionIn(Up);
    const r = bfdReduce(s, { type: 'packet', packet: peer(Up, { final: true }) });
    expect(r.session.poll).toBeNull();
    expect(r.session.txInUseUs).toBe(300_000);
  });
  it('raising TX while Up waits for the Final; lowering TX applies at once', () => {
    const up = sessionIn(Up);
    const slower = bfdReduce(up, { type: 'configure', config: { ...CFG, desiredMinTxUs: 900_000 } });
    expect(slower.session).toMatchObject({
      desiredMinTxUs: 900_000,
      txInUseUs: 300_000,
      poll: { txUs: 900_000, rxUs: 300_000 },
    });
    expect(sent(slower.actions)[0]).toMatchObject({ poll: true, desiredMinTxInterval: 900_000 });
    const done = bfdReduce(slower.session, { type: 'packet', packet: peer(Up, { final: true }) });
    expect(done.session).toMatchObject({ txInUseUs: 900_000, poll: null });
    const faster = bfdReduce(done.session, {
      type: 'configure',
      config: { ...CFG, desiredMinTxUs: 100_000 },
    });
    expect(faster.session).toMatchObject({ txInUseUs: 100_000, poll: { txUs: 100_000, rxUs: 300_000 } });
  });
  it('lowering RX while Up keeps the old detection time until the Final; raising applies at once', () => {
    const up = sessionIn(Up);
    const r = bfdReduce(up, { type: 'configure', config: { ...CFG, requiredMinRxUs: 100_000 } });
    expect(r.session).toMatchObject({ requiredMinRxUs: 100_000, rxInUseUs: 300_000 });
    expect(detectionTimeUs(r.session)).toBe(900_000);
    const done = bfdReduce(r.session, {
      type: 'packet',
      packet: peer(Up, { final: true, desiredMinTxInterval: 100_000 }),
    });
    expect(done.session.rxInUseUs).toBe(100_000);
    expect(detectionTimeUs(done.session)).toBe(300_000);
    const raise = bfdReduce(done.session, {
      type: 'configure',
      config: { ...CFG, requiredMinRxUs: 500_000 },
    });
    expect(raise.session.rxInUseUs).toBe(500_000);
  });
  it('a change during a poll polls again after the Final', () => {
    const up = sessionIn(Up);
    const a = bfdReduce(up, { type: 'configure', config: { ...CFG, desiredMinTxUs: 600_000 } }).session;
    const b = bfdReduce(a, { type: 'configure', config: { ...CFG, desiredMinTxUs: 900_000 } }).session;
    expect(b).toMatchObject({ poll: { txUs: 600_000 }, repoll: true, txInUseUs: 300_000 });
    const c = bfdReduce(b, { type: 'packet', packet: peer(Up, { final: true }) }).session;
    expect(c).toMatchObject({ txInUseUs: 600_000, poll: { txUs: 900_000 }, repoll: false });
    const d = bfdReduce(c, { type: 'packet', packet: peer(Up, { final: true }) }).session;
    expect(d).toMatchObject({ txInUseUs: 900_000, poll: null });
  });
  it('going Down drops back to slow TX at once and abandons the poll', () => {
    const s = sessionIn(Up, { poll: { txUs: 300_000, rxUs: 300_000 } });
    const r = bfdReduce(s, { type: 'detectionTimer' });
    expect(r.session).toMatchObject({
      state: Down,
      desiredMinTxUs: BFD_SLOW_TX_US,
      txInUseUs: BFD_SLOW_TX_US,
      poll: null,
    });
    expect(sent(r.actions)[0]).toMatchObject({ poll: false, desiredMinTxInterval: BFD_SLOW_TX_US });
  });
  it('configuration outside Up applies at once without a poll', () => {
    const r = bfdReduce(sessionIn(Down), {
      type: 'configure',
      config: { ...CFG, requiredMinRxUs: 50_000, desiredMinTxUs: 2_000_000 },
    });
    expect(r.session).toMatchObject({
      requiredMinRxUs: 50_000,
      rxInUseUs: 50_000,
      desiredMinTxUs: 2_000_000,
      poll: null,
    });
  });
});

describe('admin down / up', () => {
  it('AdminDown from Up notifies, stops detection and tells the peer', () => {
    const r = bfdReduce(sessionIn(Up), { type: 'adminDown' });
    expect(r.session).toMatchObject({
      state: AdminDown,
      localDiag: BfdDiag.AdministrativelyDown,
      desiredMinTxUs: BFD_SLOW_TX_US,
    });
    expect(types(r.actions)).toEqual(['stopDetection', 'stateChange', 'sessionDown', 'send', 'armTx']);
    expect(sent(r.actions)[0]).toMatchObject({ state: AdminDown, diag: BfdDiag.AdministrativelyDown });
    expect(bfdReduce(r.session, { type: 'adminDown' }).actions).toEqual([]);
    expect(sent(bfdReduce(r.session, { type: 'txTimer' }).actions)[0]?.state).toBe(AdminDown);
  });
  it('AdminUp returns to Down; AdminUp outside AdminDown does nothing', () => {
    const r = bfdReduce(sessionIn(AdminDown), { type: 'adminUp' });
    expect(r.session.state).toBe(Down);
    expect(sent(r.actions)[0]?.state).toBe(Down);
    const up = sessionIn(Up);
    expect(bfdReduce(up, { type: 'adminUp' })).toEqual({ session: up, actions: [] });
  });
});

describe('reception discards (§6.8.6 and RFC 5881 TTL)', () => {
  it.each<[string, BfdEvent, string]>([
    ['TTL 254 on a single-hop session', { type: 'packet', packet: peer(Up), ttl: 254 }, 'ttl'],
    [
      'Your Discriminator of another session',
      { type: 'packet', packet: peer(Up, { yourDiscriminator: 99 }) },
      'your-discriminator-mismatch',
    ],
    [
      'authentication present',
      { type: 'packet', packet: peer(Up, { authenticationPresent: true }) },
      'authentication-not-configured',
    ],
    ['Detect Mult 0', { type: 'packet', packet: peer(Up, { detectMult: 0 }) }, 'zero-detect-mult'],
    ['M set', { type: 'packet', packet: peer(Up, { multipoint: true }) }, 'multipoint-set'],
    [
      'My Discriminator 0',
      { type: 'packet', packet: peer(Up, { myDiscriminator: 0 }) },
      'zero-my-discriminator',
    ],
    [
      'Your Discriminator 0 in Up',
      { type: 'packet', packet: peer(Up, { yourDiscriminator: 0 }) },
      'zero-your-discriminator-in-active-state',
    ],
    ['version 2', { type: 'packet', packet: peer(Up, { version: 2 }) }, 'bad-version'],
  ])('%s', (_name, ev, reason) => {
    const s = sessionIn(Up);
    expect(bfdReduce(s, ev)).toEqual({ session: s, actions: [{ type: 'discard', reason }] });
  });
  it('accepts TTL 255 single-hop and the configured minimum multi-hop', () => {
    expect(bfdReduce(sessionIn(Up), { type: 'packet', packet: peer(Up), ttl: 255 }).actions[0]?.type).toBe(
      'armDetection',
    );
    const multi = sessionIn(Up, { config: bfdConfigFromProfile({ minimumTtl: 250 }, true) });
    expect(bfdReduce(multi, { type: 'packet', packet: peer(Up), ttl: 250 }).actions[0]?.type).toBe(
      'armDetection',
    );
    expect(bfdReduce(multi, { type: 'packet', packet: peer(Up), ttl: 249 }).actions[0]).toEqual({
      type: 'discard',
      reason: 'ttl',
    });
  });
});

// ---- two sessions talking through a simulated link ----

interface Node {
  s: BfdSession;
  txAt: number;
  detectAt: number;
  ups: number[];
  downs: { at: number; diag: BfdDiag }[];
}

/** A discrete-event link between two reducers (µs clock), with a fixed one-way delay and seeded jitter. */
class Sim {
  now = 0;
  nodes: [Node, Node];
  inflight: { at: number; to: 0 | 1; bytes: Uint8Array }[] = [];
  cut: [boolean, boolean] = [false, false];
  rand = prng(42);
  constructor(
    a: BfdSession,
    b: BfdSession,
    readonly delayUs = 500,
  ) {
    const node = (s: BfdSession): Node => ({ s, txAt: Infinity, detectAt: Infinity, ups: [], downs: [] });
    this.nodes = [node(a), node(b)];
    this.apply(0, { type: 'start' });
    this.apply(1, { type: 'start' });
  }
  apply(i: 0 | 1, ev: BfdEvent) {
    const n = this.nodes[i];
    const { session, actions } = bfdReduce(n.s, ev);
    n.s = session;
    for (const a of actions) {
      if (a.type === 'send' && !this.cut[i]) {
        // Over the wire as bytes, through the real codec.
        this.inflight.push({
          at: this.now + this.delayUs,
          to: i === 0 ? 1 : 0,
          bytes: encodeBfdControl(a.packet),
        });
      } else if (a.type === 'armTx')
        n.txAt = this.now + a.minUs + Math.floor(this.rand() * (a.maxUs - a.minUs + 1));
      else if (a.type === 'armDetection') n.detectAt = this.now + a.us;
      else if (a.type === 'stopDetection') n.detectAt = Infinity;
      else if (a.type === 'sessionUp') n.ups.push(this.now);
      else if (a.type === 'sessionDown') n.downs.push({ at: this.now, diag: a.diag });
    }
  }
  /** Runs events in time order until `until` µs. */
  run(until: number) {
    for (;;) {
      const next = Math.min(
        ...this.inflight.map((m) => m.at),
        ...this.nodes.map((n) => Math.min(n.txAt, n.detectAt)),
      );
      if (next > until) break;
      this.now = next;
      const mi = this.inflight.findIndex((m) => m.at === next);
      if (mi >= 0) {
        const [m] = this.inflight.splice(mi, 1);
        const r = decodeBfdControl(m!.bytes);
        if (r.ok) this.apply(m!.to, { type: 'packet', packet: r.packet, ttl: 255 });
        continue;
      }
      for (const i of [0, 1] as const) {
        const n = this.nodes[i];
        if (n.detectAt === next) {
          n.detectAt = Infinity;
          this.apply(i, { type: 'detectionTimer' });
          break;
        }
        if (n.txAt === next) {
          n.txAt = Infinity;
          this.apply(i, { type: 'txTimer' });
          break;
        }
      }
    }
    this.now = until;
  }
}

describe('two sessions', () => {
  it('come Up, settle on the fast intervals, and detect a silent peer after the Detection Time', () => {
    const sim = new Sim(createBfdSession(CFG, 0xa), createBfdSession(CFG, 0xb));
    sim.run(3_000_000);
    const [a, b] = sim.nodes;
    expect(a.s.state).toBe(Up);
    expect(b.s.state).toBe(Up);
    expect(a.ups).toHaveLength(1);
    expect(b.ups).toHaveLength(1);
    // Both handshakes happen on the first packets, well inside the first slow interval.
    expect(Math.max(a.ups[0]!, b.ups[0]!)).toBeLessThan(10_000);
    // Polls finished: both use the configured 300 ms both ways.
    for (const n of sim.nodes) {
      expect(n.s).toMatchObject({
        poll: null,
        txInUseUs: 300_000,
        rxInUseUs: 300_000,
        remoteDesiredMinTxUs: 300_000,
      });
      expect(detectionTimeUs(n.s)).toBe(900_000);
      expect(n.downs).toEqual([]);
    }

    // B stops sending. A's last packet from B arrived at most one TX interval plus the link delay ago.
    sim.cut[1] = true;
    const cutAt = sim.now;
    sim.run(cutAt + 2_000_000);
    expect(a.s.state).toBe(Down);
    expect(a.downs).toHaveLength(1);
    expect(a.downs[0]!.diag).toBe(BfdDiag.ControlDetectionTimeExpired);
    expect(BFD_DIAG_NAMES[a.downs[0]!.diag]).toBe('Control Detection Time Expired');
    const downAfter = a.downs[0]!.at - cutAt;
    expect(downAfter).toBeGreaterThan(900_000 - 300_000);
    expect(downAfter).toBeLessThanOrEqual(900_000 + 1_000);
    // A now tells B it is Down, slowly, with B's discriminator forgotten.
    expect(a.s).toMatchObject({
      remoteDiscr: 0,
      desiredMinTxUs: BFD_SLOW_TX_US,
      localDiag: BfdDiag.ControlDetectionTimeExpired,
    });
    // B still hears A: A's Down makes B drop with "Neighbor Signaled Session Down".
    expect(b.downs[0]?.diag).toBe(BfdDiag.NeighborSignaledSessionDown);

    // B talks again: both come back Up.
    sim.cut[1] = false;
    sim.run(sim.now + 5_000_000);
    expect(a.s.state).toBe(Up);
    expect(b.s.state).toBe(Up);
    expect(a.ups).toHaveLength(2);
  });

  it('come Up with one passive side, and AdminDown tears the peer down', () => {
    const sim = new Sim(
      createBfdSession(CFG, 0xa),
      createBfdSession(bfdConfigFromProfile({ passiveMode: true }), 0xb),
    );
    sim.run(3_000_000);
    expect(sim.nodes.map((n) => n.s.state)).toEqual([Up, Up]);
    sim.apply(1, { type: 'adminDown' });
    sim.run(sim.now + 100_000);
    expect(sim.nodes[0].s.state).toBe(Down);
    expect(sim.nodes[0].downs[0]?.diag).toBe(BfdDiag.NeighborSignaledSessionDown);
    expect(sim.nodes[1].downs[0]?.diag).toBe(BfdDiag.AdministrativelyDown);
    sim.apply(1, { type: 'adminUp' });
    sim.run(sim.now + 3_000_000);
    expect(sim.nodes.map((n) => n.s.state)).toEqual([Up, Up]);
  });

  it('two passive sides never talk', () => {
    const p = bfdConfigFromProfile({ passiveMode: true });
    const sim = new Sim(createBfdSession(p, 0xa), createBfdSession(p, 0xb));
    sim.run(5_000_000);
    expect(sim.nodes.map((n) => n.s.state)).toEqual([Down, Down]);
    expect(sim.inflight).toEqual([]);
  });

  it('never throws on 10,000 random packets and keeps its invariants', () => {
    const rand = prng(7);
    let s = bfdReduce(createBfdSession(CFG, LOCAL), { type: 'start' }).session;
    const events: BfdEvent['type'][] = ['txTimer', 'detectionTimer', 'adminDown', 'adminUp'];
    for (let i = 0; i < 10_000; i++) {
      let ev: BfdEvent;
      if (i % 5 === 4) ev = { type: events[Math.floor(rand() * events.length)]! } as BfdEvent;
      else {
        const bytes = Uint8Array.from({ length: 24 }, () => Math.floor(rand() * 256));
        bytes[0] = 0x20;
        bytes[3] = 24;
        bytes[1]! &= 0xfa;
        if (rand() < 0.5) bytes.set([0, 0, 0x11, 0x11], 8);
        const r = decodeBfdControl(bytes);
        if (!r.ok) continue;
        ev = { type: 'packet', packet: r.packet };
      }
      s = bfdReduce(s, ev).session;
      expect([AdminDown, Down, Init, Up]).toContain(s.state);
      if (s.state !== Up) expect(s.desiredMinTxUs).toBeGreaterThanOrEqual(BFD_SLOW_TX_US);
      if (s.state !== Up) expect(s.poll).toBeNull();
    }
  });
});

describe('the transmit timer follows a shorter interval at once', () => {
  it('re-arms from the Final it sends when the peer, now Up, polls with a lower Required Min RX', () => {
    // We are Up and fast, but the peer asked for 1 s while it was coming up: we send every 1 s.
    const s = sessionIn(Up, { remoteMinRxUs: 1_000_000 });
    expect(txIntervalUs(s)).toBe(1_000_000);
    const r = bfdReduce(s, {
      type: 'packet',
      packet: peer(Up, { poll: true, requiredMinRxInterval: 300_000 }),
      ttl: 255,
    });
    expect(sent(r.actions).map((p) => p.final)).toEqual([true]);
    const arm = r.actions.find((a) => a.type === 'armTx');
    expect(arm).toMatchObject({ minUs: 225_000, maxUs: 300_000 });
  });

  it('re-arms when the interval shrinks without a poll, and not when it stays', () => {
    const s = sessionIn(Up, { remoteMinRxUs: 1_000_000 });
    const faster = bfdReduce(s, {
      type: 'packet',
      packet: peer(Up, { requiredMinRxInterval: 300_000 }),
      ttl: 255,
    });
    expect(types(faster.actions)).toContain('armTx');
    const same = bfdReduce(faster.session, {
      type: 'packet',
      packet: peer(Up, { requiredMinRxInterval: 300_000 }),
      ttl: 255,
    });
    expect(types(same.actions)).not.toContain('armTx');
  });
});
