import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { BgpListener, type IncomingPeer } from './listener';
import type { BgpSockets, ListeningSocket } from './sockets';

/** Sockets whose listener records keys and refuses the key "bad" (as a kernel without TCP-MD5 would). */
function fakeSockets() {
  const keys = new Map<string, string | undefined>();
  let onConnection: (s: net.Socket) => void = () => undefined;
  const sockets: BgpSockets = {
    limitation: undefined,
    dial: () => Promise.reject(new Error('unused')),
    listen: (_o, on) => {
      onConnection = on;
      const l: ListeningSocket = {
        port: 179,
        setMd5Key(address, key) {
          if (key === 'bad') throw new Error('setsockopt TCP_MD5SIG: Protocol not available (ENOPROTOOPT)');
          keys.set(address, key);
        },
        configure: () => undefined,
        close: () => Promise.resolve(),
      };
      return Promise.resolve(l);
    },
  };
  return { sockets, keys, connect: (remote: string) => onConnection(fakeSocket(remote)) };
}

function fakeSocket(remoteAddress: string): net.Socket {
  const s = new net.Socket();
  Object.defineProperty(s, 'remoteAddress', { value: remoteAddress });
  return s;
}

function peer(peerAddress: string, md5Key?: string): IncomingPeer & { accepted: number } {
  return {
    peerAddress,
    socketOptions: md5Key ? { md5Key } : {},
    accepted: 0,
    acceptIncoming() {
      this.accepted++;
      return true;
    },
  };
}

const open: BgpListener[] = [];
afterEach(async () => {
  for (const l of open.splice(0)) await l.close();
});

describe('BgpListener', () => {
  it("installs each peer's TCP-MD5 key and hands connections to the session of their address only", async () => {
    const f = fakeSockets();
    const l = new BgpListener({ sockets: f.sockets });
    open.push(l);
    const a = peer('192.0.2.1', 'secret');
    l.add(a);
    await l.listen();
    expect(f.keys.get('192.0.2.1')).toBe('secret');
    const b = peer('2001:db8::2');
    l.add(b);
    f.connect('::ffff:192.0.2.1');
    f.connect('2001:db8::2');
    f.connect('192.0.2.99');
    expect([a.accepted, b.accepted, l.refused]).toEqual([1, 1, 1]);
    l.remove(a);
    expect(f.keys.get('192.0.2.1')).toBeUndefined();
  });

  it('never accepts a peer whose key could not be installed, before or after listening', async () => {
    const f = fakeSockets();
    const l = new BgpListener({ sockets: f.sockets });
    open.push(l);
    const early = peer('192.0.2.1', 'bad');
    l.add(early);
    await l.listen();
    expect(l.keyFailures).toEqual(['192.0.2.1: setsockopt TCP_MD5SIG: Protocol not available (ENOPROTOOPT)']);
    const late = peer('192.0.2.2', 'bad');
    expect(() => l.add(late)).toThrow(/ENOPROTOOPT/);
    f.connect('192.0.2.1');
    f.connect('192.0.2.2');
    expect([early.accepted, late.accepted, l.refused]).toEqual([0, 0, 2]);
  });
});
