// `npm start` (foreground or --detach) and `npm stop`, around the supervisor: finding a running or
// crashed playground from .playground/run.json, and the detached start's wait for readiness.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, rmSync } from 'node:fs';
import path from 'node:path';
import { superviseArgv, type PlaygroundArgs } from './args';
import { readRecord, sweepOrphanNamespaces, teardown, type RunRecord } from './ledger';
import { PATHS, ROOT } from './paths';
import { isAlive, waitGone } from './processes';
import type { PlaygroundState } from './state';
import { READY_LINE } from './summary';

/** True when `pid` is a live playground supervisor (not a reused pid). */
function isSupervisor(r: RunRecord): boolean {
  if (!isAlive(r.pid)) return false;
  try {
    return readFileSync(`/proc/${r.pid}/cmdline`, 'utf8').includes('playground');
  } catch {
    return false;
  }
}

function removeFiles(): void {
  for (const f of [PATHS.state, PATHS.run, PATHS.cluster]) rmSync(f, { recursive: true, force: true });
}

/** Removes what a crashed run left; true when there was something. */
async function cleanStale(): Promise<boolean> {
  const r = readRecord(PATHS.run);
  if (r) await teardown(r, 1000);
  const swept = existsSync('/run/netns') ? sweepOrphanNamespaces() : [];
  removeFiles();
  return r !== undefined || swept.length > 0;
}

export async function startCommand(args: PlaygroundArgs): Promise<number> {
  // Loaded only to start: it pulls in the UI build (webpack), which `npm stop` has no use for.
  const { supervise } = await import('./supervisor');
  if (args.supervise) return supervise(args, true);
  const r = readRecord(PATHS.run);
  if (r && isSupervisor(r)) {
    const s = existsSync(PATHS.state)
      ? (JSON.parse(readFileSync(PATHS.state, 'utf8')) as PlaygroundState)
      : undefined;
    console.log(
      `a playground is already running (pid ${r.pid})${s ? `: UI ${s.uiUrl}  KUBECONFIG=${s.kubeconfig}` : ', still starting'}; \`npm stop\` ends it`,
    );
    return 0;
  }
  if (await cleanStale()) console.log('removed what a crashed playground left behind');
  rmSync(PATHS.logs, { recursive: true, force: true });
  mkdirSync(PATHS.logs, { recursive: true });
  if (!args.detach) return supervise(args, false);
  return detach(args);
}

/** Starts the supervisor in a session of its own and echoes its log until it is ready. */
async function detach(args: PlaygroundArgs): Promise<number> {
  const fd = openSync(PATHS.supervisorLog, 'a');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'scripts/playground.ts'), ...superviseArgv(args)],
    { cwd: ROOT, detached: true, stdio: ['ignore', fd, fd] },
  );
  closeSync(fd);
  child.unref();
  let exited = false;
  child.once('exit', () => (exited = true));
  const log = openSync(PATHS.supervisorLog, 'r');
  let offset = 0;
  let text = '';
  const buf = Buffer.alloc(64 * 1024);
  try {
    for (;;) {
      const n = readSync(log, buf, 0, buf.length, offset);
      if (n > 0) {
        offset += n;
        const chunk = buf.subarray(0, n).toString();
        process.stdout.write(chunk);
        text += chunk;
        if (text.includes(READY_LINE)) return 0;
        continue;
      }
      if (exited) {
        console.error(`the playground did not start; its log: ${PATHS.supervisorLog}`);
        return 1;
      }
      await new Promise((res) => setTimeout(res, 100));
    }
  } finally {
    closeSync(log);
  }
}

export async function stopCommand(): Promise<number> {
  const t0 = Date.now();
  const r = readRecord(PATHS.run);
  if (!r) {
    const stale = await cleanStale();
    console.log(stale ? 'removed what a crashed playground left behind' : 'no playground is running');
    return 0;
  }
  if (isSupervisor(r)) {
    process.kill(r.pid, 'SIGTERM');
    // The supervisor tears down within a few seconds; after 8 s, it is killed and its ledger used.
    if (!(await waitGone([r.pid], 8000))) process.kill(r.pid, 'SIGKILL');
  }
  await teardown(r, 1000);
  removeFiles();
  console.log(
    `playground stopped in ${((Date.now() - t0) / 1000).toFixed(1)} s (logs kept in .playground/logs/)`,
  );
  return 0;
}
