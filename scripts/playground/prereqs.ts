// What this machine lets the playground run, and how to fix what is missing. `decide` is pure
// (facts in, decisions and messages out); `probe` gathers the facts.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { FRR_DIR } from '../../integration-tests/dataplane/frr-peering';
import { netnsUnavailable } from '../../integration-tests/dataplane/netns';

const DEPS = 'bash scripts/system-deps.sh';

export interface Facts {
  /** Why namespaces cannot be made, or undefined when they can. */
  netns?: string;
  /** Missing FRR pieces (daemons, vtysh, the frr user). */
  frrMissing: string[];
  curl: boolean;
}

export interface Decisions {
  dataplane: boolean;
  frr: boolean;
  /** One line each: what is left out, why, and the fix. */
  notes: string[];
}

export function decide(f: Facts, want: { router: boolean; bgp: boolean }): Decisions {
  const notes: string[] = [];
  const dataplane = f.netns === undefined;
  if (!dataplane)
    notes.push(
      `no speakers, router or client: ${f.netns}; run \`sudo npm start\` (control plane, UI and sample configuration still start)`,
    );
  const frr = dataplane && want.router && want.bgp && f.frrMissing.length === 0;
  if (dataplane && want.router && want.bgp && !frr)
    notes.push(`no BGP router: ${f.frrMissing.join(', ')} missing; run \`${DEPS}\` (Layer 2 still works)`);
  if (dataplane && !f.curl)
    notes.push(`curl is missing (the client's tool, and the readiness check); run \`${DEPS}\``);
  return { dataplane, frr, notes };
}

function onPath(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

export function probe(): Facts {
  const frrMissing = ['zebra', 'bgpd', 'bfdd']
    .filter((d) => !existsSync(`${FRR_DIR}/${d}`))
    .map((d) => `${FRR_DIR}/${d}`);
  if (!onPath('vtysh')) frrMissing.push('vtysh');
  try {
    execFileSync('id', ['-u', 'frr'], { stdio: 'ignore' });
  } catch {
    frrMissing.push('the frr user');
  }
  const netns = onPath('ip') ? netnsUnavailable() : 'the ip command (iproute2) is missing';
  return { netns, frrMissing, curl: onPath('curl') };
}
