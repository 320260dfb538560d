// The membership shell: a SWIM state machine (state.ts) on a datagram transport (a native UDP
// socket in the node's namespace, or node:dgram), encrypted with the memberlist Secret's key, with
// one timer driven by the machine's next deadline. Tells the speaker when the live set changes.
import { createSocket } from 'node:dgram';
import type { Logger } from '../../k8s/log';
import { sharedCounter, sharedGauge } from '../../k8s/metrics';
import { decode, deriveKey, encode } from './codec';
import type { Message } from './messages';
import { DEFAULT_TIMING, MembershipState, type Send, type Timing } from './state';
import type { Address } from './updates';

export interface Transport {
  send(data: Uint8Array, address: string, port: number): void;
  close(): void;
}

export type OpenTransport = (
  onMessage: (data: Uint8Array, from: Address) => void,
  onError: (err: Error) => void,
) => Transport;

export interface MemberlistOptions {
  name: string;
  /** Where the others reach us (the node's address) and the port we listen on. */
  address: string;
  port: number;
  seeds: Address[];
  /** The memberlist Secret's bytes. */
  secret: Uint8Array;
  open: OpenTransport;
  timing?: Partial<Timing>;
  log?: Logger;
}

const membershipMetrics = {
  members: () =>
    sharedGauge('metallb_speaker_members', 'Speakers this speaker counts as alive, itself included'),
  dropped: () =>
    sharedCounter(
      'metallb_speaker_memberlist_dropped_total',
      'Gossip datagrams dropped (not authentic, malformed)',
      ['reason'],
    ),
};

/**
 * How long to wait for a seed's answer before trusting our own view; until then the Nodes' Ready
 * condition decides. Long enough for a DaemonSet's speakers to start together, so the first one up
 * does not claim every IP just to hand them over again.
 */
const JOIN_TIMEOUT_MS = 10_000;
/** Updates per sync datagram: a large cluster's view goes out in several. */
const SYNC_CHUNK = 40;

export class Memberlist {
  private readonly state: MembershipState;
  private readonly key: Buffer;
  private readonly transport: Transport;
  private readonly listeners: (() => void)[] = [];
  private timer: NodeJS.Timeout | undefined;
  private live = '';
  private refuted = 0;
  private stopped = false;
  /** Until the first exchange with a seed (or the join timeout) our view is partial: say so. */
  private joined = false;
  private readonly joinTimer: NodeJS.Timeout;
  /** Datagrams dropped, by reason (not authentic, malformed, too large). */
  readonly dropped: Record<string, number> = {};

  constructor(private readonly o: MemberlistOptions) {
    this.key = deriveKey(o.secret);
    // Wall-clock seconds: a restarted speaker starts above the incarnations of its earlier run.
    const incarnation = Math.floor(Date.now() / 1000);
    this.state = new MembershipState(
      { name: o.name, address: o.address, port: o.port },
      { ...DEFAULT_TIMING, ...o.timing },
      Math.random,
      incarnation,
    );
    this.transport = o.open(
      (data, from) => this.onDatagram(data, from),
      (err) => o.log?.warn({ err: err.message }, 'memberlist: socket error'),
    );
    this.live = this.liveKey();
    const joins = this.state.join(o.seeds, now());
    if (joins.length === 0) this.joined = true;
    this.joinTimer = setTimeout(() => this.markJoined('join timeout: no seed answered'), JOIN_TIMEOUT_MS);
    this.joinTimer.unref();
    this.send(joins);
    this.wake();
    o.log?.info(
      { name: o.name, address: o.address, port: o.port, seeds: o.seeds.length },
      'memberlist: joined',
    );
  }

  /**
   * The live members, or null while the first join has not completed: a speaker that has heard of
   * nobody yet must not elect itself for every IP (then every Node counts, as without gossip).
   */
  members(): ReadonlySet<string> | null {
    return this.joined ? this.state.liveMembers() : null;
  }

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Tells the others we leave (they stop counting us at once), then closes the socket. */
  stop(): void {
    if (this.stopped) return;
    this.send(this.state.leave(now()));
    this.stopped = true;
    clearTimeout(this.timer);
    clearTimeout(this.joinTimer);
    this.transport.close();
  }

