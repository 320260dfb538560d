// Inputs shared by the operator's unit tests: the seed's MetalLB examples, verbatim in YAML.
import { parse } from 'yaml';
import type { MetalLB } from '../../api/types';
import type { OperatorEnv } from './env';

export const env: OperatorEnv = {
  namespace: 'metallb-system',
  controllerImage: 'registry.example/metallb/controller:v0.1.0',
  speakerImage: 'registry.example/metallb/speaker:v0.1.0',
  version: '0.1.0',
  hasConsolePluginAPI: false,
  memberlistSecretKey: Buffer.from('not-random-in-tests').toString('base64'),
};

/** A MetalLB object as the API server returns it (uid, generation set). */
export function metallb(yaml: string): MetalLB {
  const cr = parse(yaml) as MetalLB;
  cr.spec ??= {};
  cr.metadata = { ...cr.metadata, uid: '4a3a1f0e-0000-4000-8000-000000000001', generation: 1 };
  return cr;
}

/** 6.5.2.3: the plain instance. */
export const SEED_PLAIN = `
apiVersion: metallb.io/v1beta1
kind: MetalLB
metadata:
  name: metallb
  namespace: metallb-system
`;

/** 6.5.2.4.1: speakers on workers only, tolerating a NoExecute taint. */
export const SEED_WORKERS = `
apiVersion: metallb.io/v1beta1
kind: MetalLB
metadata:
  name: metallb
  namespace: metallb-system
spec:
  nodeSelector:
    node-role.kubernetes.io/worker: ""
  speakerTolerations:
  - key: "Example"
    operator: "Exists"
    effect: "NoExecute"
`;

/** 6.5.2.4.2: priority class and pod affinity on both components. */
export const SEED_PRIORITY_AFFINITY = `
apiVersion: metallb.io/v1beta1
kind: MetalLB
metadata:
  name: metallb
  namespace: metallb-system
spec:
  logLevel: debug
  controllerConfig:
    priorityClassName: high-priority
    affinity:
      podAffinity:
        requiredDuringSchedulingIgnoredDuringExecution:
        - labelSelector:
            matchLabels:
              app: metallb
          topologyKey: kubernetes.io/hostname
  speakerConfig:
    priorityClassName: high-priority
    affinity:
      podAffinity:
        requiredDuringSchedulingIgnoredDuringExecution:
        - labelSelector:
            matchLabels:
              app: metallb
          topologyKey: kubernetes.io/hostname
`;

/** 6.5.2.4.3: CPU limits. */
export const SEED_CPU_LIMITS = `
apiVersion: metallb.io/v1beta1
kind: MetalLB
metadata:
  name: metallb
  namespace: metallb-system
spec:
  logLevel: debug
  controllerConfig:
    resources:
      limits:
        cpu: "200m"
  speakerConfig:
    resources:
      limits:
        cpu: "300m"
`;
