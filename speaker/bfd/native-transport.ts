// BfdTransport over the native addon's UDP sockets, inside the speaker's network namespace
// (--netns). Listeners bind '::' (dual stack: one socket per port serves both families) and ask
// for each packet's TTL and destination address, which the GTSM check (RFC 5881 §5) and the
// session lookup need. Senders follow RFC 5881 §4: a random source port in 49152-65535, the same
// for the whole session, and TTL 255.
//
// No SO_REUSEADDR: another BFD daemon already on 3784 (FRR's bfdd) must make listen fail loudly
// rather than quietly share the port and split the peers' packets with us.
import { openUdpSocket, type DatagramSource, type UdpSocketOptions } from '../native/index';
import { BFD_SINGLE_HOP_TTL, BFD_SOURCE_PORT_MAX, BFD_SOURCE_PORT_MIN } from './packet';
import type { BfdReceived, BfdSender, BfdTransport } from './transport';

export interface NativeBfdTransportOptions {
  /** The speaker's --netns: a name as given to `ip netns add` or a path; omitted: our own. */
  netns?: string;
  /** Source port draws (tests); default Math.random. */
  random?: () => number;
  /** Source ports tried before giving up; default 64. */
  portAttempts?: number;
}

const isAddrInUse = (e: unknown) => (e as { code?: unknown } | null)?.code === 'EADDRINUSE';

export function nativeBfdTransport(o: NativeBfdTransportOptions = {}): BfdTransport {
  const random = o.random ?? Math.random;
  const attempts = o.portAttempts ?? 64;
  const netns = o.netns ? { netns: o.netns } : {};
  return {
    listen(port, onPacket, onError) {
      const opts: UdpSocketOptions = {
        ...netns,
        address: '::',
        port,
        receiveTtl: true,
        onMessage: (data: Uint8Array, from: DatagramSource) => {
          const p: BfdReceived = { data, address: from.address, port: from.port, ttl: from.ttl ?? NaN };
          if (from.localAddress !== undefined) p.localAddress = from.localAddress;
          onPacket(p);
        },
        onError,
      };
      const socket = openUdpSocket(opts);
      return { close: () => socket.close() };
    },

    sender({ localAddress, family, onError }): BfdSender {
      const address = localAddress ?? (family === 4 ? '0.0.0.0' : '::');
      const span = BFD_SOURCE_PORT_MAX - BFD_SOURCE_PORT_MIN + 1;
      let last: unknown;
      for (let i = 0; i < attempts; i++) {
        const port = BFD_SOURCE_PORT_MIN + Math.floor(random() * span);
        const opts: UdpSocketOptions = {
          ...netns,
          address,
          port,
          ttl: BFD_SINGLE_HOP_TTL,
          // Peers send to 3784/4784, never back to our source port: anything arriving here is noise.
          onMessage: () => undefined,
          onError: onError ?? (() => undefined),
        };
        try {
          return openUdpSocket(opts);
        } catch (e) {
          if (!isAddrInUse(e)) throw e;
          last = e;
        }
      }
      const why = last instanceof Error ? `: ${last.message}` : '';
      throw new Error(
        `no free UDP source port in ${BFD_SOURCE_PORT_MIN}-${BFD_SOURCE_PORT_MAX} on ${address} after ${attempts} attempts${why}`,
      );
    },
  };
}
