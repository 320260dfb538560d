// Shared by the operator's integration tests: the operator role in-process against the local
// control plane, in a namespace of its own, and kubectl helpers in the seed's style.
import { ApiClient } from '../../k8s/api-client';
import { testRoleContext } from '../test-role-context';
import type { KubeConfig } from '@kubernetes/client-node';
import { kubectl, testKubeConfig, uniqueName, waitFor } from '../../integration-tests/cluster/test-env';
import type { Condition, MetalLB } from '../../api/types';
import { installCRDs } from '../../k8s/crds';
import { createLogger } from '../../k8s/log';
import type { RunningRole } from '../roles';
import { OPERAND_SELECTOR } from './render/labels';
import { MANAGED_KINDS } from './render/kinds';
import { operatorRole } from './role';
import { ENV_VARS } from './settings';

export interface Harness {
  kc: KubeConfig;
  ns: string;
  role(): RunningRole;
  /** Stops the operator and starts a fresh one (new caches, nothing remembered). */
  restart(): Promise<void>;
  /** Deletes every MetalLB (the operator cleans up), stops the operator, deletes the namespace. */
  cleanup(): Promise<void>;
  /** `kubectl get <what> -n <ns> -o json`, parsed. */
  get<T = Record<string, unknown>>(what: string, ...args: string[]): Promise<T>;
  /** `kubectl apply -f -` of a seed manifest, its namespace replaced by the test's. */
  applySeed(yaml: string): Promise<void>;
  conditions(name?: string): Promise<Condition[]>;
  condition(type: string, name?: string): Promise<Condition | undefined>;
}

/** The seed's manifests say metallb-system; each test file has its own namespace. */
export function inNamespace(yaml: string, ns: string): string {
  return yaml.replace(/namespace: metallb-system/g, `namespace: ${ns}`);
}

export async function startHarness(prefix: string): Promise<Harness> {
  const kc = testKubeConfig();
  await installCRDs(ApiClient.fromKubeConfig(kc));
  const ns = uniqueName(prefix);
  await kubectl(['create', 'namespace', ns]);
  const log = createLogger('operator', process.env.ITEST_LOG_LEVEL ?? 'warn');
  // Tests add and remove the OperatorGroup and ConsolePlugin APIs; notice within a second.
  process.env[ENV_VARS.discoveryIntervalMs] = '500';
  const start = async () => {
    const r = await operatorRole.start(testRoleContext(kc, { log, namespace: ns, dev: false }));
    await waitFor('operator ready', async () => r.ready());
    return r;
  };
  let running = await start();

  const get = async <T>(what: string, ...args: string[]): Promise<T> =>
    JSON.parse(await kubectl(['get', what, '-n', ns, '-o', 'json', ...args])) as T;
  const conditions = async (name = 'metallb') =>
    (await get<MetalLB>(`metallb/${name}`)).status?.conditions ?? [];

  return {
    kc,
    ns,
    role: () => running,
    async restart() {
      await running.stop();
      running = await start();
    },
    async cleanup() {
      await kubectl(['delete', 'metallbs', '--all', '-n', ns, '--wait=false']).catch(() => '');
      await waitFor(
        'MetalLB objects gone',
        async () => (await kubectl(['get', 'metallbs', '-n', ns, '-o', 'name'])).trim() === '',
        30_000,
      ).catch(() => undefined);
      await running.stop();
      // Whatever a failed test left behind must not disturb the other test files.
      const clusterScoped = MANAGED_KINDS.filter((k) => !k.namespaced).map((k) => k.plural);
      for (const plural of clusterScoped) {
        await kubectl(['delete', plural, '-l', OPERAND_SELECTOR, '--ignore-not-found']).catch(() => '');
      }
      const left = (await kubectl(['get', 'metallbs', '-n', ns, '-o', 'name']).catch(() => '')).split('\n');
      for (const name of left.filter((l) => l)) {
        await kubectl([
          'patch',
          name,
          '-n',
          ns,
          '--type=merge',
          '-p',
          '{"metadata":{"finalizers":null}}',
        ]).catch(() => '');
      }
      await kubectl(['delete', 'namespace', ns, '--wait=false']).catch(() => '');
    },
    get,
    async applySeed(yaml: string) {
      await kubectl(['apply', '-f', '-'], inNamespace(yaml, ns));
    },
    conditions,
    async condition(type: string, name?: string) {
      return (await conditions(name)).find((c) => c.type === type);
    },
  };
}
