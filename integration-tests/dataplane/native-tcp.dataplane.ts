// The native addon's TCP and UDP options on real links between two namespaces: TCP-MD5 (RFC 2385)
// keys on both sides and per peer on a listener, minimum TTL (GTSM, RFC 5082) and TTL inherited by
// accepted sockets, UDP with a TTL and the received TTL and destination (BFD), and FRR's bgpd
// with a password talking to our sockets.
import { existsSync } from 'node:fs';
import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectTcp,
  listenTcp,
  openUdpSocket,
  setTcpTtl,
  type DatagramSource,
  type TcpConnectOptions,
  type TcpListenOptions,
} from '../../speaker/native';
import { skipReason, sleep, until } from './native-fixtures';
import { Testbed } from './netns';
import { startFrr } from './routers';

const unavailable = skipReason();

describe.skipIf(unavailable !== undefined)('native addon: TCP-MD5, GTSM and UDP TTL', () => {
  const A = { 4: '192.0.2.1', 6: '2001:db8::1' } as const;
  const B = { 4: '192.0.2.2', 6: '2001:db8::2' } as const;
  const KEY = 'dataplane md5 key';
  const FAIL_MS = 1500; // how long connects that must not succeed are given
  let tb: Testbed;
  let nsA: string;
  const cleanup: (() => unknown)[] = [];
  const took: Record<string, number> = {}; // figures for the log

  beforeAll(() => {
    tb = new Testbed();
    nsA = tb.addNamespace('a');
    tb.addNamespace('b');
    tb.attach('a', { ipv4: `${A[4]}/24`, ipv6: `${A[6]}/64` });
    tb.attach('b', { ipv4: `${B[4]}/24`, ipv6: `${B[6]}/64` });
  });

  afterAll(async () => {
    for (const f of cleanup.splice(0).reverse())
      await Promise.resolve()
        .then(f)
        .catch(() => undefined);
    tb?.destroy();
    console.info(`native TCP/UDP timings (ms): ${JSON.stringify(took)}`);
  });

  /** A listener in B; next(n) waits for its n-th accepted socket. */
  async function serve(o: Partial<TcpListenOptions> = {}) {
    const l = await listenTcp({ netns: tb.ns('b'), address: '::', port: 0, ...o });
    const accepted: net.Socket[] = [];
    l.server.on('connection', (s: net.Socket) => accepted.push(s));
    cleanup.push(() => l.close());
    cleanup.push(() => accepted.forEach((s) => s.destroy()));
    return { l, accepted, next: (n: number) => until(`connection ${n}`, () => accepted[n - 1]) };
  }

  async function connect(fam: 4 | 6, port: number, o: Partial<TcpConnectOptions> = {}) {
    const from = { netns: nsA, localAddress: A[fam], timeoutMs: 3000 };
    const c = await connectTcp({ ...from, address: B[fam], port, ...o });
    cleanup.push(() => c.destroy());
    return c;
  }

  /** Expects a timeout (the kernel dropped the segments); returns how long it took. */
  async function timesOut(fam: 4 | 6, port: number, o: Partial<TcpConnectOptions> = {}): Promise<number> {
    const t0 = Date.now();
    const err = await connect(fam, port, { timeoutMs: FAIL_MS, ...o }).catch((e: Error) => e);
    expect(err).toMatchObject({ code: 'ETIMEDOUT', message: expect.stringContaining(`in netns ${nsA}`) });
    return Date.now() - t0;
  }

  /** n bytes; the socket is paused again afterwards so nothing is lost between reads. */
  const read = (s: net.Socket, n: number, ms = 5000) =>
    new Promise<Buffer>((resolve, reject) => {
      let buf = Buffer.alloc(0);
      const on = (d: Buffer) => (buf = Buffer.concat([buf, d])).length >= n && done();
      const done = (err?: Error) => {
        clearTimeout(timer);
        s.off('data', on).pause();
        return err ? reject(err) : resolve(buf);
      };
      const timer = setTimeout(() => done(new Error(`${buf.length} of ${n} bytes in ${ms} ms`)), ms);
      s.on('data', on).resume();
    });

  async function exchange(c: net.Socket, s: net.Socket): Promise<void> {
    const there = read(s, 4);
    c.write('ping');
    expect((await there).toString()).toBe('ping');
    const back = read(c, 4);
    s.write('pong');
    expect((await back).toString()).toBe('pong');
  }

  it('connects A to B with the same TCP-MD5 key over IPv4 and IPv6: data both ways', async () => {
    const v4 = await serve({ address: '0.0.0.0', md5Key: KEY });
    const dual = await serve({ md5Key: KEY });
    for (const [fam, srv] of [4, 6, 4].map((f, i) => [f as 4 | 6, i ? dual : v4] as const)) {
      const nth = srv.accepted.length + 1;
      const t0 = Date.now();
      const c = await connect(fam, srv.l.port, { md5Key: KEY });
      took[`md5 connect v${fam}${srv === dual ? ' dual' : ''}`] = Date.now() - t0;
      const s = await srv.next(nth);
      expect([c.remoteAddress, c.remotePort, c.localAddress]).toEqual([B[fam], srv.l.port, A[fam]]);
      const mapped = srv === dual && fam === 4 ? `::ffff:${A[4]}` : A[fam];
      expect([s.remoteAddress, s.remotePort]).toEqual([mapped, c.localPort]);
      await exchange(c, s);
    }
  });

  it('never connects with a wrong key, or a key on one side only', async () => {
    const [keyed, plain] = [await serve({ md5Key: KEY }), await serve()];
    const waits = await Promise.all([
      ...([4, 6] as const).map((f) => timesOut(f, keyed.l.port, { md5Key: 'another key' })),
      ...([4, 6] as const).map((f) => timesOut(f, plain.l.port, { md5Key: KEY })),
    ]);
    took['wrong key'] = Math.max(...waits);
    for (const w of waits) expect(w).toBeGreaterThanOrEqual(FAIL_MS - 10);
    expect(keyed.accepted.length + plain.accepted.length).toBe(0);
    // The failed attempts' sockets are closed: nothing left half-open in A.
    expect(tb.exec('a', 'ss', ['-Htn', 'state', 'syn-sent']).trim()).toBe('');
  });

  it('refuses A without a key once the listener has one for A; setMd5Key(undefined) lets it in', async () => {
    const srv = await serve();
    for (const f of [4, 6] as const) srv.l.setMd5Key(A[f], KEY);
    const waits = await Promise.all([timesOut(4, srv.l.port), timesOut(6, srv.l.port)]);
    took['per-peer key'] = Math.max(...waits);
    await exchange(await connect(4, srv.l.port, { md5Key: KEY }), await srv.next(1));
    for (const f of [4, 6] as const) srv.l.setMd5Key(A[f], undefined);
    await exchange(await connect(4, srv.l.port), await srv.next(2));
    await exchange(await connect(6, srv.l.port), await srv.next(3));
  });

  it('sends UDP with a TTL and reports the received TTL and destination address (BFD)', async () => {
    const got: DatagramSource[] = [];
    const onMessage = (_: Uint8Array, from: DatagramSource) => got.push(from);
    const rx = openUdpSocket({ netns: tb.ns('b'), address: '::', port: 0, receiveTtl: true, onMessage });
    const rx4 = openUdpSocket({ netns: tb.ns('b'), address: B[4], port: 0, receiveTtl: true, onMessage });
    const open = (ttl?: number) => openUdpSocket({ netns: nsA, address: '::', port: 0, ttl, onMessage });
    const [t255, t1, dflt] = [open(255), open(1), open()];
    cleanup.push(...[rx, rx4, t255, t1, dflt].map((s) => () => s.close()));
    for (const tx of [t255, t1, dflt])
      for (const f of [4, 6] as const) tx.send(Buffer.from('x'), B[f], rx.port);
    t255.send(Buffer.from('x'), B[4], rx4.port);
    await until('7 datagrams', () => got.length >= 7);
    const from = (port: number, f: 4 | 6, ttl: number) => ({ address: A[f], port, ttl, localAddress: B[f] });
    const want = ([4, 6] as const).flatMap((f) => [
      from(t255.port, f, 255),
      from(t1.port, f, 1),
      from(dflt.port, f, 64),
    ]);
    expect(got).toEqual(expect.arrayContaining(want));
    expect(got.filter((g) => g.port === t255.port && g.address === A[4])).toHaveLength(2); // rx and rx4
    // A taken port in the BFD source range: EADDRINUSE (the BFD shell then tries another).
    const port = 49152 + Math.floor(Math.random() * 16000);
    const taken = openUdpSocket({ netns: nsA, address: A[4], port, onMessage });
    cleanup.push(() => taken.close());
    const inUse = { code: 'EADDRINUSE', message: expect.stringContaining(`in netns ${nsA}: bind`) };
    expect(() => openUdpSocket({ netns: nsA, address: A[4], port, ttl: 255, onMessage })).toThrow(
      expect.objectContaining(inUse),
    );
  });

  it('drops TTL 1 at a minTtl 255 listener, takes it at 1; accepted sockets inherit ttl and minTtl', async () => {
    const strict = await serve({ minTtl: 255 });
    const lax = await serve({ minTtl: 1 });
    const low = await serve({ ttl: 1 });
    const waits = Promise.all([
      timesOut(4, strict.l.port, { ttl: 1 }),
      timesOut(6, strict.l.port, { ttl: 1 }),
      timesOut(4, low.l.port, { minTtl: 2 }), // the SYN-ACK leaves `low` with TTL 1
    ]);
    await exchange(await connect(4, lax.l.port, { ttl: 1 }), await lax.next(1));
    await exchange(await connect(6, lax.l.port, { ttl: 1 }), await lax.next(2));
    took['minTtl drops'] = Math.max(...(await waits));
    // ttl 255 + minTtl 255 on the listener: A (minTtl 255) hears the accepted socket: it sends with 255.
    const gtsm = await serve({ ttl: 255, minTtl: 255 });
    for (const fam of [4, 6] as const) {
      const c = await connect(fam, gtsm.l.port, { ttl: 255, minTtl: 255 });
      const s = await gtsm.next(fam === 4 ? 1 : 2);
      await exchange(c, s);
      setTcpTtl(c, { ttl: 1 }); // below the accepted socket's inherited minimum: dropped
      const late = read(s, 4, 8000);
      c.write('late');
      expect(await Promise.race([late.then(() => 'arrived'), sleep(700).then(() => 'held')])).toBe('held');
      const t0 = Date.now();
      setTcpTtl(s, { minTtl: 1 }); // per peer: a retransmission gets in
      expect((await late).toString()).toBe('late');
      took[`retransmission in after minTtl 1, v${fam}`] = Date.now() - t0;
    }
  });

  const noFrr = !existsSync('/usr/lib/frr/bgpd') && !process.env.METALLB_CI; // under .ci/run: fails
  it.skipIf(noFrr)('speaks TCP-MD5 with FRR bgpd both ways', async () => {
    const t0 = Date.now();
    const frrKey = 'frr-md5-key.1'; // FRR takes one word
    tb.addNamespace('frr');
    tb.attach('frr', { ipv4: '192.0.2.3/24' });
    const l = await listenTcp({ netns: nsA, address: '0.0.0.0', port: 179, md5Key: frrKey });
    cleanup.push(() => l.close());
    const fromFrr = new Promise<net.Socket>((r) => l.server.once('connection', r));
    const n = ` neighbor ${A[4]}`;
    const router = 'router bgp 64501\n bgp router-id 192.0.2.3\n no bgp ebgp-requires-policy\n';
    const bgpConfig = `${router}${n} remote-as 64500\n${n} password ${frrKey}\n${n} timers connect 1\n`;
    const frr = await startFrr(tb, 'frr', { bgpConfig });
    const isOpen = (b: Buffer) => b.subarray(0, 16).every((x) => x === 0xff) && b[18] === 1; // RFC 4271 OPEN
    const inbound = await fromFrr;
    cleanup.push(() => inbound.destroy());
    expect(inbound.remoteAddress).toBe('192.0.2.3');
    expect(isOpen(await read(inbound, 19)), frr.logs()).toBe(true);
    const to = { netns: nsA, address: '192.0.2.3', port: 179 };
    const [out, wrong] = await Promise.all([
      connectTcp({ ...to, md5Key: frrKey, timeoutMs: 3000 }),
      connectTcp({ ...to, md5Key: 'not-frr-key', timeoutMs: FAIL_MS }).catch(
        (e: Error & { code: string }) => e.code,
      ),
    ]);
    cleanup.push(() => out.destroy());
    expect(isOpen(await read(out, 19)), frr.logs()).toBe(true);
    expect(wrong).toBe('ETIMEDOUT');
    took['frr check'] = Date.now() - t0;
  });
});
