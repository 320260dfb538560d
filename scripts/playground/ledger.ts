// The run's own bookkeeping (.playground/run.json, not part of the contract): every process group,
// namespace and directory it made, written as each appears, so `npm stop` (or the next start,
// after a crash) can remove exactly what this run left even when its supervisor is gone.
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { ControlPlaneState } from '../../integration-tests/cluster/control-plane';
import { deleteNamespace, listNamespaces } from '../../integration-tests/dataplane/netns';
import { pidOfName } from './plan';
import { isAlive, signalGroup, waitGone } from './processes';

export interface RunRecord {
  /** The supervisor: the foreground `npm start`, or the detached process it spawned. */
  pid: number;
  prefix: string;
  startedAt: string;
  /** Process group leaders. `graceful`: SIGTERM first, then SIGKILL after a grace period (the backend). */
  processes: { name: string; pid: number; graceful: boolean }[];
  namespaces: string[];
  dirs: string[];
  cluster?: ControlPlaneState;
}

export class Ledger {
  constructor(
    private readonly file: string,
    readonly record: RunRecord,
  ) {
    this.save();
  }

  private closed = false;

  private save(): void {
    if (this.closed) return;
    writeFileSync(this.file, `${JSON.stringify(this.record, null, 2)}\n`);
  }

  /** Records a child (a process group leader) until it exits. */
  track(name: string, child: ChildProcess, graceful = false): void {
    const pid = child.pid;
    if (pid === undefined) return;
    this.record.processes.push({ name, pid, graceful });
    this.save();
    child.once('exit', () => this.forget(pid));
  }

  /** Stops writing the file: the teardown that follows removes it. */
  close(): void {
    this.closed = true;
  }

  /** A process that exited: its pid may be reused, so it must never be signalled again. */
  forget(pid: number): void {
    this.record.processes = this.record.processes.filter((p) => p.pid !== pid);
    this.save();
  }

  namespace(ns: string): void {
    this.record.namespaces.push(ns);
    this.save();
  }

  dir(path: string): void {
    this.record.dirs.push(path);
    this.save();
  }

  cluster(state: ControlPlaneState): void {
    this.record.cluster = state;
    // Killed at once: its state is thrown away, and a graceful apiserver waits on every watch.
    for (const p of state.processes)
      this.record.processes.push({ name: p.name, pid: p.pid, graceful: false });
    this.save();
  }
}

export function readRecord(file: string): RunRecord | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as RunRecord;
  } catch {
    return undefined;
  }
}

/**
 * Removes everything a run recorded. The backend gets `graceMs` to stop (its log then says so);
 * the rest is killed (the control plane's data is thrown away, and nothing a speaker or router
 * could flush outlives it), the control plane last. Returns the names of
 * those that had to be killed.
 */
export async function teardown(r: RunRecord, graceMs = 1500): Promise<string[]> {
  // The backend stops first, while the apiserver still answers it; everything else meanwhile.
  const cluster = new Set(r.cluster?.processes.map((p) => p.pid));
  const soft = r.processes.filter((p) => p.graceful);
  for (const p of soft) signalGroup(p.pid, 'SIGTERM');
  for (const p of r.processes) if (!p.graceful && !cluster.has(p.pid)) signalGroup(p.pid, 'SIGKILL');
  for (const ns of [...r.namespaces].reverse()) deleteNamespace(ns);
  await waitGone(
    soft.map((p) => p.pid),
    graceMs,
  );
  const stuck = soft.filter((p) => isAlive(p.pid)).map((p) => p.name);
  for (const p of r.processes) signalGroup(p.pid, 'SIGKILL');
  await waitGone(
    r.processes.map((p) => p.pid),
    2000,
  );
  for (const d of [...r.dirs, ...(r.cluster ? [r.cluster.dir] : [])])
    rmSync(d, { recursive: true, force: true });
  return stuck;
}

/** The same at process exit, where nothing can wait: everything is killed at once. */
export function teardownSync(r: RunRecord): void {
  for (const p of r.processes) signalGroup(p.pid, 'SIGKILL');
  for (const ns of [...r.namespaces].reverse()) deleteNamespace(ns);
  for (const d of [...r.dirs, ...(r.cluster ? [r.cluster.dir] : [])])
    rmSync(d, { recursive: true, force: true });
}

/** Namespaces of playground runs whose supervisor is gone (crashed without its run.json). */
export function sweepOrphanNamespaces(): string[] {
  const gone = listNamespaces().filter((ns) => {
    const pid = pidOfName(ns);
    return pid !== undefined && !isAlive(pid);
  });
  for (const ns of gone) deleteNamespace(ns);
  return gone;
}
