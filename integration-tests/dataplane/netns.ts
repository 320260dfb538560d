// Throw-away hosts for dataplane tests: Linux network namespaces joined by veth pairs to a bridge
// that lives in its own "switch" namespace, so nothing is ever created in the root namespace.
// Every name carries a per-run prefix "mlbts-<pid>-<random>-": destroy() (try/finally in the test,
// plus a process 'exit' handler) removes the run's namespaces, processes and directories, and
// sweepStale() removes what a crashed run (whose pid is gone) left behind.
import { execFileSync, spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const NAME_BASE = 'mlbts';
const STALE = new RegExp(`^${NAME_BASE}-(\\d+)-`);

function ip(args: string[]): string {
  return execFileSync('ip', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function quiet(f: () => unknown): void {
  try {
    f();
  } catch {
    // best effort during cleanup
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function listNamespaces(): string[] {
  return ip(['netns', 'list'])
    .split('\n')
    .map((l) => l.trim().split(/\s+/)[0] ?? '')
    .filter((n) => n !== '');
}

/** Kill everything in a namespace and delete it. */
export function deleteNamespace(ns: string): void {
  for (let i = 0; i < 3; i++) {
    let pids: string[] = [];
    quiet(() => (pids = ip(['netns', 'pids', ns]).split(/\s+/).filter(Boolean)));
    if (pids.length === 0) break;
    for (const p of pids) quiet(() => process.kill(Number(p), 'SIGKILL'));
    execFileSync('sleep', ['0.05']);
  }
  quiet(() => ip(['netns', 'del', ns]));
}

/** Remove namespaces left by earlier runs whose process is gone. Returns what was removed. */
export function sweepStale(): string[] {
  const removed: string[] = [];
  for (const ns of listNamespaces()) {
    const m = STALE.exec(ns);
    if (!m || alive(Number(m[1]))) continue;
    deleteNamespace(ns);
    removed.push(ns);
  }
  return removed;
}

/** Why namespaces cannot be used here, or undefined when they can. */
export function netnsUnavailable(): string | undefined {
  if (process.platform !== 'linux') return 'not Linux';
  if (process.getuid?.() !== 0) return 'not running as root (ip netns needs CAP_SYS_ADMIN)';
  const probe = `${NAME_BASE}-${process.pid}-probe${Math.random().toString(36).slice(2, 6)}`;
  try {
    ip(['netns', 'add', probe]);
  } catch (err) {
    return `ip netns add failed: ${(err as { stderr?: string }).stderr ?? (err as Error).message}`.trim();
  } finally {
    deleteNamespace(probe);
  }
  return undefined;
}

/**
 * The reason to skip dataplane tests here, or undefined to run them. Under `.ci/run` (METALLB_CI=1)
 * nothing may be skipped: a missing prerequisite fails the suite, naming it.
 */
export function dataplaneSkipReason(suite: string): string | undefined {
  const reason = netnsUnavailable();
  if (reason && process.env.METALLB_CI)
    throw new Error(`${suite} cannot run: ${reason} (required under .ci/run)`);
  if (reason) console.warn(`${suite} skipped: ${reason}`);
  return reason;
}

const live = new Set<Testbed>();
let exitHook = false;

export interface Attachment {
  /** "192.0.2.1/24" */
  ipv4?: string;
  /** "2001:db8::1/64" (added with nodad) */
  ipv6?: string;
}

export class Testbed {
  readonly prefix = `${NAME_BASE}-${process.pid}-${Math.random().toString(36).slice(2, 6)}`;
  private readonly namespaces: string[] = [];
  private readonly processes: ChildProcess[] = [];
  private readonly dirs: string[] = [];
  private switchNs: string | undefined;
  private ports = 0;

  constructor() {
    live.add(this);
    if (!exitHook) {
      exitHook = true;
      const destroyAll = () => {
        for (const t of live) t.destroy();
      };
      process.on('exit', destroyAll);
      // Clean up on a signal too, then die of it as if unhandled (a second signal kills at once).
      for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
        process.once(sig, () => {
          destroyAll();
          process.kill(process.pid, sig);
        });
      }
    }
  }

  /** Full namespace name for a short name. */
  ns(name: string): string {
    return `${this.prefix}-${name}`;
  }

  addNamespace(name: string): string {
    const ns = this.ns(name);
    ip(['netns', 'add', ns]);
    this.namespaces.push(ns);
    ip(['-n', ns, 'link', 'set', 'lo', 'up']);
    return ns;
  }

  /** The switch namespace with bridge br0 (created on first use). */
  private switchNamespace(): string {
    if (this.switchNs) return this.switchNs;
    const ns = this.addNamespace('switch');
    ip(['-n', ns, 'link', 'add', 'br0', 'type', 'bridge']);
    ip(['-n', ns, 'link', 'set', 'br0', 'up']);
    this.switchNs = ns;
    return ns;
  }

  /** Plug namespace `name` into the switch as eth0 with the given addresses; returns its switch port. */
  attach(name: string, a: Attachment): string {
    const ns = this.ns(name);
    const sw = this.switchNamespace();
    const port = `p${this.ports++}`;
    ip(['-n', ns, 'link', 'add', 'eth0', 'type', 'veth', 'peer', 'name', port, 'netns', sw]);
    ip(['-n', sw, 'link', 'set', port, 'master', 'br0']);
    ip(['-n', sw, 'link', 'set', port, 'up']);
    if (a.ipv4) ip(['-n', ns, 'addr', 'add', a.ipv4, 'dev', 'eth0']);
    if (a.ipv6) ip(['-n', ns, 'addr', 'add', a.ipv6, 'dev', 'eth0', 'nodad']);
    ip(['-n', ns, 'link', 'set', 'eth0', 'up']);
    return port;
  }

  /**
   * A point-to-point link between namespaces `a` and `b` (a veth pair named `ifname` on both
   * sides), with addresses on each end; gone with the namespaces.
   */
  link(a: string, b: string, ifname: string, addrs: { a: Attachment; b: Attachment }): void {
    const [nsA, nsB] = [this.ns(a), this.ns(b)];
    const tmp = `${ifname}x${this.ports++}`;
    ip(['-n', nsA, 'link', 'add', ifname, 'type', 'veth', 'peer', 'name', tmp, 'netns', nsB]);
    ip(['-n', nsB, 'link', 'set', tmp, 'name', ifname]);
    for (const [ns, at] of [
      [nsA, addrs.a],
      [nsB, addrs.b],
    ] as const) {
      if (at.ipv4) ip(['-n', ns, 'addr', 'add', at.ipv4, 'dev', ifname]);
      if (at.ipv6) ip(['-n', ns, 'addr', 'add', at.ipv6, 'dev', ifname, 'nodad']);
      ip(['-n', ns, 'link', 'set', ifname, 'up']);
    }
  }

  /** Unplug (down) or replug (up) a switch port: the link is cut while both ends stay up. */
  setPort(port: string, up: boolean): void {
    ip(['-n', this.switchNamespace(), 'link', 'set', port, up ? 'up' : 'down']);
  }

  /** Run a command inside a namespace and return its stdout (throws with stderr on failure). */
  exec(name: string, cmd: string, args: string[], input?: string): string {
    try {
      return execFileSync('ip', ['netns', 'exec', this.ns(name), cmd, ...args], {
        encoding: 'utf8',
        stdio: ['pipe', 'pipe', 'pipe'],
        timeout: 20_000,
        ...(input !== undefined ? { input } : {}),
      });
    } catch (err) {
      const e = err as { stderr?: string; stdout?: string; message: string };
      throw new Error(`${cmd} ${args.join(' ')} in ${name}: ${e.stderr || e.stdout || e.message}`);
    }
  }

  /** Start a long-running process inside a namespace; killed by destroy(). */
  spawn(name: string, cmd: string, args: string[], options: SpawnOptions = {}): ChildProcess {
    const child = spawn('ip', ['netns', 'exec', this.ns(name), cmd, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      ...options,
    });
    child.on('error', () => undefined);
    this.processes.push(child);
    return child;
  }

  /** A scratch directory removed by destroy(). */
  tempDir(label: string): string {
    const dir = mkdtempSync(path.join(tmpdir(), `${this.prefix}-${label}-`));
    this.dirs.push(dir);
    return dir;
  }

  /** Kill every process, delete every namespace (links go with them) and directory. Idempotent. */
  destroy(): void {
    for (const p of this.processes.splice(0)) quiet(() => p.exitCode === null && p.kill('SIGKILL'));
    for (const ns of this.namespaces.splice(0).reverse()) deleteNamespace(ns);
    for (const d of this.dirs.splice(0)) quiet(() => rmSync(d, { recursive: true, force: true }));
    this.switchNs = undefined;
    live.delete(this);
  }
}
