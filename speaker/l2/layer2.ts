// Layer 2 on the wire for one node: from the plan's announcements (Service IPs and the interfaces
// the advertisements name) to an InterfaceResponder per eligible interface; reports which
// interfaces really answer for each Service, so ServiceL2Status claims only what happens. Rescans
// the interfaces periodically (and on socket errors) and asks for a new pass when they change.
import type { Logger } from '../../k8s/log';
import type { L2Announcement } from '../../api/announce/l2';
import { RELEASE_GRACE_MS_DEFAULT } from './announcer';
import { formatMac } from './ethernet';
import { chooseInterfaces, interfaceExclusion, type InterfaceInfo } from './interfaces';
import { InterfaceResponder, type OpenFrameSocket } from './interface-responder';
import { canonicalIP } from './ip-bytes';

export interface Layer2Options {
  /** The node's interfaces now (the native addon's listInterfaces, in the node's namespace). */
  interfaces: () => InterfaceInfo[];
  open: OpenFrameSocket;
  /** The `metallb-excludel2` patterns now. */
  excluded: () => readonly RegExp[];
  /** How long a released IP is still answered (planned moves, L3). */
  graceMs?: number;
  rescanMs?: number;
  now?: () => number;
  /** The usable interfaces changed (appeared, vanished, failed): plan again. */
  onChange?: () => void;
  log?: Logger;
}

/** Service key -> the interfaces answering for its IPs (sorted; absent: none). */
export type Answering = Map<string, string[]>;

export class Layer2 {
  private readonly responders = new Map<string, InterfaceResponder>();
  private readonly now: () => number;
  private timer: NodeJS.Timeout | undefined;
  private readonly rescanTimer: NodeJS.Timeout;
  private lastScan = '';
  /** Problems already logged (log each once); those of Services no longer announced are dropped. */
  private readonly warned = new Set<string>();
  private stopped = false;

  constructor(private readonly o: Layer2Options) {
    this.now = o.now ?? Date.now;
    this.rescanTimer = setInterval(() => this.rescan(), o.rescanMs ?? 10_000);
    this.rescanTimer.unref();
  }

  /** Applies this pass's announcements; returns what answers for each Service now. */
  update(announcements: readonly L2Announcement[]): Answering {
    if (this.stopped) return new Map();
    const list = this.scan();
    const excluded = this.o.excluded();
    const wanted = new Map<string, Set<string>>();
    const byService = new Map<string, string[]>();
    for (const a of announcements) {
      const choice = chooseInterfaces(list, a.interfaces, excluded);
      for (const u of choice.unusable) this.warnOnce(`svc ${a.key} ${u.name}`, { service: a.key, ...u });
      if (choice.use.length === 0)
        this.warnOnce(`svc ${a.key}`, { service: a.key, reason: 'no usable interface' });
      byService.set(a.key, choice.use);
      for (const ifname of choice.use) {
        let ips = wanted.get(ifname);
        if (!ips) wanted.set(ifname, (ips = new Set()));
        for (const ip of a.ips) {
          const c = canonicalIP(ip);
          if (c) ips.add(c);
        }
      }
    }
    const byName = new Map(list.map((i) => [i.name, i]));
    for (const [ifname, ips] of wanted) {
      const r = this.responders.get(ifname) ?? this.openResponder(byName.get(ifname)!);
      r?.own(ips, this.o.graceMs ?? RELEASE_GRACE_MS_DEFAULT);
    }
    for (const [ifname, r] of this.responders) {
      if (!wanted.has(ifname)) r.own(new Set(), this.o.graceMs ?? RELEASE_GRACE_MS_DEFAULT);
    }
    const current = new Set(announcements.map((a) => a.key));
    for (const k of this.warned)
      if (k.startsWith('svc ') && !current.has(k.split(' ')[1]!)) this.warned.delete(k);
    this.wake();
    const answering: Answering = new Map();
    for (const [key, names] of byService) {
      const live = names.filter((n) => this.responders.has(n));
      if (live.length > 0) answering.set(key, live);
    }
    return answering;
  }

  /**
   * Sends a fresh burst of gratuitous frames for every owned IP: after the membership changed (a
   * healed partition), clients may have followed another node's announcement meanwhile.
   */
  reannounce(): void {
    for (const r of this.responders.values()) r.reannounce(this.o.graceMs ?? RELEASE_GRACE_MS_DEFAULT);
    this.wake();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    clearInterval(this.rescanTimer);
    for (const r of this.responders.values()) r.close();
    this.responders.clear();
  }

  private openResponder(i: InterfaceInfo): InterfaceResponder | undefined {
    try {
      const r = new InterfaceResponder(i.name, i.mac!, this.o.open, this.now, (err) =>
        this.socketFailed(i.name, err),
      );
      this.responders.set(i.name, r);
      this.o.log?.info({ interface: i.name, mac: formatMac(i.mac!) }, 'layer2: answering on interface');
      return r;
    } catch (err) {
      this.warnOnce(`open/${i.name}`, { interface: i.name, err: (err as Error).message });
      return undefined;
    }
  }

  private socketFailed(ifname: string, err: Error): void {
    this.o.log?.warn({ interface: ifname, err: err.message }, 'layer2: interface socket failed; rescanning');
    this.responders.get(ifname)?.close();
    this.responders.delete(ifname);
    this.lastScan = '';
    this.o.onChange?.();
  }

  /** Runs every responder's due announcements and closes the idle ones; re-arms the timer. */
  private wake(): void {
    clearTimeout(this.timer);
    if (this.stopped) return;
    let next = Infinity;
    for (const [ifname, r] of this.responders) {
      const at = r.tick();
      if (at !== null) next = Math.min(next, at);
      else if (r.idle()) {
        r.close();
        this.responders.delete(ifname);
      }
    }
    if (next !== Infinity) {
      this.timer = setTimeout(() => this.wake(), Math.max(0, next - this.now()));
      this.timer.unref();
    }
  }

  private scan(): InterfaceInfo[] {
    try {
      const list = this.o.interfaces();
      this.lastScan = signature(list, this.o.excluded());
      return list;
    } catch (err) {
      this.warnOnce('scan', { err: (err as Error).message });
      return [];
    }
  }

  private rescan(): void {
    const before = this.lastScan;
    this.scan();
    if (this.lastScan !== before) this.o.onChange?.();
  }

  private warnOnce(key: string, fields: Record<string, unknown>): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.o.log?.warn(fields, 'layer2: cannot answer on an interface');
  }
}

/** What matters of the interfaces for announcing: eligible names with their MACs. */
function signature(list: readonly InterfaceInfo[], excluded: readonly RegExp[]): string {
  return list
    .filter((i) => interfaceExclusion(i, excluded) === '')
    .map((i) => `${i.name}=${formatMac(i.mac!)}`)
    .sort()
    .join(',');
}
