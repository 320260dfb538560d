import { Ajv, type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { withDefaults } from '../defaults';
import { validateConfig } from '../validation/validate-config';
import type { BGPPeer, MetalLBObject } from '../types';
import { crdForKind } from './index';
import { celViolations, CEL_EQUIVALENTS } from './testing/cel';
import {
  FULL_SAMPLES,
  fullBFD,
  fullBGPAd,
  fullCommunity,
  fullL2,
  fullL2Status,
  fullMetalLB,
  fullPeer,
  fullPool,
} from './testing/samples';
import { collectValidationRules, toJSONSchema } from './to-json-schema';

const ajv = new Ajv({ strict: false, allErrors: true });
const ajvDefaults = new Ajv({ strict: false, useDefaults: true });
const cache = new Map<string, ValidateFunction>();

function schemaOf(kind: string, version: string) {
  const v = crdForKind(kind)!.spec.versions.find((x) => x.name === version)!;
  return v.schema.openAPIV3Schema;
}

function validator(kind: string, version: string): ValidateFunction {
  const key = `${kind}/${version}`;
  if (!cache.has(key))
    cache.set(key, ajv.compile(toJSONSchema(schemaOf(kind, version), { rejectUnknownFields: true })));
  return cache.get(key)!;
}

/** Schema errors (ajv paths) plus CEL rule violations, as the apiserver would report them. */
function problems(kind: string, version: string, obj: unknown, old?: unknown): string[] {
  const validate = validator(kind, version);
  const out = validate(obj) ? [] : validate.errors!.map((e) => `${e.instancePath} ${e.message}`);
  return [...out, ...celViolations(collectValidationRules(schemaOf(kind, version)), obj, old)];
}

function patch<T extends { spec?: unknown }>(obj: T, spec: Record<string, unknown>): T {
  return { ...obj, spec: { ...(obj.spec as object), ...spec } };
}

describe('CRD schemas accept a sample that sets every typed field', () => {
  it.each(FULL_SAMPLES.map((s) => [`${s.kind} ${s.version}`, s] as const))('%s', (_n, s) => {
    expect(problems(s.kind, s.version, s.obj)).toEqual([]);
  });

  it('and those samples agree with the validation core (FRR mode)', () => {
    const { dynamicASN: _d, interface: _i, password: _p, ...peerSpec } = fullPeer.spec;
    const r = validateConfig(
      {
        ipAddressPools: [fullPool],
        l2Advertisements: [fullL2],
        bgpAdvertisements: [fullBGPAd],
        communities: [fullCommunity],
        bgpPeers: [{ ...fullPeer, spec: peerSpec } as BGPPeer],
        bfdProfiles: [fullBFD],
        secrets: [
          { metadata: { name: 'bgp-secret' }, type: 'kubernetes.io/basic-auth', data: { password: 'eA==' } },
        ],
      },
      { namespace: 'metallb-system', bgpType: 'frr' },
    );
    expect(r.errors).toEqual([]);
    expect(r.transient).toEqual([]);
  });
});

const invalid: [string, string, string, unknown, string][] = [
  [
    'IPAddressPool without spec',
    'IPAddressPool',
    'v1beta1',
    { ...fullPool, spec: undefined },
    "must have required property 'spec'",
  ],
  [
    'IPAddressPool without addresses',
    'IPAddressPool',
    'v1beta1',
    patch(fullPool, { addresses: [] }),
    '/spec/addresses must NOT have fewer than 1 items',
  ],
  [
    'IPAddressPool with a non-boolean autoAssign',
    'IPAddressPool',
    'v1beta1',
    patch(fullPool, { autoAssign: 'yes' }),
    '/spec/autoAssign must be boolean',
  ],
  [
    'IPAddressPool with an unknown field',
    'IPAddressPool',
    'v1beta1',
    patch(fullPool, { autoassign: true }),
    'must NOT have additional properties',
  ],
  [
    'L2Advertisement with preferred weight 0',
    'L2Advertisement',
    'v1beta1',
    patch(fullL2, { preferredNodeSelectors: [{ weight: 0, preference: {} }] }),
    '/spec/preferredNodeSelectors/0/weight must be >= 1',
  ],
  [
    'L2Advertisement with a preference without weight',
    'L2Advertisement',
    'v1beta1',
    patch(fullL2, { preferredNodeSelectors: [{ preference: {} }] }),
    "must have required property 'weight'",
  ],
  [
    'L2Advertisement with a bad selector operator',
    'L2Advertisement',
    'v1beta1',
    patch(fullL2, { nodeSelectors: [{ matchExpressions: [{ key: 'a', operator: 'Is' }] }] }),
    'must be equal to one of the allowed values',
  ],
  [
    'BGPAdvertisement with aggregationLength 33',
    'BGPAdvertisement',
    'v1beta1',
    patch(fullBGPAd, { aggregationLength: 33, serviceSelectors: [] }),
    '/spec/aggregationLength must be <= 32',
  ],
  [
    'BGPAdvertisement with aggregationLengthV6 129',
    'BGPAdvertisement',
    'v1beta1',
    patch(fullBGPAd, { aggregationLengthV6: 129, serviceSelectors: [] }),
    '/spec/aggregationLengthV6 must be <= 128',
  ],
  [
    'BGPAdvertisement with serviceSelectors and aggregation 24 (CEL)',
    'BGPAdvertisement',
    'v1beta1',
    patch(fullBGPAd, { aggregationLength: 24 }),
    'serviceSelectors can only be used with the default aggregation lengths',
  ],
  [
    'BGPAdvertisement with localPref over 2^32-1',
    'BGPAdvertisement',
    'v1beta1',
    patch(fullBGPAd, { localPref: 4294967296 }),
    '/spec/localPref must be <= 4294967295',
  ],
  [
    'Community alias without value',
    'Community',
    'v1beta1',
    patch(fullCommunity, { communities: [{ name: 'a' }] }),
    "must have required property 'value'",
  ],
  [
    'BGPPeer without myASN',
    'BGPPeer',
    'v1beta2',
    patch(fullPeer, { myASN: undefined }),
    "must have required property 'myASN'",
  ],
  [
    'BGPPeer with myASN over 2^32-1',
    'BGPPeer',
    'v1beta2',
    patch(fullPeer, { myASN: 4294967296 }),
    '/spec/myASN must be <= 4294967295',
  ],
  [
    'BGPPeer v1beta2 with peerPort 0',
    'BGPPeer',
    'v1beta2',
    patch(fullPeer, { peerPort: 0 }),
    '/spec/peerPort must be >= 1',
  ],
  [
    'BGPPeer with peerPort 16385',
    'BGPPeer',
    'v1beta2',
    patch(fullPeer, { peerPort: 16385 }),
    '/spec/peerPort must be <= 16384',
  ],
  [
    'BGPPeer with an unknown dynamicASN',
    'BGPPeer',
    'v1beta2',
    patch(fullPeer, { dynamicASN: 'both' }),
    'must be equal to one of the allowed values',
  ],
  [
    'BGPPeer with connectTime 0s (CEL)',
    'BGPPeer',
    'v1beta2',
    patch(fullPeer, { connectTime: '0s' }),
    'connect time should be between 1 seconds to 65535',
  ],
  [
    'BGPPeer with connectTime 1500ms (CEL)',
    'BGPPeer',
    'v1beta2',
    patch(fullPeer, { connectTime: '1500ms' }),
    'whole number of seconds',
  ],
  [
    'BGPPeer with connectTime 65536s (CEL)',
    'BGPPeer',
    'v1beta2',
    patch(fullPeer, { connectTime: '65536s' }),
    'between 1 seconds to 65535',
  ],
  [
    'BGPPeer v1beta2 with legacy selector values missing is fine but v1beta1 requires them',
    'BGPPeer',
    'v1beta1',
    patch(fullPeer, { nodeSelectors: [{ matchExpressions: [{ key: 'a', operator: 'Exists' }] }] }),
    "must have required property 'values'",
  ],
  [
    'BFDProfile with detectMultiplier 1',
    'BFDProfile',
    'v1beta1',
    patch(fullBFD, { detectMultiplier: 1 }),
    '/spec/detectMultiplier must be >= 2',
  ],
  [
    'BFDProfile with receiveInterval 60001',
    'BFDProfile',
    'v1beta1',
    patch(fullBFD, { receiveInterval: 60001 }),
    '/spec/receiveInterval must be <= 60000',
  ],
  [
    'BFDProfile with minimumTtl 255',
    'BFDProfile',
    'v1beta1',
    patch(fullBFD, { minimumTtl: 255 }),
    '/spec/minimumTtl must be <= 254',
  ],
  [
    'MetalLB with an unknown logLevel',
    'MetalLB',
    'v1beta1',
    patch(fullMetalLB, { logLevel: 'verbose' }),
    '/spec/logLevel must be equal to one of the allowed values',
  ],
  [
    'MetalLB with an unknown bgpBackend',
    'MetalLB',
    'v1beta1',
    patch(fullMetalLB, { bgpBackend: 'bird' }),
    '/spec/bgpBackend must be equal to one of the allowed values',
  ],
  [
    'MetalLB with an unknown toleration effect',
    'MetalLB',
    'v1beta1',
    patch(fullMetalLB, { speakerTolerations: [{ effect: 'Never' }] }),
    '/spec/speakerTolerations/0/effect must be equal to one of the allowed values',
  ],
  [
    'MetalLB with an affinity weight of 101',
    'MetalLB',
    'v1beta1',
    patch(fullMetalLB, {
      speakerConfig: {
        affinity: {
          podAntiAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              { weight: 101, podAffinityTerm: { topologyKey: 'k' } },
            ],
          },
        },
      },
    }),
    'weight must be <= 100',
  ],
  [
    'MetalLB with an invalid loadBalancerClass',
    'MetalLB',
    'v1beta1',
    patch(fullMetalLB, { loadBalancerClass: 'bad class' }),
    '/spec/loadBalancerClass must match pattern',
  ],
  [
    'MetalLB with an invalid resource quantity',
    'MetalLB',
    'v1beta1',
    patch(fullMetalLB, { controllerConfig: { resources: { limits: { cpu: 'lots' } } } }),
    'must match pattern',
  ],
  [
    'ServiceL2Status with a spec field',
    'ServiceL2Status',
    'v1beta1',
    { ...fullL2Status, spec: { node: 'x' } },
    'must NOT have additional properties',
  ],
];

