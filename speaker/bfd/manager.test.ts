import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BFDProfileSpec } from '../../api/types';
import { registry } from '../../k8s/metrics';
import { BfdManager, RETRY_MS, type BfdChange } from './manager';
import { BfdDiag, BfdState, decodeBfdControl, encodeBfdControl, type BfdControlPacket } from './packet';
import { MemoryNetwork } from './test-network';

const A = '10.0.0.1';
const B = '10.0.0.2';

interface Seen extends BfdChange {
  peer: string;
  at: number;
}

let managers: BfdManager[] = [];

function node(net: MemoryNetwork, address: string, seed: number) {
  let s = seed;
  const random = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const m = new BfdManager({ transport: net.transport(address), random });
  managers.push(m);
  const seen: Seen[] = [];
  m.onChange((peer, c) => seen.push({ peer, ...c, at: Date.now() }));
  return { m, seen };
}

const want = (peerAddress: string, profile: BFDProfileSpec = {}, multiHop = false) => ({
  peerAddress,
  multiHop,
  profileName: 'p',
  profile,
});

/** A at 10.0.0.1 and B at 10.0.0.2, each with a session to the other. */
function pair(pa: BFDProfileSpec = {}, pb: BFDProfileSpec = {}, setup?: (net: MemoryNetwork) => void) {
  const net = new MemoryNetwork();
  setup?.(net);
  const a = node(net, A, 1);
  const b = node(net, B, 2);
  a.m.sync([want(B, pa)]);
  b.m.sync([want(A, pb)]);
  return { net, a, b };
}

/** Packets from `from` to `to` delivered at or after `since`, decoded, with their delivery time. */
function packets(net: MemoryNetwork, from: string, to: string, since = 0) {
  return net.delivered
    .filter((d) => d.from === from && d.to === to && d.at >= since)
    .map((d) => ({ at: d.at, p: (decodeBfdControl(d.data) as { packet: BfdControlPacket }).packet }));
}

const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]!);

async function metric(name: string, peer: string): Promise<number | undefined> {
  const m = registry.getSingleMetric(name);
  return (await m?.get())?.values.find((v) => v.labels.peer === peer)?.value;
}

const dropped = (m: BfdManager) => Object.values(m.drops()).reduce((x, y) => x + y, 0);

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  for (const m of managers) m.stop();
  managers = [];
  vi.useRealTimers();
});

