// One real speaker per simulated node, restarted 5 s after it dies (as its DaemonSet's Pod would
// be), so "kill a node's speaker" shows the IP moving away and, later, the node rejoining. The
// current pid of each is in .playground/pids/speaker-<node>.pid for the summary's kill command.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { MEMBERLIST_SECRET_KEY } from '../../api/operand';
import type { Ledger } from './ledger';
import type { Plan } from './plan';
import { spawnLogged } from './processes';
import { METALLB_NAMESPACE } from './sample-config';

export const RESTART_DELAY_MS = 5000;

export interface Speakers {
  pidFile(node: string): string;
  /** Stops restarting (the processes themselves go with the ledger's teardown). */
  stop(): void;
}

export function startSpeakers(
  p: Plan,
  o: {
    root: string;
    dir: string;
    logs: string;
    kubeconfig: string;
    ledger: Ledger;
    say: (l: string) => void;
  },
): Speakers {
  // The memberlist Secret as the operator renders it and the kubelet would mount it.
  const keyDir = path.join(o.dir, 'memberlist');
  mkdirSync(keyDir, { recursive: true, mode: 0o700 });
  o.ledger.dir(keyDir);
  writeFileSync(path.join(keyDir, MEMBERLIST_SECRET_KEY), randomBytes(128), { mode: 0o600 });
  const pids = path.join(o.dir, 'pids');
  mkdirSync(pids, { recursive: true });
  o.ledger.dir(pids);
  const pidFile = (node: string) => path.join(pids, `speaker-${node}.pid`);
  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();

  const start = (node: (typeof p.nodes)[number]) => {
    const child = spawnLogged(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(o.root, 'speaker/main.ts'),
        '--node',
        node.name,
        '--netns',
        node.netns,
        '--namespace',
        METALLB_NAMESPACE,
        '--http-host',
        '127.0.0.1',
        '--http-port',
        '0',
      ],
      path.join(o.logs, `speaker-${node.name}.log`),
      {
        cwd: o.root,
        env: { ...process.env, KUBECONFIG: o.kubeconfig, METALLB_ML_SECRET_KEY_PATH: keyDir },
      },
    );
    o.ledger.track(`speaker-${node.name}`, child);
    if (child.pid !== undefined) writeFileSync(pidFile(node.name), `${child.pid}\n`);
    child.on('exit', (code, signal) => {
      if (stopped) return;
      o.say(
        `speaker of ${node.name} exited (${signal ?? `code ${code}`}); restarting it in ${RESTART_DELAY_MS / 1000} s`,
      );
      const t = setTimeout(() => {
        timers.delete(t);
        if (!stopped) start(node);
      }, RESTART_DELAY_MS);
      timers.add(t);
    });
  };
  for (const n of p.nodes) start(n);
  return {
    pidFile,
    stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
    },
  };
}
