// The wrapper without privileges: where it looks for the addon, argument errors before the addon,
// and (the addon being built by npm ci) a UDP round trip on loopback plus bad input to the C side.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  ADDON_FILE,
  addonCandidates,
  listInterfaces,
  nativeStatus,
  openPacketSocket,
  openUdpSocket,
} from '.';

const status = nativeStatus();
/** Loaded (raw sockets may still be refused); under .ci/run these tests run regardless, and fail. */
const loaded = status.ok || !/native addon/.test(status.reason);

describe('native addon location', () => {
  it('uses METALLB_NATIVE_ADDON alone when set, resolved against the working directory', () => {
    expect(addonCandidates({ METALLB_NATIVE_ADDON: 'x/a.node' }, 'file:///m/index.js', '/w')).toEqual([
      '/w/x/a.node',
    ]);
  });

  it('looks in build/ beside the module, beside the module (bundle), then under the working directory', () => {
    const url = pathToFileURL('/repo/dist-server/speaker.js').href;
    expect(addonCandidates({}, url, '/repo')).toEqual([
      path.join('/repo/dist-server/build', ADDON_FILE),
      path.join('/repo/dist-server', ADDON_FILE),
      path.join('/repo/speaker/native/build', ADDON_FILE),
    ]);
  });
});

describe('native wrapper arguments', () => {
  const noop = () => undefined;
  it('rejects bad arguments with TypeError or RangeError before touching the addon', () => {
    expect(() => openPacketSocket(undefined as never)).toThrow(TypeError);
    expect(() => openPacketSocket({ ifname: 7 as never, onFrame: noop })).toThrow(TypeError);
    expect(() => openPacketSocket({ ifname: 'eth0', onFrame: undefined as never })).toThrow(TypeError);
    expect(() => openPacketSocket({ netns: '../x', ifname: 'eth0', onFrame: noop })).toThrow(RangeError);
    expect(() => openUdpSocket({ address: 'nope', port: 0, onMessage: noop })).toThrow(RangeError);
    expect(() => openUdpSocket({ address: '::', port: 1e6, onMessage: noop })).toThrow(RangeError);
    expect(() => listInterfaces(5 as never)).toThrow(TypeError);
  });
});

describe.skipIf(!loaded && !process.env.METALLB_CI)('native addon without privileges', () => {
  it('lists the loopback interface of our own namespace', () => {
    const lo = listInterfaces().find((i) => i.loopback);
    expect(lo).toMatchObject({ up: true, mac: null, master: null });
    expect(lo!.addresses).toContain('127.0.0.1');
  });

  it('names a missing namespace and a missing interface in its errors', () => {
    expect(() => listInterfaces('mlbts-no-such-ns')).toThrow(/no such network namespace/);
    const err = (() => {
      try {
        openPacketSocket({ ifname: 'mlbts-nope0', onFrame: () => undefined });
      } catch (e) {
        return e as NodeJS.ErrnoException;
      }
    })();
    // Without CAP_NET_RAW the socket itself is refused first.
    expect(err?.message).toMatch(/^open AF_PACKET socket on mlbts-nope0: .*(no such interface|CAP_NET_RAW)/);
    expect(['ENODEV', 'EPERM']).toContain(err?.code);
  });

  it('exchanges datagrams on loopback, IPv4 to a dual-stack socket and back', async () => {
    const got: { text: string; from: { address: string; port: number } }[] = [];
    let done!: () => void;
    const twoMessages = new Promise<void>((r) => (done = r));
    const onMessage = (data: Uint8Array, from: { address: string; port: number }) => {
      got.push({ text: Buffer.from(data).toString(), from });
      if (got.length === 2) done();
    };
    const a = openUdpSocket({ address: '127.0.0.1', port: 0, onMessage });
    const b = openUdpSocket({
      address: '::',
      port: 0,
      onMessage: (data, from) => {
        onMessage(data, from);
        b.send(Buffer.from('pong'), from.address, from.port);
      },
    });
    try {
      a.send(Buffer.from('ping'), '127.0.0.1', b.port);
      await twoMessages;
      expect(got).toEqual([
        { text: 'ping', from: { address: '127.0.0.1', port: a.port } },
        { text: 'pong', from: { address: '127.0.0.1', port: b.port } },
      ]);
    } finally {
      a.close();
      b.close();
      b.close();
    }
    expect(() => a.send(Buffer.from('late'), '127.0.0.1', b.port)).toThrow(/send on closed UDP socket/);
    expect(() => a.send(Buffer.from('x'), '2001:db8::1', 9)).toThrow(/closed/);
  });

  it('refuses IPv6 destinations on an IPv4 socket with a clear error', () => {
    const s = openUdpSocket({ address: '127.0.0.1', port: 0, onMessage: () => undefined });
    try {
      expect(() => s.send(Buffer.from('x'), '2001:db8::1', 9)).toThrow(/EAFNOSUPPORT/);
    } finally {
      s.close();
    }
  });

  it('checks arguments in C too: wrong types are TypeErrors, never a crash', () => {
    const file = addonCandidates().find((f) => existsSync(f))!;
    const raw = createRequire(import.meta.url)(file) as Record<string, (...args: unknown[]) => unknown>;
    const calls: (() => unknown)[] = [
      () => raw.listInterfaces!(5),
      () => raw.openPacket!(null, 'lo'),
      () => raw.openPacket!(null, 'x'.repeat(40), () => undefined),
      () => raw.openPacket!(null, 'lo', 'not a function'),
      () => raw.openUdp!(null, '::', 1.5, () => undefined),
      () => raw.openUdp!(null, 'nope', 0, () => undefined),
      () => raw.send!({}, new Uint8Array(20)),
      () => raw.send!(null, null),
      () => raw.sendTo!(1, 2, 3, 4),
      () => raw.close!('handle'),
      () => raw.close!(),
    ];
    for (const call of calls) expect(call).toThrow(TypeError);
    const udp = raw.openUdp!(null, '127.0.0.1', 0, () => undefined) as { handle: object };
    try {
      expect(() => raw.send!(udp.handle, new Uint8Array(20))).toThrow(/needs a packet socket/);
      expect(() => raw.sendTo!(udp.handle, [1, 2], '127.0.0.1', 9)).toThrow(TypeError);
    } finally {
      raw.close!(udp.handle);
    }
  });
});
