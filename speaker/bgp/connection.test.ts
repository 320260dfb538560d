import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { closed, PeerConnection, plainAddress } from './connection';
import { nodeSockets, type BgpSockets } from './sockets';

const SOCKETS = nodeSockets();

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

async function server(onSocket: (s: net.Socket) => void = () => undefined) {
  const srv = net.createServer(onSocket);
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  cleanups.push(() => srv.close());
  return (srv.address() as net.AddressInfo).port;
}

/** A loopback port nothing listens on (connects are refused at once). */
async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise((r) => srv.close(r));
  return port;
}

it('plainAddress strips the IPv4-mapped prefix only', () => {
  expect([plainAddress('::ffff:192.0.2.1'), plainAddress('2001:db8::1'), plainAddress(undefined)]).toEqual([
    '192.0.2.1',
    '2001:db8::1',
    undefined,
  ]);
});

describe('PeerConnection', () => {
  it('dials, reports the connection, and frames what arrives', async () => {
    const marker = Buffer.alloc(16, 0xff);
    const port = await server((s) => s.end(Buffer.concat([marker, Buffer.of(0, 19, 4)])));
    const conn = PeerConnection.outgoing();
    cleanups.push(() => conn.close(false));
    const frames: boolean[] = [];
    const done = new Promise<void>((resolve) =>
      conn.listen(() => true, { frame: (f) => frames.push(f.ok), error: () => undefined, closed: resolve }),
    );
    await new Promise<void>((connected, failed) =>
      conn.dial(SOCKETS, { host: '127.0.0.1', port }, 5_000, { connected, failed }),
    );
    expect(conn.connected).toBe(true);
    expect(conn.localAddress).toBe('127.0.0.1');
    conn.socket!.end();
    await done;
    expect(frames).toEqual([true]);
  });

  it('delivers nothing once it is no longer current', async () => {
    const port = await server((s) => s.end(Buffer.alloc(19, 0xff)));
    const conn = PeerConnection.outgoing();
    let events = 0;
    conn.listen(() => false, { frame: () => events++, error: () => events++, closed: () => events++ });
    await new Promise<void>((connected, failed) =>
      conn.dial(SOCKETS, { host: '127.0.0.1', port }, 5_000, { connected, failed }),
    );
    await new Promise((r) => conn.socket!.once('close', r));
    expect(events).toBe(0);
  });

  it('reports a failed dial, and close() cancels a dial in flight without a callback', async () => {
    const signals: AbortSignal[] = [];
    const pending: BgpSockets = {
      limitation: undefined,
      dial: (_t, _ms, signal) =>
        new Promise((_resolve, reject) => {
          signals.push(signal);
          signal.addEventListener('abort', () => reject(new Error('aborted')));
        }),
      listen: () => Promise.reject(new Error('unused')),
    };
    let outcome = 'none';
    const conn = PeerConnection.outgoing();
    conn.dial(pending, { host: '192.0.2.1', port: 179 }, 50, {
      connected: () => (outcome = 'connected'),
      failed: () => (outcome = 'failed'),
    });
    conn.close(false);
    await new Promise((r) => setTimeout(r, 10));
    expect(signals[0]?.aborted).toBe(true);
    expect(outcome).toBe('none');

    const refused = PeerConnection.outgoing();
    const port = await closedPort();
    const err = await new Promise<Error>((failed) =>
      refused.dial(SOCKETS, { host: '127.0.0.1', port }, 5_000, {
        connected: () => undefined,
        failed,
      }),
    );
    expect((err as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
  });

  it('close(true) lets written data reach the peer before closing', async () => {
    const got: Buffer[] = [];
    const port = await server((s) => s.on('data', (d) => got.push(d)));
    const socket = net.connect({ host: '127.0.0.1', port });
    await new Promise((r) => socket.once('connect', r));
    const conn = PeerConnection.incoming(socket);
    socket.write(Buffer.of(1, 2, 3));
    conn.close(true);
    await closed(socket, 2_000);
    expect(Buffer.concat(got)).toEqual(Buffer.of(1, 2, 3));
  });
});

it('closed() resolves at once for a destroyed socket and on time for a live one', async () => {
  const s = new net.Socket();
  s.destroy();
  await closed(s, 60_000);
  const port = await server();
  const live = net.connect({ host: '127.0.0.1', port });
  cleanups.push(() => live.destroy());
  const t0 = Date.now();
  await closed(live, 30);
  expect(Date.now() - t0).toBeGreaterThanOrEqual(25);
});
