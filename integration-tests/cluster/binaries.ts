import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export interface Binaries {
  dir: string;
  etcd: string;
  kubeApiserver: string;
  kubeControllerManager: string;
  kubeScheduler: string;
  kubectl: string;
  kwok: string;
  kwokStages: string;
}

/**
 * Builds (first time only, cached outside the repo) and locates the control-plane binaries.
 * The build's progress goes to `log`, so a cold build of 10+ minutes never looks like a hang.
 */
export function ensureBinaries(
  log: (line: string) => void = (l) => process.stderr.write(l + '\n'),
): Promise<Binaries> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [join(here, 'build.sh')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    let errBuf = '';
    child.stderr.on('data', (d: Buffer) => {
      errBuf += d.toString();
      const lines = errBuf.split('\n');
      errBuf = lines.pop() ?? '';
      lines.forEach(log);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (errBuf) log(errBuf);
      if (code !== 0) {
        reject(new Error(`control-plane build failed (exit ${code}); see the log lines above`));
        return;
      }
      const dir = out.trim().split('\n').pop() ?? '';
      const root = dirname(dir);
      resolve({
        dir,
        etcd: join(dir, 'etcd'),
        kubeApiserver: join(dir, 'kube-apiserver'),
        kubeControllerManager: join(dir, 'kube-controller-manager'),
        kubeScheduler: join(dir, 'kube-scheduler'),
        kubectl: join(dir, 'kubectl'),
        kwok: join(dir, 'kwok'),
        kwokStages: join(root, 'kwok-stages'),
      });
    });
  });
}
