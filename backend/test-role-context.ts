// A RoleContext for tests and benchmarks that start one role in-process, with the settings a
// plain `npm run backend` would have unless overridden.
import Router from '@koa/router';
import type { KubeConfig } from '@kubernetes/client-node';
import { ApiClient } from '../k8s/api-client';
import type { Logger } from '../k8s/log';
import type { RoleContext } from './roles';
import { backendSettings, type BackendSettings } from './settings';

export function testRoleContext(
  kc: KubeConfig,
  o: { log: Logger; namespace: string; dev: boolean; router?: Router; settings?: Partial<BackendSettings> },
): RoleContext {
  return {
    kc,
    client: ApiClient.fromKubeConfig(kc),
    log: o.log,
    namespace: o.namespace,
    router: o.router ?? new Router(),
    dev: o.dev,
    settings: { ...backendSettings([], {}), namespace: o.namespace, dev: o.dev, ...o.settings },
  };
}
