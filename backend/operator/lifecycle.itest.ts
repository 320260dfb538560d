// The operator's life around one MetalLB instance on the local control plane: single instance,
// reverting manual edits, reporting failures, OLM install modes (U1), the console plugin on
// OpenShift, restarting without a rollout, and removing everything but CRDs and CRs (C1, U2).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectl, sleep, waitFor } from '../../integration-tests/cluster/test-env';
import type { Condition } from '../../api/types';
import { startHarness, type Harness } from './itest-harness';
import { available, controllerReady, speakersReady } from './itest-workloads';
import { MANAGED_KINDS } from './render/kinds';
import { OPERAND_SELECTOR } from './render/labels';
import { SEED_PLAIN } from './test-fixtures';

let h: Harness;
/** CRDs of other products this file adds for a while (and removes, unless they were there). */
const addedCRDs: string[] = [];

const crd = (group: string, kind: string, plural: string, scope: 'Namespaced' | 'Cluster') => `
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: ${plural}.${group}
spec:
  group: ${group}
  names: { kind: ${kind}, listKind: ${kind}List, plural: ${plural}, singular: ${kind.toLowerCase()} }
  scope: ${scope}
  versions:
  - name: v1
    served: true
    storage: true
    schema: { openAPIV3Schema: { type: object, x-kubernetes-preserve-unknown-fields: true } }
`;

async function addCRD(yaml: string, name: string): Promise<void> {
  if (await kubectl(['get', 'crd', name, '-o', 'name']).catch(() => '')) return;
  await kubectl(['apply', '-f', '-'], yaml);
  addedCRDs.push(name);
  await kubectl(['wait', '--for=condition=Established', `crd/${name}`, '--timeout=30s']);
}

async function conditionIs(type: string, status: Condition['status'], reason?: string, name?: string) {
  const c = await h.condition(type, name);
  return c?.status === status && (reason === undefined || c.reason === reason) ? c : undefined;
}

beforeAll(async () => {
  h = await startHarness('metallb-op-life');
  // Before any webhook configuration exists: the validating webhook has no server in this test.
  await kubectl(
    ['apply', '-f', '-'],
    `apiVersion: metallb.io/v1beta1
kind: IPAddressPool
metadata: { name: keep-me, namespace: ${h.ns} }
spec: { addresses: [192.168.10.0/24] }
`,
  );
  await h.applySeed(SEED_PLAIN);
  await waitFor('Available', () => available(h), 60_000);
});

afterAll(async () => {
  await h?.cleanup();
  for (const name of addedCRDs) await kubectl(['delete', 'crd', name, '--ignore-not-found']).catch(() => '');
});

