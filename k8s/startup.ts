// The start of every program: settings (or usage, or a clear error), a logger, the apiserver
// (kubeconfig, a client, a first answer), and a clean stop on SIGINT/SIGTERM.
import type { KubeConfig } from '@kubernetes/client-node';
import { ApiClient } from './api-client';
import { errorMessage } from './errors';
import { loadKubeConfig } from './kubeconfig';
import { createLogger, type Logger } from './log';
import { SettingsError, type CommonSettings } from './settings';

/** Parsed settings, or exit: 0 after --help, 2 with the reason on a bad flag or value. */
export function settingsOrExit<S extends CommonSettings>(parse: () => S, usage: string): S {
  let s: S;
  try {
    s = parse();
  } catch (err) {
    if (!(err instanceof SettingsError)) throw err;
    process.stderr.write(`${err.message}\n\n${usage}\n`);
    process.exit(2);
  }
  if (s.help) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  return s;
}

export interface Connected {
  kc: KubeConfig;
  client: ApiClient;
  kubernetesVersion: string;
}

/** Loads the kubeconfig and asks the apiserver its version; exits 1 with the reason if either fails. */
export async function connectOrExit(log: Logger): Promise<Connected> {
  let kc: KubeConfig;
  try {
    kc = loadKubeConfig();
  } catch (err) {
    log.fatal(errorMessage(err));
    process.exit(1);
  }
  const client = ApiClient.fromKubeConfig(kc);
  try {
    return { kc, client, kubernetesVersion: await client.serverVersion() };
  } catch (err) {
    log.fatal(
      { err: errorMessage(err), server: client.server.href },
      'cannot reach the Kubernetes API server',
    );
    process.exit(1);
  }
}

export function startLogger(component: string, s: CommonSettings): Logger {
  return createLogger(component, s.logLevel);
}

/**
 * Runs `stop` once on SIGINT or SIGTERM, then exits 0 (1 if it failed); exits anyway after
 * `graceMs` so a stuck stop cannot keep a terminating Pod alive.
 */
export function onShutdown(log: Logger, stop: () => Promise<void>, graceMs = 10_000): void {
  let stopping = false;
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      if (stopping) return;
      stopping = true;
      log.info({ signal: sig }, 'stopping');
      setTimeout(() => process.exit(1), graceMs).unref();
      stop().then(
        () => process.exit(0),
        (err: unknown) => {
          log.warn({ err: errorMessage(err) }, 'unclean stop');
          process.exit(1);
        },
      );
    });
  }
}
