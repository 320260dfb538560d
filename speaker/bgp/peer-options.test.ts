import { describe, expect, it } from 'vitest';
import type { BGPPeerSpecV1beta2 } from '../../api/types';
import type { BGPSession as PlannedSession } from '../../api/announce/desired-state';
import {
  configForConnection,
  crc32,
  needsNewSession,
  peerPassword,
  routerIdFor,
  routerIdFromName,
  sessionOptions,
  type PeerEnvironment,
} from './peer-options';
import type { BgpSessionOptions } from './session';

const spec = (s: Partial<BGPPeerSpecV1beta2> = {}): BGPPeerSpecV1beta2 => ({
  myASN: 64500,
  peerASN: 64501,
  peerAddress: '192.0.2.1',
  ...s,
});
const planned = (s: Partial<BGPPeerSpecV1beta2> = {}): PlannedSession => ({
  peer: 'p',
  spec: spec(s),
  advertisements: [],
  routes: [],
});
const ENV: PeerEnvironment = { nodeName: 'node-1', namespace: 'metallb-system', ttlControl: true };
const secret = (password: string, type = 'kubernetes.io/basic-auth') => ({
  type,
  data: { password: Buffer.from(password).toString('base64') },
});

function opts(s: Partial<BGPPeerSpecV1beta2> = {}, env: Partial<PeerEnvironment> = {}): BgpSessionOptions {
  const o = sessionOptions(planned(s), { ...ENV, routerId: '10.0.0.1', ...env });
  if ('error' in o) throw new Error(o.error);
  return o;
}
const error = (s: Partial<BGPPeerSpecV1beta2>, env: Partial<PeerEnvironment> = {}) => {
  const o = sessionOptions(planned(s), { ...ENV, ...env });
  return 'error' in o ? o.error : undefined;
};

describe('sessionOptions', () => {
  it('maps the BGPPeer spec to session options', () => {
    expect(opts({ peerPort: 1790, holdTime: '1m30s', keepaliveTime: '30s', connectTime: '5s' })).toEqual({
      config: {
        localAsn: 64500,
        routerId: '10.0.0.1',
        peerAsn: 64501,
        holdTime: 90,
        keepaliveTime: 30,
        connectRetryTime: 5,
        families: [4],
      },
      peerAddress: '192.0.2.1',
      peerPort: 1790,
      ttl: 1,
    });
    expect(opts({ peerASN: undefined, dynamicASN: 'external' }).config.peerAsn).toBe('external');
  });

  it('derives the hold time from keepaliveTime alone, as upstream does', () => {
    expect(opts({ keepaliveTime: '10s' }).config).toMatchObject({ holdTime: 30, keepaliveTime: 10 });
    expect(opts({ holdTime: '9s' }).config).toMatchObject({ holdTime: 9 });
    expect(opts({}).config.holdTime).toBe(90);
  });

  it("carries the peer address's family, and both with dualStackAddressFamily", () => {
    expect(opts({}).config.families).toEqual([4]);
    expect(opts({ peerAddress: '2001:db8::1' }).config.families).toEqual([6]);
    expect(opts({ dualStackAddressFamily: true }).config.families).toEqual([4, 6]);
  });

  it('presents localASN instead of myASN', () => {
    expect(opts({ localASN: 4200000001 }).config.localAsn).toBe(4200000001);
    // iBGP with the local AS: no TTL of 1.
    expect(opts({ localASN: 64501 }).ttl).toBeUndefined();
  });

  it('sends TTL 1 to single-hop eBGP peers, 255 with ebgpMultiHop, and leaves iBGP alone', () => {
    expect(opts({}).ttl).toBe(1);
    expect(opts({ ebgpMultiHop: true }).ttl).toBe(255);
    expect(opts({ peerASN: 64500 }).ttl).toBeUndefined();
    expect(opts({ peerASN: undefined, dynamicASN: 'internal' }).ttl).toBeUndefined();
    expect(opts({ peerASN: undefined, dynamicASN: 'external' }).ttl).toBe(1);
    expect(opts({}, { ttlControl: false }).ttl).toBeUndefined();
  });

  it('takes the password inline or from a basic-auth Secret of the MetalLB namespace', () => {
    expect(opts({ password: 'inline' }).md5Key).toBe('inline');
    const secrets = { bgp: secret('from-secret') };
    const env = { secret: (n: string) => secrets[n as keyof typeof secrets] };
    expect(opts({ passwordSecret: { name: 'bgp' } }, env).md5Key).toBe('from-secret');
    expect(opts({ passwordSecret: { name: 'bgp', namespace: 'metallb-system' } }, env).md5Key).toBe(
      'from-secret',
    );
    expect(opts({}).md5Key).toBeUndefined();
  });

  it('names what is wrong with a password Secret, never the password', () => {
    const secrets = {
      opaque: secret('hunter2', 'Opaque'),
      empty: { type: 'kubernetes.io/basic-auth' },
      long: secret('y'.repeat(81)),
    };
    const get = (n: string) => secrets[n as keyof typeof secrets];
    const cases = {
      missing: 'Secret metallb-system/missing (passwordSecret) does not exist',
      opaque: 'Secret metallb-system/opaque (passwordSecret) has type Opaque, not kubernetes.io/basic-auth',
      empty: 'Secret metallb-system/empty (passwordSecret) has no "password" key',
      long: 'Secret metallb-system/long (passwordSecret) holds a 81-byte password: TCP-MD5 keys are at most 80 bytes',
    };
    for (const [name, want] of Object.entries(cases)) {
      expect(peerPassword(spec({ passwordSecret: { name } }), { ...ENV, secret: get })).toEqual({
        error: want,
      });
    }
    expect(peerPassword(spec({ passwordSecret: { name: 'x', namespace: 'other' } }), ENV)).toEqual({
      error: 'passwordSecret must be in the MetalLB namespace metallb-system, not other',
    });
  });

  it('reports what this speaker cannot run', () => {
    expect(error({ peerAddress: undefined, interface: 'eth0' })).toContain('peerAddress');
    expect(error({ holdTime: 'soon' })).toContain('holdTime');
    expect(error({ vrf: 'red' })).toContain('VRF');
    expect(error({ peerASN: undefined })).toContain('peerASN');
  });
});