describe('operator lifecycle', () => {
  it('a second MetalLB object gets Degraded NotSupported and deploys nothing', async () => {
    const before = await h.get<{ metadata: { generation: number } }>('deployment/controller');
    await kubectl(
      ['apply', '-f', '-'],
      `apiVersion: metallb.io/v1beta1\nkind: MetalLB\nmetadata: { name: other, namespace: ${h.ns} }\n`,
    );
    const degraded = await waitFor('Degraded NotSupported', () =>
      conditionIs('Degraded', 'True', 'NotSupported', 'other'),
    );
    expect(degraded.message).toContain('only a single MetalLB instance is supported');
    expect(degraded.message).toContain('"metallb"');
    expect(await h.condition('Available', 'other')).toMatchObject({
      status: 'False',
      reason: 'NotSupported',
    });
    expect(
      (await h.get<{ metadata: { finalizers?: string[] } }>('metallb/other')).metadata.finalizers,
    ).toBeUndefined();
    const deployments = (await kubectl(['get', 'deployments', '-n', h.ns, '-o', 'name'])).trim().split('\n');
    expect(deployments).toEqual(['deployment.apps/controller']);
    const after = await h.get<{ metadata: { generation: number } }>('deployment/controller');
    expect(after.metadata.generation).toBe(before.metadata.generation);
    expect(await available(h)).toBe(true);
    await kubectl(['delete', 'metallb', 'other', '-n', h.ns]);
  });

  it('manual edits of operand objects are reverted', async () => {
    await kubectl(['scale', 'deployment', 'controller', '-n', h.ns, '--replicas=3']);
    await waitFor('controller scaled back to 1', async () => {
      const d = await h.get<{ spec: { replicas: number } }>('deployment/controller');
      return d.spec.replicas === 1;
    });

    // Taking the object out of the operator's label selector does not hide it.
    await kubectl([
      'label',
      'daemonset',
      'speaker',
      '-n',
      h.ns,
      'app.kubernetes.io/managed-by=someone-else',
      '--overwrite',
    ]);
    await waitFor('speaker label restored', async () => {
      const ds = await h.get<{ metadata: { labels: Record<string, string> } }>('daemonset/speaker');
      return ds.metadata.labels['app.kubernetes.io/managed-by'] === 'metallb-operator';
    });

    const rules = async () =>
      JSON.parse(await kubectl(['get', 'clusterrole', 'metallb:speaker', '-o', 'json'])).rules as unknown[];
    const original = await rules();
    await kubectl([
      'patch',
      'clusterrole',
      'metallb:speaker',
      '--type=json',
      '-p',
      '[{"op":"remove","path":"/rules/0"}]',
    ]);
    await waitFor('cluster role rules restored', async () => (await rules()).length === original.length);
    expect(await rules()).toEqual(original);

    await kubectl(['delete', 'service', 'metallb-webhook-service', '-n', h.ns]);
    await waitFor('webhook service recreated', () => h.get('service/metallb-webhook-service'));
    await waitFor('Available', () => available(h), 30_000);
  });

  it('an apply the API server refuses is reported as Degraded, retried, and cleared once fixed', async () => {
    // A pod annotation key the API server refuses: the CRD accepts any string map.
    await kubectl([
      'patch',
      'metallb',
      'metallb',
      '-n',
      h.ns,
      '--type=merge',
      '-p',
      '{"spec":{"controllerConfig":{"annotations":{"bad key!":"x"}}}}',
    ]);
    const degraded = await waitFor('Degraded ApplyFailed', () =>
      conditionIs('Degraded', 'True', 'ApplyFailed'),
    );
    expect(degraded.message).toMatch(/apply Deployment \S+\/controller: .*bad key!/);
    // Nothing else broke: the running controller and speakers still serve.
    expect(await conditionIs('Available', 'True')).toBeTruthy();
    expect(h.role().ready()).toBe(true);
    await sleep(1500);
    // Retries with the same failure do not churn the condition.
    expect((await h.condition('Degraded'))?.lastTransitionTime).toBe(degraded.lastTransitionTime);

    await kubectl([
      'patch',
      'metallb',
      'metallb',
      '-n',
      h.ns,
      '--type=merge',
      '-p',
      '{"spec":{"controllerConfig":null}}',
    ]);
    await waitFor('Degraded cleared', () => conditionIs('Degraded', 'False', 'AsExpected'));
    await waitFor('Available', () => available(h), 30_000);
  });

  it('U1: an OperatorGroup with targetNamespaces is reported, and the operator refuses to act until fixed', async () => {
    await addCRD(
      crd('operators.coreos.com', 'OperatorGroup', 'operatorgroups', 'Namespaced'),
      'operatorgroups.operators.coreos.com',
    );
    try {
      // The seed's leftover from a 4.10 install (6.5.3.3).
      await kubectl(
        ['apply', '-f', '-'],
        `apiVersion: operators.coreos.com/v1
kind: OperatorGroup
metadata: { name: metallb-system-7jc66, namespace: ${h.ns} }
spec:
  targetNamespaces: [${h.ns}]
  upgradeStrategy: Default
`,
      );
      const degraded = await waitFor(
        'Degraded UnsupportedInstallMode',
        () => conditionIs('Degraded', 'True', 'UnsupportedInstallMode'),
        15_000,
      );
      expect(degraded.message).toContain('OperatorGroup "metallb-system-7jc66"');
      expect(degraded.message).toContain('spec.targetNamespaces');
      expect(degraded.message).toContain('AllNamespaces');
      expect(degraded.message).toContain(`oc edit operatorgroup metallb-system-7jc66 -n ${h.ns}`);
      expect(await h.condition('Upgradeable')).toMatchObject({
        status: 'False',
        reason: 'UnsupportedInstallMode',
      });
      // What runs keeps running...
      expect(await available(h)).toBe(true);
      // ...but nothing is reconciled: a manual edit stays.
      await kubectl(['scale', 'deployment', 'controller', '-n', h.ns, '--replicas=2']);
      await sleep(1500);
      expect((await h.get<{ spec: { replicas: number } }>('deployment/controller')).spec.replicas).toBe(2);

      // The seed's fix: remove spec.targetNamespaces.
      await kubectl([
        'patch',
        'operatorgroup',
        'metallb-system-7jc66',
        '-n',
        h.ns,
        '--type=json',
        '-p',
        '[{"op":"remove","path":"/spec/targetNamespaces"}]',
      ]);
      await waitFor('Degraded cleared', () => conditionIs('Degraded', 'False'));
      expect(await h.condition('Upgradeable')).toMatchObject({ status: 'True' });
      await waitFor('controller back to 1 replica', async () => {
        const d = await h.get<{ spec: { replicas: number } }>('deployment/controller');
        return d.spec.replicas === 1;
      });
      await waitFor('Available', async () => (await controllerReady(h)) && available(h), 30_000);
    } finally {
      await kubectl(['delete', 'operatorgroup', '--all', '-n', h.ns]).catch(() => '');
    }
  });

  it('the ConsolePlugin is deployed once the console.openshift.io API exists', async () => {
    await addCRD(
      crd('console.openshift.io', 'ConsolePlugin', 'consoleplugins', 'Cluster'),
      'consoleplugins.console.openshift.io',
    );
    const plugin = await waitFor(
      'ConsolePlugin metallb-console-plugin',
      async () =>
        JSON.parse(await kubectl(['get', 'consoleplugin', 'metallb-console-plugin', '-o', 'json'])) as {
          spec: { backend: { service: { namespace: string } } };
        },
      15_000,
    );
    expect(plugin.spec.backend.service.namespace).toBe(h.ns);
    await waitFor('console plugin deployment', () => h.get('deployment/metallb-console-plugin'));
    await waitFor('Available', () => available(h), 30_000);
  });

  it('restarting the operator changes nothing that is already right (no rollout)', async () => {
    await waitFor(
      'settled',
      async () => (await controllerReady(h)) && (await speakersReady(h, 6)) && available(h),
    );
    const snapshot = async () => {
      const workloads = await h.get<{
        items: { kind: string; metadata: { name: string; generation: number } }[];
      }>('deployments,daemonsets');
      const namespaced = MANAGED_KINDS.filter(
        (k) => k.namespaced && !['deployments', 'daemonsets'].includes(k.plural),
      );
      const rvs: Record<string, string> = {};
      for (const k of namespaced) {
        const list = await h.get<{ items: { metadata: { name: string; resourceVersion: string } }[] }>(
          k.plural,
          '-l',
          OPERAND_SELECTOR,
        );
        for (const o of list.items) rvs[`${k.kind}/${o.metadata.name}`] = o.metadata.resourceVersion;
      }
      for (const k of MANAGED_KINDS.filter((m) => !m.namespaced)) {
        const list = JSON.parse(await kubectl(['get', k.plural, '-l', OPERAND_SELECTOR, '-o', 'json'])) as {
          items: { metadata: { name: string; resourceVersion: string } }[];
        };
        for (const o of list.items) rvs[`${k.kind}/${o.metadata.name}`] = o.metadata.resourceVersion;
      }
      const podNames = (await kubectl(['get', 'pods', '-n', h.ns, '-o', 'name'])).trim().split('\n').sort();
      const replicaSets = (await kubectl(['get', 'replicasets', '-n', h.ns, '-o', 'name']))
        .trim()
        .split('\n')
        .sort();
      return {
        generations: workloads.items
          .map((w) => `${w.kind}/${w.metadata.name}@${w.metadata.generation}`)
          .sort(),
        rvs,
        podNames,
        replicaSets,
        conditions: await h.conditions(),
      };
    };
    const before = await snapshot();
    expect(Object.keys(before.rvs)).toContain('ValidatingWebhookConfiguration/metallb-webhook-configuration');
    expect(Object.keys(before.rvs)).toContain('Secret/metallb-memberlist');
    await h.restart();
    await sleep(1500);
    const after = await snapshot();
    expect(after).toEqual(before);
  });

  it('C1/U2: deleting the MetalLB removes every operand object; CRDs and other CRs stay', async () => {
    await kubectl(['delete', 'metallb', 'metallb', '-n', h.ns, '--timeout=30s']);
    for (const k of MANAGED_KINDS) {
      const args = [
        'get',
        k.plural,
        '-l',
        OPERAND_SELECTOR,
        '-o',
        'name',
        ...(k.namespaced ? ['-n', h.ns] : []),
      ];
      expect(await kubectl(args), k.kind).toBe('');
    }
    for (const [plural, name] of [
      ['clusterroles', 'metallb:controller'],
      ['clusterroles', 'metallb:speaker'],
      ['clusterrolebindings', 'metallb:controller'],
      ['clusterrolebindings', 'metallb:speaker'],
      ['validatingwebhookconfigurations', 'metallb-webhook-configuration'],
      ['consoleplugins', 'metallb-console-plugin'],
    ] as const) {
      expect(await kubectl(['get', plural, name, '--ignore-not-found', '-o', 'name']), name).toBe('');
    }
    await waitFor(
      'pods garbage-collected',
      async () => (await kubectl(['get', 'pods', '-n', h.ns, '-o', 'name'])) === '',
    );
    expect(
      await kubectl(['get', 'crd', 'metallbs.metallb.io', 'ipaddresspools.metallb.io', '-o', 'name']),
    ).toBe(
      'customresourcedefinition.apiextensions.k8s.io/metallbs.metallb.io\ncustomresourcedefinition.apiextensions.k8s.io/ipaddresspools.metallb.io\n',
    );
    expect(await kubectl(['get', 'ipaddresspool', 'keep-me', '-n', h.ns, '-o', 'name'])).toBe(
      'ipaddresspool.metallb.io/keep-me\n',
    );
    // The operator stays healthy with no instance.
    await sleep(500);
    expect(h.role().ready()).toBe(true);
    expect(await kubectl(['get', 'all', '-n', h.ns, '-o', 'name'])).toBe('');
  });
});
