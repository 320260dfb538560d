// The webhook role's settings from the environment the operator renders for the controller.
import { ENV, NAMES, PORTS } from '../../api/operand';
import type { BGPType } from '../../api/validation';
import { port, type Env } from '../../k8s/settings';

export interface WebhookSettings {
  /** 0: any free port (development: several backends may share the host; registered by URL). */
  port: number;
  host: string;
  /** A mounted certificate (tls.crt, tls.key), e.g. OpenShift's service CA; else self-managed. */
  certDir: string | undefined;
  service: string;
  configurationName: string;
  bgpType: BGPType;
  version: string;
}

export function webhookSettings(env: Env, dev: boolean): WebhookSettings {
  const raw = env[ENV.webhookPort];
  const t = env[ENV.bgpType];
  return {
    port: raw ? port(raw, ENV.webhookPort) : dev ? 0 : PORTS.webhook,
    host: dev ? '127.0.0.1' : '0.0.0.0',
    certDir: env[ENV.webhookCertDir] || undefined,
    service: env[ENV.webhookService] || NAMES.webhookService,
    configurationName: env[ENV.webhookConfiguration] || NAMES.webhookConfiguration,
    bgpType: t === 'frr' || t === 'frr-k8s' ? t : 'native',
    version: env.npm_package_version || 'dev',
  };
}
