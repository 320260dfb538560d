import { describe, expect, it } from 'vitest';
import { BfdState, encodeBfdControl, type BfdControlFields } from './packet';
import {
  allocateDiscriminator,
  canonicalAddress,
  demultiplex,
  needsNewSession,
  planPeers,
  type Arrival,
  type DemuxSession,
} from './peers';

describe('canonicalAddress', () => {
  it('maps the spellings of one address to one key', () => {
    expect(canonicalAddress('192.0.2.1')).toBe('192.0.2.1');
    expect(canonicalAddress('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(canonicalAddress('FD00:0::0001')).toBe('fd00::1');
    expect(canonicalAddress('fe80::1%eth0')).toBe('fe80::1');
    expect(canonicalAddress('10')).toBeUndefined();
    expect(canonicalAddress('peer.example')).toBeUndefined();
  });
});

describe('planPeers', () => {
  const w = (peerAddress: string, over = {}) => ({
    peerAddress,
    multiHop: false,
    profileName: 'p',
    profile: {},
    ...over,
  });

  it('resolves port, family and timers; the first entry of an address wins', () => {
    const { peers, rejected } = planPeers([
      w('192.0.2.1', { profile: { transmitInterval: 100 } }),
      w('fd00::1', { multiHop: true, localAddress: 'fd00::2' }),
      w('192.0.2.1', { multiHop: true }),
      w('nope'),
    ]);
    expect(peers.map((p) => [p.key, p.family, p.port, p.localAddress])).toEqual([
      ['192.0.2.1', 4, 3784, undefined],
      ['fd00::1', 6, 4784, 'fd00::2'],
    ]);
    expect(peers[0]!.config.desiredMinTxUs).toBe(100_000);
    expect(rejected).toEqual([{ peerAddress: 'nope', problem: 'nope is not an IP address' }]);
  });

  it('flags echo mode and a local address of the other family, and still plans the session', () => {
    const { peers } = planPeers([w('192.0.2.1', { profile: { echoMode: true }, localAddress: 'fd00::2' })]);
    expect(peers[0]!.problem).toMatch(/not an IPv4 address.*echo mode is not supported/);
    expect(peers[0]!.localAddress).toBeUndefined();
  });

  it('needs a new session only when the sockets change', () => {
    const [a, b, c, d] = planPeers([w('192.0.2.1')]).peers.concat(
      planPeers([w('192.0.2.1', { profile: { detectMultiplier: 9, passiveMode: true } })]).peers,
      planPeers([w('192.0.2.1', { multiHop: true })]).peers,
      planPeers([w('192.0.2.1', { localAddress: '192.0.2.9' })]).peers,
    );
    expect(needsNewSession(a!, b!)).toBe(false);
    expect(needsNewSession(a!, c!)).toBe(true);
    expect(needsNewSession(a!, d!)).toBe(true);
  });
});

describe('demultiplex (RFC 5880 §6.8.6, RFC 5881, RFC 5883)', () => {
  const single: DemuxSession = {
    key: '192.0.2.1',
    multiHop: false,
    minimumTtl: 254,
    localDiscr: 7,
    remoteDiscr: 0,
    up: false,
  };
  const multi: DemuxSession = {
    key: '198.51.100.1',
    multiHop: true,
    localAddress: '203.0.113.1',
    minimumTtl: 250,
    localDiscr: 8,
    remoteDiscr: 99,
    up: true,
  };
  const sessions = [single, multi];
  const lookup = {
    byDiscriminator: (d: number) => sessions.find((s) => s.localDiscr === d),
    byAddress: (a: string) => sessions.find((s) => s.key === a),
  };
  const pkt = (over: Partial<BfdControlFields> = {}) =>
    encodeBfdControl({
      state: BfdState.Down,
      detectMult: 3,
      myDiscriminator: 99,
      yourDiscriminator: 0,
      desiredMinTxInterval: 1_000_000,
      requiredMinRxInterval: 300_000,
      ...over,
    });
  const arrive = (over: Partial<Arrival> = {}): Arrival => ({
    data: pkt(),
    address: '192.0.2.1',
    ttl: 255,
    listenPort: 3784,
    ...over,
  });
  const result = (a: Arrival) => {
    const r = demultiplex(a, lookup);
    return r.ok ? r.session.key : r.reason;
  };

  it('selects by Your Discriminator when non-zero', () => {
    expect(result(arrive({ data: pkt({ state: BfdState.Up, yourDiscriminator: 7 }) }))).toBe('192.0.2.1');
    expect(result(arrive({ data: pkt({ state: BfdState.Up, yourDiscriminator: 1234 }) }))).toBe(
      'unknown-session',
    );
  });

  it('selects by source address when zero: an Up session only for the peer discriminator it knows', () => {
    expect(result(arrive({ address: '::ffff:192.0.2.1' }))).toBe('192.0.2.1');
    expect(result(arrive({ address: '192.0.2.77' }))).toBe('unknown-session');
    const m = { address: '198.51.100.1', listenPort: 4784, ttl: 250 };
    expect(result(arrive({ ...m, data: pkt({ myDiscriminator: 99 }) }))).toBe('198.51.100.1');
    expect(result(arrive({ ...m, data: pkt({ myDiscriminator: 100 }) }))).toBe('unknown-session');
  });

  it("lets a session that is not Up take the peer's restarted session (a new discriminator) at once", () => {
    const down = { ...single, remoteDiscr: 41 };
    const only = { byDiscriminator: () => undefined, byAddress: () => down };
    const r = demultiplex(arrive({ data: pkt({ myDiscriminator: 42 }) }), only);
    expect(r.ok && r.session.key).toBe('192.0.2.1');
  });

  it('checks the hop mode, the addresses and the TTL of the session', () => {
    expect(result(arrive({ listenPort: 4784 }))).toBe('wrong-port');
    expect(
      result(arrive({ data: pkt({ state: BfdState.Up, yourDiscriminator: 7 }), address: '192.0.2.2' })),
    ).toBe('address-mismatch');
    const m = { address: '198.51.100.1', listenPort: 4784 };
    expect(result(arrive({ ...m, ttl: 250, localAddress: '203.0.113.2' }))).toBe('address-mismatch');
    expect(result(arrive({ ...m, ttl: 250, localAddress: '::ffff:203.0.113.1' }))).toBe('198.51.100.1');
    expect(result(arrive({ ...m, ttl: 249 }))).toBe('ttl');
    expect(result(arrive({ ttl: 254 }))).toBe('ttl');
    expect(result(arrive({ ttl: NaN }))).toBe('ttl');
  });

  it('drops what does not decode, and authenticated packets', () => {
    expect(result(arrive({ data: new Uint8Array(10) }))).toBe('truncated');
    expect(result(arrive({ data: pkt({ version: 2 }) }))).toBe('bad-version');
    const auth = pkt({ auth: { type: 1, bytes: Uint8Array.from([1, 4, 1, 0]) } });
    expect(result(arrive({ data: auth }))).toBe('authentication-not-configured');
  });
});

describe('allocateDiscriminator', () => {
  it('returns a non-zero value not in use, and gives up when it finds none', () => {
    const draws = [0, 5, 0x1_0000_0005, 6];
    const taken = new Set([5]);
    expect(
      allocateDiscriminator(
        (d) => taken.has(d),
        () => draws.shift()!,
      ),
    ).toBe(6);
    expect(() =>
      allocateDiscriminator(
        () => true,
        () => 1,
      ),
    ).toThrow(/no free BFD discriminator/);
  });

  it('spreads over 32 bits', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) {
      seen.add(
        allocateDiscriminator(
          (d) => seen.has(d),
          () => Math.floor(Math.random() * 2 ** 32),
        ),
      );
    }
    expect(seen.size).toBe(1000);
    expect(Math.max(...seen)).toBeGreaterThan(2 ** 31);
  });
});
