import { describe, expect, it } from 'vitest';
import type { MetalLB, MetalLBSpec } from '../types';
import { validateMetalLB } from './metallb-instance';
import { NS } from './testing/builders';
import { expectIssues, type Expected } from './testing/cases';

const cr = (spec: MetalLBSpec): MetalLB => ({
  apiVersion: 'metallb.io/v1beta1',
  kind: 'MetalLB',
  metadata: { name: 'metallb', namespace: NS },
  spec,
});

const preferred = (weight: number) => ({
  preferredDuringSchedulingIgnoredDuringExecution: [
    { weight, preference: { matchExpressions: [{ key: 'a', operator: 'Exists' }] } },
  ],
});

const cases: [string, MetalLBSpec, Expected[]][] = [
  ['accepts an empty spec', {}, []],
  [
    'accepts every documented field',
    {
      nodeSelector: { 'node-role.kubernetes.io/worker': '' },
      controllerNodeSelector: { 'kubernetes.io/os': 'linux' },
      speakerTolerations: [{ key: 'Example', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 5 }],
      controllerTolerations: [{ operator: 'Exists' }],
      logLevel: 'debug',
      loadBalancerClass: 'example.com/internal-vip',
      bgpBackend: 'frr-k8s',
      controllerConfig: {
        priorityClassName: 'high-priority',
        runtimeClassName: 'myclass',
        annotations: { 'controller.example.com': 'x' },
        resources: { limits: { cpu: '200m', memory: '512Mi' } },
        affinity: { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100 }] } },
      },
      speakerConfig: { affinity: { nodeAffinity: preferred(1) }, resources: { requests: { cpu: '300m' } } },
    },
    [],
  ],
  [
    'refuses an unknown logLevel',
    { logLevel: 'verbose' as 'info' },
    [{ field: 'spec.logLevel', msg: 'invalid logLevel' }],
  ],
  [
    'refuses an unknown bgpBackend',
    { bgpBackend: 'bird' as 'frr' },
    [{ field: 'spec.bgpBackend', msg: 'Invalid BGP Backend' }],
  ],
  [
    'refuses a toleration operator other than Exists/Equal',
    { speakerTolerations: [{ key: 'k', operator: 'In' as 'Equal' }] },
    [{ field: 'spec.speakerTolerations[0].operator', msg: 'invalid toleration operator' }],
  ],
  [
    'refuses an unknown toleration effect',
    { controllerTolerations: [{ key: 'k', effect: 'NoRun' as 'NoSchedule' }] },
    [{ field: 'spec.controllerTolerations[0].effect', msg: 'invalid toleration effect' }],
  ],
  [
    'refuses tolerationSeconds without effect NoExecute',
    { speakerTolerations: [{ key: 'k', effect: 'NoSchedule', tolerationSeconds: 30 }] },
    [
      {
        field: 'spec.speakerTolerations[0].effect',
        msg: 'effect must be NoExecute when tolerationSeconds is set',
      },
    ],
  ],
  [
    'refuses a value with operator Exists',
    { speakerTolerations: [{ key: 'k', operator: 'Exists', value: 'v' }] },
    [{ field: 'spec.speakerTolerations[0].value', msg: 'value must be empty' }],
  ],
  [
    'refuses an empty key with operator Equal',
    { speakerTolerations: [{ operator: 'Equal', value: 'v' }] },
    [{ field: 'spec.speakerTolerations[0].operator', msg: 'operator must be Exists when key is empty' }],
  ],
  [
    'refuses a node affinity weight of 0',
    { speakerConfig: { affinity: { nodeAffinity: preferred(0) } } },
    [
      {
        field:
          'spec.speakerConfig.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight',
        msg: '1-100',
      },
    ],
  ],
  [
    'refuses a pod anti-affinity weight of 101',
    { controllerConfig: { affinity: { podAntiAffinity: preferred(101) } } },
    [
      {
        field:
          'spec.controllerConfig.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight',
        msg: 'invalid weight 101',
      },
    ],
  ],
  [
    'refuses an invalid resource quantity',
    { speakerConfig: { resources: { limits: { cpu: 'lots' } } } },
    [{ field: 'spec.speakerConfig.resources.limits["cpu"]', msg: 'invalid quantity' }],
  ],
  [
    'refuses an invalid loadBalancerClass',
    { loadBalancerClass: 'bad class' },
    [{ field: 'spec.loadBalancerClass', msg: 'invalid loadBalancerClass' }],
  ],
  [
    'refuses an invalid nodeSelector label',
    { nodeSelector: { 'bad key!': 'x' } },
    [{ field: 'spec.nodeSelector["bad key!"]', msg: 'invalid label key' }],
  ],
];

describe('validateMetalLB', () => {
  it.each(cases)('%s', (_name, spec, errors) => {
    const r = validateMetalLB(cr(spec));
    expectIssues(r.errors, errors, 'error');
    for (const e of r.errors) expect(e.message).toContain('MetalLB "metallb"');
  });
});
