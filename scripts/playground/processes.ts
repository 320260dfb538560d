// Child processes of the playground: each in its own process group (so a signal to the group
// reaches whatever it forks, and a terminal's Ctrl-C reaches only the supervisor, which then stops
// them in order), with its output appended to its own log file.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function signalGroup(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(-pid, sig);
  } catch {
    // not a group (or gone): try the process itself
    try {
      process.kill(pid, sig);
    } catch {
      // gone
    }
  }
}

/** Resolves once every pid is gone or `ms` passed. */
export async function waitGone(pids: number[], ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (pids.every((p) => !isAlive(p))) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return pids.every((p) => !isAlive(p));
}

export interface LoggedOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** 'pipe' keeps stdout readable by the caller (it then writes the log itself). */
  stdout?: 'log' | 'pipe';
}

/** Starts `cmd` as a process group leader; stderr (and stdout unless piped) go to `log`. */
export function spawnLogged(cmd: string, args: string[], log: string, o: LoggedOptions = {}): ChildProcess {
  const fd = openSync(log, 'a');
  const child = spawn(cmd, args, {
    detached: true,
    cwd: o.cwd,
    env: o.env ?? process.env,
    stdio: ['ignore', o.stdout === 'pipe' ? 'pipe' : fd, fd],
  });
  closeSync(fd);
  child.on('error', () => undefined);
  return child;
}
