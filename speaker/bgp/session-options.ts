// What a BgpSession is built from (peer-options.ts derives it from a BGPPeer).
import type { SessionConfig } from './negotiation';
import type { BackoffOptions } from './restart-backoff';
import type { BgpSockets, PeerSocketOptions } from './sockets';

export interface BgpSessionOptions extends PeerSocketOptions {
  config: SessionConfig;
  /** Default: Node's sockets (no TCP-MD5, no TTL control). */
  sockets?: BgpSockets;
  /**
   * The router ID once the connection's local address is known, replacing config.routerId (which
   * is then only a placeholder): upstream's rule for peers without spec.routerID.
   */
  routerIdFor?: (localAddress: string | undefined) => string | undefined;
  /** When this process started (ms): sets the graceful restart R bit while within the restart time. */
  startedAt?: number;
  peerAddress: string;
  peerPort?: number;
  /** Local address to connect from. */
  sourceAddress?: string;
  /** Override the next hops (default: the connection's local address of that family). */
  nextHopV4?: string;
  nextHopV6?: string;
  connectTimeoutMs?: number;
  backoff?: BackoffOptions;
  /** Clock for uptime (tests). */
  now?: () => number;
}
