// The contract between the operator and its operands: every argument and variable the operator
// renders into the speaker DaemonSet and the controller Deployment is one the program accepts, for
// every MetalLB spec field that changes them. (A rendered flag the program rejects makes it exit
// on every node: the speaker once refused --lb-class this way.)
import type { V1Container, V1EnvVar } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { controllerDeployment } from '../../backend/operator/render/controller-deployment';
import { speakerDaemonSet } from '../../backend/operator/render/speaker-daemonset';
import { env, metallb } from '../../backend/operator/test-fixtures';
import { backendSettings } from '../../backend/settings';
import { speakerSettings } from '../../speaker/settings';

/** What the kubelet would set: literal values, and made-up values for the downward API. */
function resolve(vars: V1EnvVar[] = []): Record<string, string> {
  const field: Record<string, string> = {
    'spec.nodeName': 'worker-1',
    'status.hostIP': '192.0.2.11',
    'status.podIP': '192.0.2.11',
    'metadata.namespace': 'metallb-system',
    'metadata.name': 'speaker-x1y2z',
  };
  return Object.fromEntries(
    vars.map((v) => [v.name, v.value ?? field[v.valueFrom?.fieldRef?.fieldPath ?? ''] ?? 'from-secret']),
  );
}

const SPECS = {
  plain: {},
  everything: {
    logLevel: 'debug',
    loadBalancerClass: 'metallb.io/metallb',
    bgpBackend: 'native',
  },
  frrBackend: { bgpBackend: 'frr', logLevel: 'warn' },
} as const;

const cr = (spec: object) =>
  metallb(`apiVersion: metallb.io/v1beta1
kind: MetalLB
metadata:
  name: metallb
  namespace: metallb-system
spec: ${JSON.stringify(spec)}
`);

const only = (containers: V1Container[] | undefined) => {
  expect(containers).toHaveLength(1);
  return containers![0]!;
};

describe('operator-rendered arguments and variables', () => {
  for (const [name, spec] of Object.entries(SPECS)) {
    it(`the speaker accepts what the DaemonSet gives it (${name})`, () => {
      const c = only(speakerDaemonSet(cr(spec), env).spec?.template.spec?.containers);
      const s = speakerSettings(c.args ?? [], resolve(c.env));
      expect(s.node).toBe('worker-1');
      expect(s.lbClass).toBe((spec as { loadBalancerClass?: string }).loadBalancerClass);
    });

    it(`the controller accepts what the Deployment gives it (${name})`, () => {
      const containers = controllerDeployment(cr(spec), env).spec?.template.spec?.containers ?? [];
      for (const c of containers) {
        if (!c.args && !c.env) continue;
        expect(() => backendSettings(c.args ?? [], resolve(c.env)), c.name).not.toThrow();
      }
    });
  }
});
