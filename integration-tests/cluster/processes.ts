import { spawn } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';

export interface ManagedProcess {
  name: string;
  pid: number;
  log: string;
  /** Set once the process has exited (only observed while the starter lives). */
  exited: { code: number | null; signal: string | null } | undefined;
}

/**
 * Starts a control-plane process in its own process group, output to a log file. Its own group
 * lets stop() take down anything it forked, and lets `cluster:up` leave it running detached.
 */
export function startProcess(name: string, cmd: string, args: string[], log: string): ManagedProcess {
  const fd = openSync(log, 'a');
  const child = spawn(cmd, args, { detached: true, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  if (child.pid === undefined) throw new Error(`${name}: could not start ${cmd}; log: ${log}`);
  const proc: ManagedProcess = { name, pid: child.pid, log, exited: undefined };
  child.on('exit', (code, signal) => (proc.exited = { code, signal }));
  child.unref();
  return proc;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(-pid, sig);
  } catch {
    // already gone
  }
}

/** SIGTERM the process group, then SIGKILL whatever is still there after the grace period. */
export async function stopProcess(pid: number, graceMs = 10_000): Promise<void> {
  signalGroup(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  signalGroup(pid, 'SIGKILL');
  while (isAlive(pid)) await new Promise((r) => setTimeout(r, 20));
}

export function killGroupSync(pid: number): void {
  signalGroup(pid, 'SIGKILL');
}
