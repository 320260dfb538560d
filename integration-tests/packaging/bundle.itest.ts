// The OLM bundle: generated from the chart (a drift fails here), valid for operator-sdk's
// OperatorHub suite, and, applied the way OLM installs a CSV (its CRDs, a ServiceAccount, the
// clusterPermissions and permissions as roles bound to it, the deployment), a working operator.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { V1Deployment, V1DeploymentSpec, V1PolicyRule } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { KUBE_KINDS, resourcePath } from '../../api/kinds';
import type { ApiClient } from '../../k8s/api-client';
import { bundleFiles } from '../../scripts/packaging/bundle';
import { toolPath } from '../../scripts/packaging/tools';
import { waitFor } from '../cluster/test-env';
import { deployMetalLB, forbidden, freshCluster, type FreshCluster } from './operator-flow';
import { ROOT, type PodProcess } from './pod-process';

const run = promisify(execFile);
const ns = 'metallb-system';
let c: FreshCluster;
let client: ApiClient;
const kubectl = (args: string[], stdin?: string) => c.kubectl(args, stdin);
const processes: PodProcess[] = [];

interface CSV {
  metadata: { name: string };
  spec: {
    install: {
      spec: {
        clusterPermissions: { serviceAccountName: string; rules: V1PolicyRule[] }[];
        permissions: { serviceAccountName: string; rules: V1PolicyRule[] }[];
        deployments: { name: string; spec: V1DeploymentSpec }[];
      };
    };
  };
}

const csv = (): CSV =>
  parse(
    readFileSync(join(ROOT, 'bundle/manifests/metallb-operator.clusterserviceversion.yaml'), 'utf8'),
  ) as CSV;

beforeAll(async () => {
  c = await freshCluster();
  client = c.client;
  await kubectl(['create', 'namespace', ns]);
});

afterAll(async () => {
  await kubectl(['delete', 'metallb', '--all', '-n', ns, '--wait=true', '--timeout=60s']).catch(
    () => undefined,
  );
  for (const p of processes) await p.stop();
  await kubectl(['delete', 'namespace', ns, '--ignore-not-found', '--wait=false']).catch(() => undefined);
  await kubectl(['delete', 'clusterrole,clusterrolebinding', `olm-${ns}`, '--ignore-not-found']).catch(
    () => undefined,
  );
  await c?.stop();
});

describe('the OLM bundle', () => {
  it('is what `npm run packaging` generates from the chart', () => {
    for (const [rel, content] of bundleFiles(toolPath('helm')))
      expect(readFileSync(join(ROOT, rel), 'utf8'), `${rel} is stale: run npm run packaging`).toBe(content);
  });

  it("passes operator-sdk's bundle validation with the OperatorHub suite", async () => {
    const { stdout, stderr } = await run(
      toolPath('operator-sdk'),
      ['bundle', 'validate', './bundle', '--select-optional', 'suite=operatorframework'],
      { cwd: ROOT },
    );
    expect(`${stdout}${stderr}`).toContain('All validation tests have completed successfully');
    expect(`${stdout}${stderr}`).not.toMatch(/level=error/);
  });

  it('installed the way OLM installs its CSV, gives an operator that deploys MetalLB', async () => {
    // OLM applies the CRDs of the bundle first (the CSV is OLM's own kind, not served here).
    const crds = readdirSync(join(ROOT, 'bundle/manifests')).filter((f) => f.startsWith('metallb.io_'));
    expect(crds).toHaveLength(11);
    for (const f of crds)
      await kubectl(['apply', '--server-side', '--force-conflicts', '-f', join(ROOT, 'bundle/manifests', f)]);
    const install = csv().spec.install.spec;
    const sa = install.deployments[0]!.spec.template.spec!.serviceAccountName!;
    const name = `olm-${ns}`;
    const objects = [
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: sa, namespace: ns } },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: { name },
        rules: install.clusterPermissions[0]!.rules,
      },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: { name },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
        subjects: [{ kind: 'ServiceAccount', name: sa, namespace: ns }],
      },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        metadata: { name, namespace: ns },
        rules: install.permissions[0]!.rules,
      },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name, namespace: ns },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
        subjects: [{ kind: 'ServiceAccount', name: sa, namespace: ns }],
      },
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: install.deployments[0]!.name, namespace: ns },
        spec: install.deployments[0]!.spec,
      },
    ];
    await kubectl(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }));
    const path = resourcePath(KUBE_KINDS.Deployment, { namespace: ns, name: install.deployments[0]!.name });
    const d = await waitFor(
      'the CSV deployment ready',
      async () => {
        const dep = await client.find<V1Deployment>(path);
        return dep?.status?.readyReplicas === 1 && dep;
      },
      90_000,
    );
    const operator = await deployMetalLB(c, ns, d.spec!.template.spec!);
    processes.push(operator);
    expect(forbidden(operator)).toEqual([]);
  });
});
