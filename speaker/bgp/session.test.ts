// The socket shell against itself on 127.0.0.1: an active session and a passive one behind a
// BgpListener (both built on our own codec), plus a TCP proxy between them to cut the connection
// abruptly, and a raw socket that sends garbage.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { routesFor } from '../../api/announce/advertisement';
import { decodeMessage } from './codec';
import { MessageFramer } from './framer';
import { BgpListener } from './listener';
import { nodeSockets } from './sockets';
import { BgpSession, type SessionEvent } from './session';
import type { SessionConfig } from './negotiation';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function waitFor(what: string, cond: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const BASE: Omit<SessionConfig, 'localAsn' | 'routerId' | 'peerAsn'> = {
  holdTime: 3,
  connectRetryTime: 1,
  families: [4, 6],
};

/** What a session received, as a prefix -> next hop table. */
function recorder(s: BgpSession) {
  const rib = new Map<string, { nextHop?: string; communities?: number[] }>();
  const events: SessionEvent[] = [];
  s.on('event', (e) => {
    events.push(e);
    if (e.type !== 'updateReceived') return;
    for (const p of e.withdrawn) rib.delete(p);
    for (const p of e.nlri) rib.set(p, { nextHop: e.nextHop, communities: e.communities });
  });
  return { rib, events };
}

async function passivePeer(port = 0) {
  const listener = new BgpListener({ host: '127.0.0.1', port });
  const info = await listener.listen();
  const session = new BgpSession({
    config: { ...BASE, localAsn: 64501, routerId: '192.0.2.2', peerAsn: 64500, passive: true },
    peerAddress: '127.0.0.1',
    backoff: { initialMs: 20 },
  });
  listener.add(session);
  cleanups.push(() => listener.close());
  cleanups.push(() => session.stop());
  return { listener, session, port: info.port };
}

function activeSpeaker(port: number) {
  const session = new BgpSession({
    config: { ...BASE, localAsn: 64500, routerId: '192.0.2.1', peerAsn: 64501 },
    peerAddress: '127.0.0.1',
    peerPort: port,
    sourceAddress: '127.0.0.1',
    backoff: { initialMs: 20 },
  });
  cleanups.push(() => session.stop());
  return session;
}

/** A TCP relay whose connections the test can cut. */
async function proxy(target: number) {
  const pairs: net.Socket[] = [];
  const server = net.createServer((client) => {
    const upstream = net.connect({ host: '127.0.0.1', port: target });
    for (const s of [client, upstream]) s.on('error', () => undefined);
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    pairs.push(client, upstream);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => {
    for (const s of pairs) s.destroy();
    return new Promise<void>((r) => server.close(() => r()));
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    cut: () => {
      for (const s of pairs.splice(0)) s.destroy();
    },
  };
}

const ROUTES = routesFor([
  { ip: '203.0.113.10', communities: ['64500:100'] },
  { ip: '2001:db8:1::10', communities: ['64500:100'] },
]).routes;

describe('BgpSession over loopback TCP', () => {
  it('names the missing piece when its sockets cannot carry a TCP-MD5 password, and never connects', async () => {
    const s = new BgpSession({
      config: { ...BASE, localAsn: 1, routerId: '192.0.2.1', peerAsn: 2 },
      peerAddress: '127.0.0.1',
      md5Key: 'secret',
      sockets: nodeSockets('the native addon (not built here)'),
    });
    s.start();
    await waitFor('a connection error', () => s.status().lastError !== undefined);
    expect(s.status().lastError).toBe('a TCP-MD5 password needs the native addon (not built here)');
    expect(s.status().lastError).not.toContain('secret');
    await s.stop();
  });

  it('reaches Established, sends the full table with our next hop, then diffs and withdraws', async () => {
    const b = await passivePeer();
    const a = activeSpeaker(b.port);
    const got = recorder(b.session);
    a.setRoutes(ROUTES); // before Established: sent as the initial table
    b.session.start();
    a.start();
    await waitFor('Established', () => a.state === 'Established' && b.session.state === 'Established');
    await waitFor('IPv4 route', () => got.rib.has('203.0.113.10/32'));
    expect(got.rib.get('203.0.113.10/32')).toEqual({
      nextHop: '127.0.0.1',
      communities: [64500 * 65536 + 100],
    });
    // IPv6 has no next hop on an IPv4 connection: skipped and reported.
    expect(a.status()).toMatchObject({
      state: 'Established',
      prefixesSent: 1,
      localAddress: '127.0.0.1',
      skipped: [{ prefix: '2001:db8:1::10/128', reason: 'no IPv6 next hop' }],
    });
    expect(a.status().uptimeMs).toBeGreaterThanOrEqual(0);
    // End-of-RIB for both families arrived as empty UPDATEs.
    expect(got.events.filter((e) => e.type === 'updateReceived' && e.nlri.length === 0).length).toBe(2);

    a.setRoutes(routesFor([{ ip: '203.0.113.11' }]).routes);
    await waitFor('diff', () => got.rib.has('203.0.113.11/32') && !got.rib.has('203.0.113.10/32'));
    a.setRoutes([]);
    await waitFor('withdrawal', () => got.rib.size === 0);
    expect(a.status().prefixesSent).toBe(0);
  });

  it('uses the configured IPv6 next hop for IPv6 routes over an IPv4 connection', async () => {
    const b = await passivePeer();
    const a = new BgpSession({
      config: { ...BASE, localAsn: 64500, routerId: '192.0.2.1', peerAsn: 64501 },
      peerAddress: '127.0.0.1',
      peerPort: b.port,
      nextHopV6: '2001:db8::1',
    });
    cleanups.push(() => a.stop());
    const got = recorder(b.session);
    b.session.start();
    a.start();
    a.setRoutes(ROUTES);
    await waitFor('both routes', () => got.rib.size === 2);
    expect(got.rib.get('2001:db8:1::10/128')?.nextHop).toBe('2001:db8::1');
  });

  it('goes down when the peer stops (Cease) and re-establishes once it is back', async () => {
    const b = await passivePeer();
    const a = activeSpeaker(b.port);
    const events = recorder(a).events;
    const got = recorder(b.session);
    a.setRoutes(ROUTES);
    b.session.start();
    a.start();
    await waitFor('Established', () => a.state === 'Established');
    await b.session.stop();
    await waitFor('A down', () => a.state !== 'Established');
    expect(a.status().lastNotificationReceived).toMatchObject({ code: 6, subcode: 2 });
    expect(events.some((e) => e.type === 'down')).toBe(true);
    got.rib.clear();
    b.session.start();
    await waitFor('re-established', () => a.state === 'Established' && b.session.state === 'Established');
    await waitFor('routes again', () => got.rib.has('203.0.113.10/32'));
  });

  it('sees the TCP connection cut, goes back through Idle/Connect and re-establishes', async () => {
    const b = await passivePeer();
    const relay = await proxy(b.port);
    const a = activeSpeaker(relay.port);
    const states: string[] = [];
    a.on('event', (e) => {
      if (e.type === 'state') states.push(e.to);
    });
    b.session.start();
    a.start();
    await waitFor('Established', () => a.state === 'Established' && b.session.state === 'Established');
    states.length = 0;
    relay.cut();
    await waitFor('drop seen', () => a.state !== 'Established');
    await waitFor('re-established', () => a.state === 'Established' && b.session.state === 'Established');
    expect(states.slice(0, 3)).toEqual(['Idle', 'Connect', 'OpenSent']);
    expect(states.at(-1)).toBe('Established');
  });

  it('retries with back-off while the peer is unreachable', async () => {
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise<void>((r) => server.close(() => r())); // now nothing listens there
    const a = new BgpSession({
      config: { ...BASE, localAsn: 64500, routerId: '192.0.2.1', peerAsn: 64501 },
      peerAddress: '127.0.0.1',
      peerPort: port,
      backoff: { initialMs: 10, maxMs: 40 },
    });
    cleanups.push(() => a.stop());
    const delays: number[] = [];
    a.on('event', (e) => {
      if (e.type === 'restartScheduled') delays.push(e.delayMs);
    });
    a.start();
    await waitFor('four retries', () => delays.length >= 4);
    expect(delays.slice(0, 4)).toEqual([10, 20, 40, 40]);
    expect(a.status().lastError).toMatch(/ECONNREFUSED/);
  });

  it('answers garbage from a peer with a NOTIFICATION and keeps running', async () => {
    const b = await passivePeer();
    b.session.start();
    const raw = net.connect({ host: '127.0.0.1', port: b.port });
    const framer = new MessageFramer();
    const received: string[] = [];
    raw.on('data', (chunk) => {
      for (const f of framer.push(chunk)) {
        if (!f.ok) continue;
        const r = decodeMessage(f.message);
        if (r.ok)
          received.push(
            r.message.type === 'notification'
              ? `notification ${r.message.code}/${r.message.subcode}`
              : r.message.type,
          );
      }
    });
    const closed = new Promise<void>((r) => raw.on('close', () => r()));
    await new Promise<void>((r) => raw.once('connect', () => r()));
    raw.write(Buffer.alloc(19, 0x00)); // bad marker
    await closed;
    expect(received).toEqual(['open', 'notification 1/1']);
    expect(b.session.status().lastNotificationSent).toMatchObject({ code: 1, subcode: 1 });
    // It restarts and accepts a proper speaker afterwards.
    const a = activeSpeaker(b.port);
    a.start();
    await waitFor('Established after garbage', () => a.state === 'Established');
  });
});
