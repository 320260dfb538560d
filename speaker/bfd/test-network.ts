// Test helper (not a test): an in-memory IP network of BfdTransports, one per host address. A
// datagram is delivered `latencyMs` later (setTimeout, so fake timers drive it) to the listener on
// the destination address and port, with TTL 255 unless a link says otherwise. Links can be cut.
import { canonicalAddress } from './peers';
import type { BfdReceived, BfdSender, BfdTransport } from './transport';

export interface Delivered {
  from: string;
  to: string;
  /** Destination port. */
  port: number;
  data: Uint8Array;
  /** Date.now() at delivery. */
  at: number;
}

type OnPacket = (p: BfdReceived) => void;

export class MemoryNetwork {
  latencyMs = 1;
  /** Datagrams handed to a listener, in order. */
  readonly delivered: Delivered[] = [];
  private readonly listeners = new Map<string, OnPacket>();
  private readonly cuts = new Set<string>();
  private readonly ttls = new Map<string, number>();
  private nextPort = 49152;
  openSenders = 0;

  /** Drops (or, with false, restores) everything `from` sends to `to`. */
  cut(from: string, to: string, on = true): void {
    if (on) this.cuts.add(`${from}>${to}`);
    else this.cuts.delete(`${from}>${to}`);
  }

  /** The TTL datagrams from `from` to `to` arrive with. */
  setTtl(from: string, to: string, ttl: number): void {
    this.ttls.set(`${from}>${to}`, ttl);
  }

  listening(address: string, port: number): boolean {
    return this.listeners.has(`${address}|${port}`);
  }

  /** Hands a datagram straight to a listener (fuzzing); false when nobody listens there. */
  inject(to: string, port: number, p: BfdReceived): boolean {
    const l = this.listeners.get(`${to}|${port}`);
    l?.(p);
    return l !== undefined;
  }

  transport(address: string): BfdTransport {
    return {
      listen: (port, onPacket) => {
        const key = `${address}|${port}`;
        if (this.listeners.has(key)) {
          throw Object.assign(new Error(`bind ${address}:${port}: address in use`), { code: 'EADDRINUSE' });
        }
        this.listeners.set(key, onPacket);
        return { close: () => void this.listeners.delete(key) };
      },
      sender: (): BfdSender => {
        const srcPort = this.nextPort++;
        let open = true;
        this.openSenders++;
        return {
          port: srcPort,
          send: (data, to, port) => {
            if (!open) throw new Error('socket closed');
            const dest = canonicalAddress(to) ?? to;
            const link = `${address}>${dest}`;
            if (this.cuts.has(link)) return;
            const ttl = this.ttls.get(link) ?? 255;
            const copy = Uint8Array.from(data);
            setTimeout(() => {
              const l = this.listeners.get(`${dest}|${port}`);
              if (!l) return;
              this.delivered.push({ from: address, to: dest, port, data: copy, at: Date.now() });
              l({ data: copy, address, port: srcPort, ttl, localAddress: dest });
            }, this.latencyMs);
          },
          close: () => {
            if (open) this.openSenders--;
            open = false;
          },
        };
      },
    };
  }
}
