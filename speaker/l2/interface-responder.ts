// One interface's share of Layer 2: its packet socket, the announcer state of the IPs it answers
// for, replies to ARP requests / neighbour solicitations, and gratuitous frames when due. The
// clock and the socket come from outside, so the logic above the socket is testable with a fake.
import {
  answeringSet,
  GRATUITOUS_INTERVAL_MS,
  GRATUITOUS_WINDOW_MS,
  announce,
  gratuitousFrames,
  release,
  tick,
  EMPTY_ANNOUNCER,
  type AnnouncerState,
} from './announcer';
import { ETHERNET_HEADER_LENGTH, ETHERTYPE_ARP } from './ethernet';
import { layer2Metrics } from './metrics';
import { respond } from './responder';

export interface FrameSocket {
  send(frame: Uint8Array): void;
  close(): void;
}

export type OpenFrameSocket = (
  ifname: string,
  onFrame: (frame: Uint8Array) => void,
  onError: (err: Error) => void,
) => FrameSocket;

export class InterfaceResponder {
  private state: AnnouncerState = EMPTY_ANNOUNCER;
  private readonly socket: FrameSocket;

  constructor(
    readonly ifname: string,
    private readonly mac: Uint8Array,
    open: OpenFrameSocket,
    private readonly now: () => number,
    private readonly onSocketError: (err: Error) => void,
  ) {
    this.socket = open(ifname, (f) => this.onFrame(f), onSocketError);
  }

  /** Make the owned set `ips` (canonical text): new ones are announced, dropped ones released. */
  own(ips: ReadonlySet<string>, graceMs: number): void {
    const now = this.now();
    let s = this.state;
    // Announce for as long as the previous owner may still answer (its grace): a client whose
    // unicast re-probe that owner answered would otherwise stay with it until the grace ends.
    const windowMs = announcementWindow(graceMs);
    for (const ip of ips) if (!s.owned.has(ip)) s = announce(s, ip, now, windowMs);
    for (const ip of [...s.owned.keys()]) if (!ips.has(ip)) s = release(s, ip, now, graceMs);
    this.state = s;
  }

  /**
   * Announce every owned IP again (a fresh window of gratuitous frames): after a healed partition
   * another node may have claimed our IPs and still answer its followers for its grace period.
   */
  reannounce(graceMs: number): void {
    const now = this.now();
    let s = this.state;
    for (const ip of s.owned.keys()) s = announce(s, ip, now, announcementWindow(graceMs));
    this.state = s;
  }

  /** IPs owned now (not those in their grace period). */
  owned(): ReadonlySet<string> {
    return new Set(this.state.owned.keys());
  }

  /** Nothing owned and nothing in grace: the socket may close. */
  idle(): boolean {
    return this.state.owned.size === 0 && answeringSet(this.state, this.now()).size === 0;
  }

  /** Sends what is due; returns when to call again (ms since epoch), or null. */
  tick(): number | null {
    const t = tick(this.state, this.now());
    this.state = t.state;
    for (const ip of t.due) {
      for (const frame of gratuitousFrames(this.mac, ip)) this.send(frame);
      layer2Metrics.gratuitousSent().inc({ ip });
    }
    return t.nextWakeMs;
  }

  close(): void {
    this.socket.close();
  }

  /**
   * One frame out; a failed send (a full queue, an interface going down) is reported, not thrown:
   * it must not stop the timer that sends the remaining announcements.
   */
  private send(frame: Uint8Array): boolean {
    try {
      this.socket.send(frame);
      return true;
    } catch (err) {
      this.onSocketError(err as Error);
      return false;
    }
  }

  private onFrame(frame: Uint8Array): void {
    const answering = answeringSet(this.state, this.now(), addressedTo(frame, this.mac));
    const reply = respond(frame, this.mac, answering);
    if (!reply) {
      if (frame.length < ETHERNET_HEADER_LENGTH || isTruncatedArp(frame))
        layer2Metrics.framesDropped().inc({ interface: this.ifname });
      return;
    }
    layer2Metrics.requestsReceived().inc({ ip: reply.ip });
    if (this.send(reply.frame)) layer2Metrics.responsesSent().inc({ ip: reply.ip });
  }
}

/** Announce for as long as a previous owner may still answer (its grace), and at least upstream's window. */
function announcementWindow(graceMs: number): number {
  return Math.max(GRATUITOUS_WINDOW_MS, graceMs + GRATUITOUS_INTERVAL_MS);
}

/** Whether the frame's Ethernet destination is `mac` (a unicast re-probe), not broadcast or multicast. */
function addressedTo(frame: Uint8Array, mac: Uint8Array): boolean {
  if (frame.length < 6) return false;
  for (let i = 0; i < 6; i++) if (frame[i] !== mac[i]) return false;
  return true;
}

function isTruncatedArp(frame: Uint8Array): boolean {
  const etherType = (frame[12]! << 8) | frame[13]!;
  return etherType === ETHERTYPE_ARP && frame.length < ETHERNET_HEADER_LENGTH + 28;
}