describe('BfdManager over an in-memory network', () => {
  it('two managers come Up within a few ms, then run the profile timers (300 ms, detection 900 ms)', async () => {
    const { a, b, net } = pair();
    vi.advanceTimersByTime(10);
    expect(a.m.state(B)).toBe('Up');
    expect(b.m.state(A)).toBe('Up');
    expect(a.seen.at(-1)).toMatchObject({ peer: B, state: 'Up', diag: BfdDiag.None });
    vi.advanceTimersByTime(5000);
    expect(a.m.status(B)).toMatchObject({ state: 'Up', txIntervalMs: 300, detectionTimeMs: 900 });
    // Periodic packets, jittered to 75-100 % of 300 ms.
    const g = gaps(packets(net, A, B, Date.now() - 3000).map((x) => x.at));
    expect(Math.min(...g)).toBeGreaterThanOrEqual(225);
    expect(Math.max(...g)).toBeLessThanOrEqual(300);
    expect(await metric('metallb_bfd_session_up', B)).toBe(1);
    expect(await metric('metallb_bfd_session_up_events', B)).toBe(1);
    expect(await metric('metallb_bfd_session_down_events', B)).toBe(0);
    expect(await metric('metallb_bfd_control_packet_output', B)).toBeGreaterThan(15);
    expect(await metric('metallb_bfd_control_packet_input', B)).toBeGreaterThan(15);
    expect(await metric('metallb_bfd_echo_packet_input', B)).toBe(0);
    expect(await metric('metallb_bfd_echo_packet_output', B)).toBe(0);
    expect(a.m.drops()).toEqual({});
  });

  it('detects a silent peer exactly one Detection Time (3 x 300 ms) after its last packet', () => {
    const { a, b, net } = pair();
    vi.advanceTimersByTime(5000);
    const cutAt = Date.now();
    net.cut(B, A);
    vi.advanceTimersByTime(2000);
    const lastHeard = packets(net, B, A).at(-1)!.at;
    const down = a.seen.find((e) => e.state === 'Down')!;
    expect(down).toMatchObject({ previous: 'Up', diag: BfdDiag.ControlDetectionTimeExpired });
    expect(down.at - lastHeard).toBe(900);
    expect(down.at - cutAt).toBeGreaterThan(900 - 300);
    expect(down.at - cutAt).toBeLessThanOrEqual(900);
    // A tells B, which goes Down too.
    expect(b.seen.find((e) => e.state === 'Down')).toMatchObject({
      previous: 'Up',
      diag: BfdDiag.NeighborSignaledSessionDown,
    });
    net.cut(B, A, false);
    vi.advanceTimersByTime(3000);
    expect([a.m.state(B), b.m.state(A)]).toEqual(['Up', 'Up']);
  });

  it('AdminDown from the peer (its stop()) takes us Down with Neighbor Signaled Session Down', async () => {
    const { a, b, net } = pair();
    vi.advanceTimersByTime(3000);
    b.m.stop();
    const last = packets(net, B, A, 0);
    vi.advanceTimersByTime(10);
    const sent = packets(net, B, A).slice(last.length);
    expect(sent.map((x) => [x.p.state, x.p.diag])).toEqual([
      [BfdState.AdminDown, BfdDiag.AdministrativelyDown],
    ]);
    expect(a.m.state(B)).toBe('Down');
    expect(a.seen.at(-1)).toMatchObject({
      state: 'Down',
      previous: 'Up',
      diag: BfdDiag.NeighborSignaledSessionDown,
      remoteState: 'AdminDown',
    });
    expect(await metric('metallb_bfd_session_down_events', B)).toBe(1);
    // B closed everything and reported nothing about its own removal.
    expect(b.seen.every((e) => e.state !== 'AdminDown')).toBe(true);
    expect(net.listening(B, 3784)).toBe(false);
    expect(b.m.state(A)).toBeUndefined();
  });

  it('passive sides wait: two never talk; one active side brings both Up', () => {
    const { a, b, net } = pair({ passiveMode: true }, { passiveMode: true });
    vi.advanceTimersByTime(10_000);
    expect(net.delivered).toEqual([]);
    expect([a.m.state(B), b.m.state(A)]).toEqual(['Down', 'Down']);
    b.m.sync([want(A, {})]);
    vi.advanceTimersByTime(10);
    expect([a.m.state(B), b.m.state(A)]).toEqual(['Up', 'Up']);
    // The passive side spoke only after hearing B.
    expect(net.delivered[0]!.from).toBe(B);
  });

  it('a profile change on an Up session goes through a Poll Sequence and never leaves Up', () => {
    const { a, b, net } = pair();
    vi.advanceTimersByTime(5000);
    const before = [a.seen.length, b.seen.length];
    const changedAt = Date.now();
    a.m.sync([want(B, { receiveInterval: 1000, transmitInterval: 100, detectMultiplier: 5 })]);
    vi.advanceTimersByTime(10_000);
    expect([a.seen.length, b.seen.length]).toEqual(before);
    expect(packets(net, A, B, changedAt).some((x) => x.p.poll)).toBe(true);
    expect(packets(net, B, A, changedAt).some((x) => x.p.final)).toBe(true);
    // B now sends at A's 1 s minimum, A at B's 300 ms; detection: 3 x 1000 ms at A, 5 x 300 ms at B.
    const fromB = gaps(packets(net, B, A, changedAt + 3000).map((x) => x.at));
    expect(Math.min(...fromB)).toBeGreaterThanOrEqual(750);
    expect(Math.max(...fromB)).toBeLessThanOrEqual(1000);
    expect(a.m.status(B)).toMatchObject({ state: 'Up', detectionTimeMs: 3000, txIntervalMs: 300 });
    expect(b.m.status(A)).toMatchObject({ state: 'Up', detectionTimeMs: 1500, txIntervalMs: 1000 });
  });

  it('jitters to 75-90 % of the interval with Detect Mult 1', () => {
    const { net } = pair({ detectMultiplier: 1 });
    vi.advanceTimersByTime(10_000);
    const g = gaps(packets(net, A, B, Date.now() - 5000).map((x) => x.at));
    expect(Math.min(...g)).toBeGreaterThanOrEqual(225);
    expect(Math.max(...g)).toBeLessThanOrEqual(270);
  });

  it('drops single-hop packets with TTL 254: never Up, and an Up session ignores them', () => {
    const { a, b, net } = pair({}, {}, (n) => n.setTtl(B, A, 254));
    vi.advanceTimersByTime(3000);
    expect(a.m.state(B)).toBe('Down');
    expect(a.m.drops().ttl).toBeGreaterThanOrEqual(3);

    net.setTtl(B, A, 255);
    vi.advanceTimersByTime(3000);
    expect(a.m.state(B)).toBe('Up');
    const down = encodeBfdControl({
      state: BfdState.Down,
      diag: BfdDiag.ControlDetectionTimeExpired,
      detectMult: 3,
      myDiscriminator: b.m.status(A)!.localDiscriminator,
      yourDiscriminator: a.m.status(B)!.localDiscriminator,
      desiredMinTxInterval: 300_000,
      requiredMinRxInterval: 300_000,
    });
    const ttlDrops = a.m.drops().ttl!;
    net.inject(A, 3784, { data: down, address: B, port: 49999, ttl: 254 });
    expect(a.m.drops().ttl).toBe(ttlDrops + 1);
    expect(a.m.state(B)).toBe('Up');
    // The same packet with TTL 255 is the peer's word: Down.
    net.inject(A, 3784, { data: down, address: B, port: 49999, ttl: 255 });
    expect(a.m.state(B)).toBe('Down');
  });

  it('runs multi-hop sessions on port 4784 with the profile minimum TTL', () => {
    const net = new MemoryNetwork();
    const a = node(net, A, 1);
    const b = node(net, B, 2);
    a.m.sync([want(B, { minimumTtl: 250 }, true)]);
    b.m.sync([want(A, { minimumTtl: 250 }, true)]);
    net.setTtl(B, A, 251);
    vi.advanceTimersByTime(100);
    expect([a.m.state(B), b.m.state(A)]).toEqual(['Up', 'Up']);
    expect(net.delivered.every((d) => d.port === 4784)).toBe(true);
    net.setTtl(B, A, 249);
    vi.advanceTimersByTime(2000);
    expect(a.m.state(B)).toBe('Down');
    expect(a.m.drops().ttl).toBeGreaterThan(0);
  });

  it('reports echo mode as a problem and runs asynchronous mode anyway', () => {
    const { a, b } = pair({ echoMode: true, echoInterval: 50 });
    vi.advanceTimersByTime(100);
    expect(a.m.problem(B)).toMatch(/echo mode is not supported/);
    expect(a.m.state(B)).toBe('Up');
    expect(b.m.problem(A)).toBeUndefined();
  });

  it('reports what cannot run: a bad peer address, a port already taken', () => {
    const net = new MemoryNetwork();
    const squatter = net.transport(A).listen(
      3784,
      () => undefined,
      () => undefined,
    );
    const a = node(net, A, 1);
    const b = node(net, B, 2);
    a.m.sync([want(B), want('not-an-ip')]);
    b.m.sync([want(A)]);
    expect(a.m.problem('not-an-ip')).toMatch(/not an IP address/);
    expect(a.m.problem(B)).toMatch(/cannot listen on UDP 3784: .*in use/);
    squatter.close();
    a.m.sync([want(B)]);
    vi.advanceTimersByTime(100);
    expect(a.m.problem(B)).toBeUndefined();
    expect(a.m.state(B)).toBe('Up');
  });

  it('tries a taken port again by itself, without waiting for another sync', () => {
    const net = new MemoryNetwork();
    const squatter = net.transport(A).listen(
      3784,
      () => undefined,
      () => undefined,
    );
    const a = node(net, A, 1);
    const b = node(net, B, 2);
    a.m.sync([want(B)]);
    b.m.sync([want(A)]);
    expect(a.m.problem(B)).toMatch(/in use/);
    squatter.close();
    vi.advanceTimersByTime(RETRY_MS + 3_000);
    expect(a.m.problem(B)).toBeUndefined();
    expect(a.m.state(B)).toBe('Up');
  });

  it('removing a peer sends AdminDown, closes its socket and removes its metric series', async () => {
    const { a, b, net } = pair();
    vi.advanceTimersByTime(3000);
    expect(net.openSenders).toBe(2);
    a.m.sync([]);
    vi.advanceTimersByTime(10);
    expect(b.seen.at(-1)).toMatchObject({ state: 'Down', remoteState: 'AdminDown' });
    expect(net.openSenders).toBe(1);
    expect(net.listening(A, 3784)).toBe(false);
    expect(a.m.peers()).toEqual([]);
    for (const name of ['metallb_bfd_session_up', 'metallb_bfd_control_packet_output']) {
      expect(await metric(name, B)).toBeUndefined();
      expect(await metric(name, A)).toBeDefined();
    }
  });

  it('stop() sends AdminDown to every peer before closing', () => {
    const net = new MemoryNetwork();
    const a = node(net, A, 1);
    const peers = ['10.0.0.2', '10.0.0.3', 'fd00::3'];
    const others = peers.map((p, i) => node(net, p, i + 2));
    a.m.sync(peers.map((p) => want(p)));
    others.forEach((o) => o.m.sync([want(A)]));
    vi.advanceTimersByTime(3000);
    expect(others.map((o) => o.m.state(A))).toEqual(['Up', 'Up', 'Up']);
    a.m.stop();
    vi.advanceTimersByTime(10);
    expect(others.map((o) => o.m.state(A))).toEqual(['Down', 'Down', 'Down']);
    expect(others.map((o) => o.seen.at(-1)?.remoteState)).toEqual(['AdminDown', 'AdminDown', 'AdminDown']);
    expect(net.openSenders).toBe(3);
  });
});