describe('CRD schemas refuse invalid objects', () => {
  it.each(invalid)('%s', (_name, kind, version, obj, fragment) => {
    expect(problems(kind, version, obj).join('\n')).toContain(fragment);
  });

  it('accept resource quantities written as numbers (int-or-string)', () => {
    const obj = patch(fullMetalLB, { controllerConfig: { resources: { limits: { cpu: 2 } } } });
    expect(problems('MetalLB', 'v1beta1', obj)).toEqual([]);
  });

  it('refuse changing enableGracefulRestart (transition rule)', () => {
    const old = patch(fullPeer, { enableGracefulRestart: false });
    expect(problems('BGPPeer', 'v1beta2', fullPeer, old).join()).toContain(
      'EnableGracefulRestart cannot be changed',
    );
    expect(problems('BGPPeer', 'v1beta2', fullPeer, fullPeer)).toEqual([]);
  });

  it('refuse changing the node of a ServiceL2Status (status fields are immutable)', () => {
    const moved = { ...fullL2Status, status: { ...fullL2Status.status, node: 'node-2' } };
    expect(problems('ServiceL2Status', 'v1beta1', moved, fullL2Status).join()).toContain(
      'Value is immutable',
    );
  });

  it('have a JavaScript equivalent for every CEL rule', () => {
    for (const s of FULL_SAMPLES) {
      for (const r of collectValidationRules(schemaOf(s.kind, s.version)))
        expect(CEL_EQUIVALENTS).toHaveProperty([r.rule]);
    }
  });
});

