// The I/O boundary of the BFD shell: UDP listeners on the BFD ports and one sending socket per
// session. native-transport.ts implements it over the native addon (network namespaces, TTL);
// tests use an in-memory one, so the shell runs with fake timers and no sockets.

export interface BfdReceived {
  data: Uint8Array;
  /** The sender's address (IPv4 text for IPv4 senders, also on a dual-stack socket). */
  address: string;
  /** The sender's UDP port. */
  port: number;
  /** IP TTL / hop limit the packet arrived with (NaN when the socket could not tell). */
  ttl: number;
  /** The address the packet was sent to, when the socket reports it. */
  localAddress?: string;
}

export interface BfdSender {
  send(data: Uint8Array, address: string, port: number): void;
  close(): void;
  /** The bound source port. */
  readonly port: number;
}

export interface BfdTransport {
  /** Receives on UDP port 3784 (single hop) or 4784 (multi hop), both families. */
  listen(port: number, onPacket: (p: BfdReceived) => void, onError: (e: Error) => void): { close(): void };
  /**
   * A socket to send one session's packets from: source port in 49152..65535 (retry another port
   * on EADDRINUSE), TTL 255, bound to localAddress when given. `onError` gets asynchronous socket
   * errors (default: ignored; sends that fail synchronously throw).
   */
  sender(o: { localAddress?: string; family: 4 | 6; onError?: (e: Error) => void }): BfdSender;
}
