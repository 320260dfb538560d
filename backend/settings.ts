// The backend process's settings from its flags and environment (the operator's Deployments set
// the variables). Role-specific settings (controller, operator) are read by each role.
import { ENV } from '../api/operand';
import {
  COMMON_USAGE,
  commonSettings,
  parseFlags,
  pick,
  SettingsError,
  type CommonSettings,
  type Env,
} from '../k8s/settings';
import { parseRoles, ROLE_NAMES, type RoleName } from './roles';

export interface BackendSettings extends CommonSettings {
  /** Prepare a bare cluster (namespace, CRDs, webhooks) and accept UI requests without a token. */
  dev: boolean;
  roles: RoleName[];
  /** Serve HTTPS with this certificate (the console loads plugins only over TLS). */
  tls: { certFile: string; keyFile: string } | undefined;
  /** Directory holding `dist/` and `dist-standalone/`. */
  uiRoot: string;
  version: string;
}

export const BACKEND_USAGE = [
  'usage: npm run backend -- [options]',
  '',
  '  --dev                 prepare a bare cluster (namespace, CRDs, webhooks); UI without a token',
  `  --roles LIST          all, or some of ${ROLE_NAMES.join(',')} (${ENV.roles}; default all)`,
  ...COMMON_USAGE,
  '',
  `HTTPS when ${ENV.tlsCertFile} and ${ENV.tlsKeyFile} name a certificate and its key.`,
].join('\n');

export function backendSettings(argv: readonly string[], env: Env): BackendSettings {
  const values = parseFlags(argv, { dev: { type: 'boolean' }, roles: { type: 'string' } });
  const common = commonSettings(values, env, { httpHost: '127.0.0.1', httpPort: 8080 });
  let roles: RoleName[];
  try {
    roles = parseRoles(pick(values, 'roles', env, ENV.roles));
  } catch (err) {
    throw new SettingsError((err as Error).message);
  }
  const certFile = env[ENV.tlsCertFile];
  const keyFile = env[ENV.tlsKeyFile];
  if (!!certFile !== !!keyFile)
    throw new SettingsError(`${ENV.tlsCertFile} and ${ENV.tlsKeyFile} must be set together`);
  return {
    ...common,
    dev: values.dev === true,
    roles,
    tls: certFile && keyFile ? { certFile, keyFile } : undefined,
    uiRoot: env.METALLB_UI_ROOT || '.',
    version: env.npm_package_version || '0.0.0',
  };
}
