// BgpSockets over the native addon (speaker/native): TCP-MD5 keys, TTL and minimum TTL set before
// the first segment, and every socket opened inside the speaker's network namespace when it has
// one (tests and the playground run one speaker per simulated node on one machine).
import { connectTcp, listenTcp, setTcpTtl } from '../native';
import type { BgpSockets } from './sockets';

export function nativeSockets(netns: string | undefined): BgpSockets {
  const ns = netns ? { netns } : {};
  return {
    limitation: undefined,
    dial(t, timeoutMs, signal) {
      return connectTcp({
        ...ns,
        address: t.host,
        port: t.port,
        timeoutMs,
        signal,
        ...(t.localAddress ? { localAddress: t.localAddress } : {}),
        ...(t.md5Key ? { md5Key: t.md5Key } : {}),
        ...(t.ttl !== undefined ? { ttl: t.ttl } : {}),
        ...(t.minTtl !== undefined ? { minTtl: t.minTtl } : {}),
      }).catch((err: Error & { code?: string }) => {
        // The addon's message names the step; ours names the peer, as Node's do.
        throw Object.assign(new Error(`connect to ${t.host}:${t.port}: ${err.message}`), { code: err.code });
      });
    },
    async listen(o, onConnection) {
      const l = await listenTcp({ ...ns, address: o.host, port: o.port });
      l.server.on('connection', onConnection);
      l.server.on('error', () => undefined);
      return {
        port: l.port,
        setMd5Key: (address, key) => l.setMd5Key(address, key),
        configure: (socket, opts) => setTcpTtl(socket, opts),
        close: () => l.close(),
      };
    },
  };
}