describe('CRD schema defaults equal api/defaults.ts', () => {
  const minimal: [string, string, MetalLBObject][] = [
    [
      'IPAddressPool',
      'v1beta1',
      { ...fullPool, spec: { addresses: ['10.0.0.0/24'] }, status: undefined } as MetalLBObject,
    ],
    ['BGPAdvertisement', 'v1beta1', { ...fullBGPAd, spec: {} }],
    ['BGPPeer', 'v1beta2', { ...fullPeer, spec: { myASN: 1, peerASN: 2, peerAddress: '10.0.0.1' } }],
    ['BFDProfile', 'v1beta1', { ...fullBFD, spec: {} }],
    ['BFDProfile without spec', 'v1beta1', { ...fullBFD, spec: undefined } as unknown as MetalLBObject],
    [
      'BGPAdvertisement without spec',
      'v1beta1',
      { ...fullBGPAd, spec: undefined } as unknown as MetalLBObject,
    ],
    ['L2Advertisement', 'v1beta1', { ...fullL2, spec: {} }],
    ['Community', 'v1beta1', { ...fullCommunity, spec: {} }],
    ['MetalLB', 'v1beta1', { ...fullMetalLB, spec: {}, status: undefined } as MetalLBObject],
  ];
  it.each(minimal)('%s', (name, version, obj) => {
    const defaulted = structuredClone(obj);
    const validate = ajvDefaults.compile(toJSONSchema(schemaOf(name.split(' ')[0]!, version)));
    expect(validate(defaulted)).toBe(true);
    expect(defaulted).toEqual(withDefaults(obj));
  });

  it('keep values that are already set', () => {
    expect(withDefaults(patch(fullPool, { autoAssign: false })).spec.autoAssign).toBe(false);
  });
});