describe('BfdManager under hostile input', () => {
  it('survives 8,000 random and mutated datagrams from the peer and stays Up while the peer talks', () => {
    const { a, b, net } = pair();
    vi.advanceTimersByTime(3000);
    expect(a.m.state(B)).toBe('Up');
    const ours = a.m.status(B)!.localDiscriminator;
    const theirs = b.m.status(A)!.localDiscriminator;
    let seed = 42;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const byte = () => Math.floor(rand() * 256);
    // A mutation is only garbage if our session would not take it (a still-valid packet from the
    // peer is the peer's word, which may legitimately change the session).
    const acceptable = (d: Uint8Array) => {
      const r = decodeBfdControl(d);
      if (!r.ok || r.packet.authenticationPresent) return false;
      const y = r.packet.yourDiscriminator;
      return y === ours || (y === 0 && r.packet.myDiscriminator === theirs);
    };
    const mutate = (v: Uint8Array): Uint8Array => {
      const c = Uint8Array.from(v);
      switch (Math.floor(rand() * 7)) {
        case 0:
          for (let i = 1 + Math.floor(rand() * 4); i > 0; i--)
            c[Math.floor(rand() * c.length)]! ^= 1 << (rand() * 8);
          return c;
        case 1:
          return c.slice(0, Math.floor(rand() * c.length));
        case 2:
          return Uint8Array.from([...c, ...Array.from({ length: 1 + byte() }, byte)]);
        case 3:
          c[0] = (c[0]! & 0x1f) | ((Math.floor(rand() * 8) << 5) & 0xe0);
          return c;
        case 4:
          c[1]! |= rand() < 0.5 ? 0x04 : 0x01; // authentication or multipoint
          return c;
        case 5:
          c[rand() < 0.5 ? 2 : 3] = rand() < 0.5 ? 0 : byte(); // Detect Mult or Length
          return c;
        default:
          new DataView(c.buffer).setUint32(8, Math.floor(rand() * 2 ** 32)); // Your Discriminator
          return c;
      }
    };
    const dropsBefore = dropped(a.m);
    let injected = 0;
    for (let round = 0; round < 400; round++) {
      const valid = packets(net, B, A).at(-1)!.p;
      const template = encodeBfdControl(valid);
      for (let i = 0; i < 20; i++) {
        let data: Uint8Array;
        if (i % 2 === 0) data = Uint8Array.from({ length: Math.floor(rand() * 64) }, byte);
        else {
          do data = mutate(template);
          while (acceptable(data));
        }
        if (acceptable(data)) continue;
        net.inject(A, 3784, { data, address: B, port: 49152 + (round % 100), ttl: 255, localAddress: A });
        injected++;
      }
      vi.advanceTimersByTime(15);
    }
    expect(injected).toBeGreaterThanOrEqual(7990);
    expect(a.seen.filter((e) => e.at > 1_003_000)).toEqual([]);
    expect(a.m.state(B)).toBe('Up');
    expect(dropped(a.m) - dropsBefore).toBe(injected);
    expect(Object.keys(a.m.drops())).toEqual(
      expect.arrayContaining([
        'truncated',
        'bad-version',
        'unknown-session',
        'authentication-not-configured',
      ]),
    );
  });

  it('drops a valid packet with an unknown Your Discriminator', () => {
    const { a, b, net } = pair();
    vi.advanceTimersByTime(3000);
    const stray = encodeBfdControl({
      state: BfdState.Down,
      detectMult: 3,
      myDiscriminator: b.m.status(A)!.localDiscriminator,
      yourDiscriminator: (a.m.status(B)!.localDiscriminator + 1) >>> 0 || 1,
      desiredMinTxInterval: 1_000_000,
      requiredMinRxInterval: 300_000,
    });
    net.inject(A, 3784, { data: stray, address: B, port: 50000, ttl: 255 });
    expect(a.m.drops()['unknown-session']).toBe(1);
    expect(a.m.state(B)).toBe('Up');
  });
});
