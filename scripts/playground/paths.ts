// Where the playground keeps its files: all under .playground/ in the checkout.
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const DIR = path.join(ROOT, '.playground');
export const PATHS = {
  /** The public contract. */
  state: path.join(DIR, 'state.json'),
  /** This run's bookkeeping (ledger.ts). */
  run: path.join(DIR, 'run.json'),
  logs: path.join(DIR, 'logs'),
  /** The control plane's certificates, etcd data and kubeconfig. */
  cluster: path.join(DIR, 'cluster'),
  /** The detached supervisor's output (its progress lines and summary). */
  supervisorLog: path.join(DIR, 'logs', 'playground.log'),
};
