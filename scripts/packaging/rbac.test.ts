// The packaged RBAC: no wildcard in any rule, anywhere we install or render one, and the chart's
// generated files are what the code says.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import type { V1PolicyRule } from '@kubernetes/client-node';
import type { MetalLB } from '../../api/types';
import { render } from '../../backend/operator/render/index';
import {
  OPERATOR_CLUSTER_RULES,
  OPERATOR_NAMESPACED_RULES,
} from '../../backend/operator/render/operator-rbac';
import { chartFiles } from './chart-files';

const ROOT = join(import.meta.dirname, '..', '..');
const CR: MetalLB = {
  apiVersion: 'metallb.io/v1beta1',
  kind: 'MetalLB',
  metadata: { name: 'metallb', namespace: 'metallb-system', uid: 'u' },
  spec: {},
};
const ENV = {
  namespace: 'metallb-system',
  controllerImage: 'b',
  speakerImage: 's',
  version: '0.1.0',
  hasConsolePluginAPI: true,
};

function wildcards(rules: readonly V1PolicyRule[]): string[] {
  return rules.flatMap((r, i) =>
    [...(r.apiGroups ?? []), ...(r.resources ?? []), ...(r.verbs ?? []), ...(r.resourceNames ?? [])]
      .filter((v) => v.includes('*'))
      .map((v) => `rule ${i}: ${v}`),
  );
}

describe('packaged RBAC', () => {
  it('the chart files are generated from the code', () => {
    for (const [rel, content] of chartFiles())
      expect(readFileSync(join(ROOT, rel), 'utf8'), `${rel} is stale: run npm run packaging`).toBe(content);
  });

  it("has no wildcard in the operator's rules, the chart, the bundle, or what the operator renders", () => {
    expect(wildcards(OPERATOR_CLUSTER_RULES)).toEqual([]);
    expect(wildcards(OPERATOR_NAMESPACED_RULES)).toEqual([]);
    for (const f of ['operator-cluster-rules.yaml', 'operator-namespace-rules.yaml']) {
      const rules = parse(
        readFileSync(join(ROOT, 'charts/metallb-operator/files', f), 'utf8'),
      ) as V1PolicyRule[];
      expect(rules.length).toBeGreaterThan(5);
      expect(wildcards(rules), f).toEqual([]);
    }
    const csv = parse(
      readFileSync(join(ROOT, 'bundle/manifests/metallb-operator.clusterserviceversion.yaml'), 'utf8'),
    ) as { spec: { install: { spec: Record<string, { rules: V1PolicyRule[] }[]> } } };
    for (const kind of ['clusterPermissions', 'permissions'])
      for (const p of csv.spec.install.spec[kind]!) expect(wildcards(p.rules), kind).toEqual([]);
    const rendered = render(CR, ENV) as { kind: string; rules?: V1PolicyRule[] }[];
    const roles = rendered.filter((o) => o.kind === 'ClusterRole' || o.kind === 'Role');
    expect(roles.length).toBeGreaterThanOrEqual(4);
    for (const r of roles) expect(wildcards(r.rules ?? [])).toEqual([]);
  });

  it('every rule the operator grants its operands, the operator holds', () => {
    const yamlRules = (f: string) =>
      parseAllDocuments(
        readFileSync(join(ROOT, 'charts/metallb-operator/files', f), 'utf8'),
      )[0]!.toJS() as V1PolicyRule[];
    const held = [...yamlRules('operator-cluster-rules.yaml'), ...yamlRules('operator-namespace-rules.yaml')];
    const covers = (need: V1PolicyRule) =>
      need.verbs.every((verb) =>
        (need.resources ?? []).every((res) =>
          held.some(
            (h) =>
              h.verbs.includes(verb) &&
              (h.resources ?? []).includes(res) &&
              (h.apiGroups ?? []).some((g) => (need.apiGroups ?? []).includes(g)) &&
              (!h.resourceNames || (need.resourceNames ?? []).every((n) => h.resourceNames!.includes(n))),
          ),
        ),
      );
    const rendered = render(CR, ENV) as { kind: string; rules?: V1PolicyRule[] }[];
    for (const r of rendered.filter((o) => o.kind === 'ClusterRole' || o.kind === 'Role'))
      for (const rule of r.rules ?? []) expect(covers(rule), JSON.stringify(rule)).toBe(true);
  });
});