  private onDatagram(data: Uint8Array, from: Address): void {
    if (this.stopped) return;
    const d = decode(this.key, data);
    if (!d.ok) {
      this.dropped[d.reason] = (this.dropped[d.reason] ?? 0) + 1;
      membershipMetrics.dropped().inc({ reason: d.reason });
      return;
    }
    this.send(this.state.receive(d.message, from, now()));
    if (!this.joined && d.message.t === 'sync' && d.message.reply) this.markJoined('joined');
    this.changed();
    this.wake();
  }

  private markJoined(why: string): void {
    if (this.joined || this.stopped) return;
    this.joined = true;
    clearTimeout(this.joinTimer);
    this.o.log?.info({ members: [...this.state.liveMembers()].sort(), why }, 'memberlist: membership known');
    for (const l of this.listeners) l();
  }

  private wake(): void {
    clearTimeout(this.timer);
    if (this.stopped) return;
    this.send(this.state.tick(now()));
    this.changed();
    this.timer = setTimeout(() => this.wake(), Math.max(1, this.state.nextWakeMs() - now()));
    this.timer.unref();
  }

  private send(sends: Send[]): void {
    if (this.stopped) return;
    for (const s of sends) {
      for (const m of chunks(s.message)) {
        try {
          this.transport.send(encode(this.key, m), s.to.address, s.to.port);
        } catch (err) {
          this.o.log?.debug({ to: s.to, err: (err as Error).message }, 'memberlist: send failed');
        }
      }
    }
  }

  private changed(): void {
    const key = this.liveKey();
    if (this.state.refutations !== this.refuted) {
      // Others thought us dead and may have announced our IPs: our owner must announce again.
      this.refuted = this.state.refutations;
      this.o.log?.info({ refutations: this.refuted }, 'memberlist: refuted a report of our failure');
      if (key === this.live) for (const l of this.listeners) l();
    }
    if (key === this.live) return;
    this.live = key;
    membershipMetrics.members().set(this.state.liveMembers().size);
    this.o.log?.info({ members: key.split(',') }, 'memberlist: live members changed');
    for (const l of this.listeners) l();
  }

  private liveKey(): string {
    return [...this.state.liveMembers()].sort().join(',');
  }
}

function chunks(m: Message): Message[] {
  if (m.t !== 'sync' || m.updates.length <= SYNC_CHUNK) return [m];
  const out: Message[] = [];
  for (let i = 0; i < m.updates.length; i += SYNC_CHUNK)
    out.push({ ...m, reply: i === 0 ? m.reply : true, updates: m.updates.slice(i, i + SYNC_CHUNK) });
  return out;
}

/** Monotonic milliseconds: wall-clock steps must not look like silent members. */
function now(): number {
  return performance.now();
}

/** A node:dgram transport (IPv4 and IPv6 on one socket) in the process's own namespace. */
export function dgramTransport(bind: Address): OpenTransport {
  return (onMessage, onError) => {
    const socket = createSocket({ type: 'udp6', ipv6Only: false });
    socket.on('message', (data, rinfo) =>
      onMessage(data, { address: rinfo.address.replace(/^::ffff:/, ''), port: rinfo.port }),
    );
    socket.on('error', onError);
    socket.bind(
      bind.port,
      bind.address.includes(':') || bind.address === '' ? bind.address || '::' : `::ffff:${bind.address}`,
    );
    socket.unref();
    // Sends complete asynchronously: a close right after a leave must not drop it.
    let pending = 0;
    let closing = false;
    const settle = () => {
      if (closing && pending === 0) socket.close();
    };
    return {
      send: (data, address, port) => {
        pending++;
        socket.send(data, port, address.includes(':') ? address : `::ffff:${address}`, () => {
          pending--;
          settle();
        });
      },
      close: () => {
        closing = true;
        settle();
      },
    };
  };
}
