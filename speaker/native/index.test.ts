// The wrapper without privileges: where it looks for the addon, argument errors before the addon,
// and (the addon being built by npm ci) UDP and TCP (TCP-MD5, TTL, timeouts, abort) on loopback
// plus bad input to the C side.
import { existsSync, readlinkSync } from 'node:fs';
import net from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  ADDON_FILE,
  addonCandidates,
  connectTcp,
  listenTcp,
  listInterfaces,
  nativeStatus,
  openPacketSocket,
  openUdpSocket,
  setTcpTtl,
  type DatagramSource,
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
    expect(() => openUdpSocket({ address: '::', port: 0, ttl: 0, onMessage: noop })).toThrow(
      /^ttl .*1 to 255/,
    );
    expect(() => openUdpSocket({ address: '::', port: 0, ttl: 64.5, onMessage: noop })).toThrow(RangeError);
    expect(() =>
      openUdpSocket({ address: '::', port: 0, receiveTtl: 'yes' as never, onMessage: noop }),
    ).toThrow(/receiveTtl must be a boolean/);
    expect(() =>
      openUdpSocket({ address: '::', port: 0, reuseAddress: 1 as never, onMessage: noop }),
    ).toThrow(TypeError);
  });

  const to = { address: '192.0.2.1', port: 179, timeoutMs: 100 };
  it.each([
    ['no options', undefined, TypeError, /connectTcp options/],
    ['address', { ...to, address: 'peer' }, RangeError, /^address /],
    ['port', { ...to, port: 0 }, RangeError, /^port /],
    ['timeoutMs missing', { ...to, timeoutMs: undefined }, TypeError, /^timeoutMs /],
    ['timeoutMs', { ...to, timeoutMs: 0 }, RangeError, /^timeoutMs /],
    ['md5Key type', { ...to, md5Key: 7 }, TypeError, /^md5Key /],
    ['md5Key empty', { ...to, md5Key: '' }, RangeError, /^md5Key /],
    ['md5Key 81 bytes', { ...to, md5Key: 'k'.repeat(81) }, RangeError, /^md5Key .* got 81$/],
    ['ttl', { ...to, ttl: 0 }, RangeError, /^ttl /],
    ['minTtl', { ...to, minTtl: 256 }, RangeError, /^minTtl /],
    ['localAddress', { ...to, localAddress: 'me' }, RangeError, /^localAddress /],
    ['localAddress family', { ...to, localAddress: '2001:db8::1' }, RangeError, /^localAddress .*family/],
    ['signal', { ...to, signal: {} }, TypeError, /^signal /],
    ['netns', { ...to, netns: '../x' }, RangeError, /^netns /],
  ])('connectTcp rejects a bad %s', async (_, o, type, message) => {
    const p = connectTcp(o as never);
    await expect(p).rejects.toThrow(type);
    await expect(p).rejects.toThrow(message);
  });

  it('listenTcp and setTcpTtl check their arguments the same way', async () => {
    const at = { address: '::', port: 0 };
    await expect(listenTcp(null as never)).rejects.toThrow(TypeError);
    await expect(listenTcp({ ...at, port: 65536 })).rejects.toThrow(/^port /);
    await expect(listenTcp({ ...at, backlog: 0 })).rejects.toThrow(/^backlog /);
    await expect(listenTcp({ ...at, md5Key: 'x'.repeat(100) })).rejects.toThrow(/^md5Key .* got 100$/);
    await expect(listenTcp({ ...at, ttl: 300 })).rejects.toThrow(RangeError);
    await expect(listenTcp({ address: 'any', port: 0 })).rejects.toThrow(RangeError);
    expect(() => setTcpTtl({} as never, { ttl: 1 })).toThrow(/socket must be a node:net Socket/);
    const socket = new net.Socket();
    expect(() => setTcpTtl(socket, { ttl: 0 })).toThrow(RangeError);
    expect(() => setTcpTtl(socket, { minTtl: '1' as never })).toThrow(TypeError);
    expect(() => setTcpTtl(socket, { ttl: 64 })).toThrow(
      expect.objectContaining({ code: 'ERR_SOCKET_CLOSED' }),
    );
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

  it('connects over TCP-MD5 on loopback (IPv4 to a dual-stack listener): data both ways, fd closed by destroy', async () => {
    const l = await listenTcp({ address: '::', port: 0, md5Key: 'loopback key', ttl: 64, minTtl: 1 });
    const accepted = new Promise<net.Socket>((r) => l.server.once('connection', r));
    try {
      const c = await connectTcp({
        address: '127.0.0.1',
        port: l.port,
        md5Key: 'loopback key',
        timeoutMs: 2000,
      });
      const s = await accepted;
      expect([c.remoteAddress, c.remotePort, c.localAddress]).toEqual(['127.0.0.1', l.port, '127.0.0.1']);
      expect([s.remoteAddress, s.remotePort]).toEqual(['::ffff:127.0.0.1', c.localPort]);
      setTcpTtl(s, { ttl: 200, minTtl: 2 });
      const got = new Promise<string>((r) => s.once('data', (d: Buffer) => r(d.toString())));
      c.write('ping');
      expect(await got).toBe('ping');
      const back = new Promise<string>((r) => c.once('data', (d: Buffer) => r(d.toString())));
      s.write('pong');
      expect(await back).toBe('pong');
      const fd = (c as unknown as { _handle: { fd: number } })._handle.fd;
      const inode = readlinkSync(`/proc/self/fd/${fd}`);
      expect(inode).toMatch(/^socket:/);
      c.destroy();
      await new Promise((r) => c.once('close', r));
      let now: string | undefined;
      try {
        now = readlinkSync(`/proc/self/fd/${fd}`);
      } catch {
        now = undefined;
      }
      expect(now).not.toBe(inode);
      s.destroy();
    } finally {
      await l.close();
      await l.close();
    }
    expect(() => l.setMd5Key('127.0.0.1', 'k')).toThrow(/closed/);
  });

  it('fails TCP connects with the errno as code: refused, timed out (key mismatch), aborted', async () => {
    const l = await listenTcp({ address: '127.0.0.1', port: 0, md5Key: 'k3y-Right' });
    const refusedPort = await listenTcp({ address: '127.0.0.1', port: 0 }).then(async (x) => {
      await x.close();
      return x.port;
    });
    try {
      await expect(
        connectTcp({ address: '127.0.0.1', port: refusedPort, timeoutMs: 1000 }),
      ).rejects.toMatchObject({
        code: 'ECONNREFUSED',
        message: expect.stringMatching(
          `^connect to 127.0.0.1 port ${refusedPort}: connect: .*nothing listens`,
        ),
      });
      const t0 = Date.now();
      const err = await connectTcp({
        address: '127.0.0.1',
        port: l.port,
        md5Key: 'k3y-Wrong',
        timeoutMs: 300,
      }).catch((e: NodeJS.ErrnoException) => e);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
      expect(err).toMatchObject({
        code: 'ETIMEDOUT',
        message: expect.stringMatching(/within 300 ms.*TCP-MD5/),
      });
      expect((err as Error).message).not.toMatch(/k3y/);
      await expect(connectTcp({ address: '127.0.0.1', port: l.port, timeoutMs: 300 })).rejects.toMatchObject({
        code: 'ETIMEDOUT',
      });
      const ac = new AbortController();
      setTimeout(() => ac.abort(), 50);
      const t1 = Date.now();
      await expect(
        connectTcp({
          address: '127.0.0.1',
          port: l.port,
          md5Key: 'k3y-Wrong',
          timeoutMs: 5000,
          signal: ac.signal,
        }),
      ).rejects.toMatchObject({ code: 'ABORT_ERR', name: 'AbortError' });
      expect(Date.now() - t1).toBeLessThan(1000);
      await expect(
        connectTcp({ address: '127.0.0.1', port: l.port, timeoutMs: 5000, signal: AbortSignal.abort() }),
      ).rejects.toMatchObject({ code: 'ABORT_ERR' });
      l.setMd5Key('127.0.0.1', 'own key'); // longer prefix than the listener's own key: wins
      await expect(
        connectTcp({ address: '127.0.0.1', port: l.port, md5Key: 'k3y-Right', timeoutMs: 300 }),
      ).rejects.toMatchObject({ code: 'ETIMEDOUT' });
      const c = await connectTcp({ address: '127.0.0.1', port: l.port, md5Key: 'own key', timeoutMs: 1000 });
      c.destroy();
      l.setMd5Key('127.0.0.1', undefined);
      l.setMd5Key('127.0.0.1', undefined); // removing what is not there is fine
      expect(() => l.setMd5Key('::1', 'k')).toThrow(/EAFNOSUPPORT/);
    } finally {
      await l.close();
    }
  });

  it('names the step and the namespace in TCP errors', async () => {
    const ns = 'mlbts-no-such-ns';
    await expect(
      connectTcp({ netns: ns, address: '192.0.2.1', port: 179, timeoutMs: 100 }),
    ).rejects.toMatchObject({
      code: 'ENOENT',
      message: expect.stringMatching(
        `^connect to 192.0.2.1 port 179 in netns ${ns}: open .*no such network namespace`,
      ),
    });
    await expect(listenTcp({ netns: ns, address: '::', port: 179 })).rejects.toThrow(
      /^listen on TCP :: port 179 in netns/,
    );
    const l = await listenTcp({ address: '127.0.0.1', port: 0 });
    try {
      await expect(listenTcp({ address: '127.0.0.1', port: l.port })).rejects.toMatchObject({
        code: 'EADDRINUSE',
        message: `listen on TCP 127.0.0.1 port ${l.port}: bind: Address already in use (EADDRINUSE): the port is taken`,
      });
      await expect(
        connectTcp({ address: '127.0.0.1', port: l.port, localAddress: '192.0.2.77', timeoutMs: 100 }),
      ).rejects.toMatchObject({
        code: 'EADDRNOTAVAIL',
        message: expect.stringContaining('from 192.0.2.77: bind'),
      });
    } finally {
      await l.close();
    }
  });

  it('sends with a TTL and reports received TTL and destination, IPv4-mapped senders included', async () => {
    const got: DatagramSource[] = [];
    const rx = openUdpSocket({
      address: '::',
      port: 0,
      receiveTtl: true,
      onMessage: (_, from) => got.push(from),
    });
    const tx4 = openUdpSocket({ address: '127.0.0.1', port: 0, ttl: 7, onMessage: () => undefined });
    const tx6 = openUdpSocket({ address: '::1', port: 0, ttl: 9, onMessage: () => undefined });
    try {
      tx4.send(Buffer.from('a'), '127.0.0.1', rx.port);
      tx6.send(Buffer.from('b'), '::1', rx.port);
      const deadline = Date.now() + 5000;
      while (got.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      expect(got).toEqual(
        expect.arrayContaining([
          { address: '127.0.0.1', port: tx4.port, ttl: 7, localAddress: '127.0.0.1' },
          { address: '::1', port: tx6.port, ttl: 9, localAddress: '::1' },
        ]),
      );
    } finally {
      for (const s of [rx, tx4, tx6]) s.close();
    }
  });

  it('reports a taken UDP port as EADDRINUSE, and shares it with reuseAddress on both', () => {
    const first = openUdpSocket({ address: '127.0.0.1', port: 0, onMessage: () => undefined });
    const port = first.port;
    try {
      expect(() => openUdpSocket({ address: '127.0.0.1', port, onMessage: () => undefined })).toThrow(
        expect.objectContaining({
          code: 'EADDRINUSE',
          message: `open UDP socket on 127.0.0.1 port ${port}: bind: Address already in use (EADDRINUSE): the port is taken, try another`,
        }),
      );
    } finally {
      first.close();
    }
    const a = openUdpSocket({
      address: '127.0.0.1',
      port: 0,
      reuseAddress: true,
      onMessage: () => undefined,
    });
    const b = openUdpSocket({
      address: '127.0.0.1',
      port: a.port,
      reuseAddress: true,
      onMessage: () => undefined,
    });
    expect(b.port).toBe(a.port);
    a.close();
    b.close();
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
      () => raw.openUdp!(null, '::', 0, () => undefined, 256),
      () => raw.openUdp!(null, '::', 0, () => undefined, 1, 'yes'),
      () => raw.openUdp!(null, '::', 0, () => undefined, 1, true, 0),
      () => raw.tcpConnect!(null, '127.0.0.1', 179, null, null, 0, 0, 100),
      () => raw.tcpConnect!(null, '127.0.0.1', 179, null, new Uint8Array(81), 0, 0, 100, () => undefined),
      () => raw.tcpConnect!(null, '127.0.0.1', 179, null, 'key', 0, 0, 100, () => undefined),
      () => raw.tcpConnect!(null, '127.0.0.1', 179, '::1', null, 0, 0, 100, () => undefined),
      () => raw.tcpConnect!(null, '127.0.0.1', 179, null, null, 0, 0, 0, () => undefined),
      () => raw.tcpAbort!({}),
      () => raw.tcpListen!(null, '::', 0, 0, null, 0, 0),
      () => raw.tcpListen!(null, '::', 0, 1, null, -1, 0),
      () => raw.tcpSetTtl!(-1, 1, 1),
      () => raw.tcpSetMd5!(0, 'nope', null),
    ];
    for (const call of calls) expect(call).toThrow(TypeError);
    const udp = raw.openUdp!(null, '127.0.0.1', 0, () => undefined) as { handle: object };
    try {
      expect(() => raw.send!(udp.handle, new Uint8Array(20))).toThrow(/needs a packet socket/);
      expect(() => raw.sendTo!(udp.handle, [1, 2], '127.0.0.1', 9)).toThrow(TypeError);
      expect(() => raw.tcpAbort!(udp.handle)).toThrow(TypeError);
    } finally {
      raw.close!(udp.handle);
    }
    // A descriptor that is not a TCP socket is refused, not changed (0 is stdin).
    expect(() => raw.tcpSetTtl!(0, 64, 0)).toThrow(/EPROTOTYPE|ENOTSOCK/);
  });
});
