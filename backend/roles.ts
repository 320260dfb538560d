import type Router from '@koa/router';
import type { KubeConfig } from '@kubernetes/client-node';
import type { ApiClient } from '../k8s/api-client';
import type { Logger } from '../k8s/log';
import type { BackendSettings } from './settings';

/** What every backend role gets: the cluster, a logger, its namespace and the HTTP router. */
export interface RoleContext {
  /** For roles that need connections of their own (ApiClient.fromKubeConfig). */
  kc: KubeConfig;
  /** The process's shared apiserver client. */
  client: ApiClient;
  log: Logger;
  namespace: string;
  /** Routes added here are served on the backend's HTTP port (UI, its API, metrics). */
  router: Router;
  dev: boolean;
  settings: BackendSettings;
}

export interface RunningRole {
  /** True once the role serves (readiness). */
  ready(): boolean;
  stop(): Promise<void>;
}

/** One concern of the backend (operator, controller, webhook, ui), started by main.ts. */
export interface Role {
  name: RoleName;
  start(ctx: RoleContext): Promise<RunningRole>;
}

export const ROLE_NAMES = ['operator', 'controller', 'webhook', 'ui'] as const;
export type RoleName = (typeof ROLE_NAMES)[number];

export function parseRoles(spec: string | undefined): RoleName[] {
  if (!spec || spec === 'all') return [...ROLE_NAMES];
  const names = spec.split(',').map((s) => s.trim());
  for (const n of names) {
    if (!(ROLE_NAMES as readonly string[]).includes(n)) {
      throw new Error(`unknown role "${n}" in --roles; known roles: ${ROLE_NAMES.join(', ')}`);
    }
  }
  return names as RoleName[];
}