describe('router ID', () => {
  it('uses spec.routerID, else picks it per connection', () => {
    const fixed = sessionOptions(planned({ routerID: '10.9.9.9' }), ENV) as BgpSessionOptions;
    expect(fixed.config.routerId).toBe('10.9.9.9');
    expect(fixed.routerIdFor).toBeUndefined();
    const auto = sessionOptions(planned(), ENV) as BgpSessionOptions;
    expect(auto.routerIdFor?.('192.0.2.7')).toBe('192.0.2.7');
    // The placeholder until connected is the node-name one.
    expect(auto.config.routerId).toBe(routerIdFromName('node-1'));
  });

  it('for an IPv6 connection takes an IPv4 address of its interface, else one from the node name', () => {
    const env = { ...ENV, interfaceIPv4: (a: string) => (a === '2001:db8::7' ? '192.0.2.7' : undefined) };
    expect(routerIdFor('2001:db8::7', env)).toBe('192.0.2.7');
    expect(routerIdFor('2001:db8::8', env)).toBe(routerIdFromName('node-1'));
    expect(routerIdFor(undefined, env)).toBe(routerIdFromName('node-1'));
  });

  it('derives the node-name router ID from its IEEE CRC-32', () => {
    expect(crc32('123456789')).toBe(0xcbf43926); // the standard check value
    expect(routerIdFromName('node-1')).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(routerIdFromName('node-1')).not.toBe(routerIdFromName('node-2'));
  });
});

describe('needsNewSession', () => {
  it('is true for connection parameters, false otherwise', () => {
    const base = opts();
    expect(needsNewSession(base, opts())).toBe(false);
    expect(needsNewSession(base, opts({ nodeSelectors: [{ matchLabels: { a: 'b' } }] }))).toBe(false);
    for (const change of [
      { peerAddress: '192.0.2.2' },
      { peerPort: 1790 },
      { myASN: 64502 },
      { peerASN: 64503 },
      { routerID: '10.0.0.2' },
      { holdTime: '30s' },
      { keepaliveTime: '10s' },
      { sourceAddress: '192.0.2.100' },
      { password: 'new' },
      { ebgpMultiHop: true },
      { dualStackAddressFamily: true },
    ]) {
      expect(needsNewSession(base, opts(change)), JSON.stringify(change)).toBe(true);
    }
    expect(needsNewSession(base, opts({}, { routerId: '10.0.0.9' }))).toBe(true);
    expect(needsNewSession(opts({ password: 'a' }), opts({ password: 'a' }))).toBe(false);
    // A local timer: applied to the live session instead.
    expect(needsNewSession(base, opts({ connectTime: '7s' }))).toBe(false);
  });
});

describe('configForConnection', () => {
  const base = opts({ enableGracefulRestart: true }, { routerId: undefined, startedAt: 1_000_000 });

  it('takes the router ID of the connection and sets the R bit within the restart time only', () => {
    const early = configForConnection(base.config, base, '192.0.2.7', 1_000_000 + 5_000);
    expect(early).toMatchObject({ routerId: '192.0.2.7', gracefulRestart: { restarting: true } });
    const late = configForConnection(base.config, base, '192.0.2.7', 1_000_000 + 121_000);
    expect(late.gracefulRestart).toEqual({ restartTimeSeconds: 120, restarting: false });
  });

  it('returns the same config when nothing changes', () => {
    const fixed = opts({ routerID: '10.1.1.1' });
    expect(configForConnection(fixed.config, fixed, '192.0.2.7', 0)).toBe(fixed.config);
  });
});
