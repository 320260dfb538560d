// MetalLB (the operator's instance) form values <-> object.
import type { MetalLB, MetalLBSpec } from '../../../api/types';
import { formatLabels, parseLabels, compact, formMetadata } from '../../forms/values';

export const METALLB_NAME = 'metallb';

export interface MetalLBFormValues {
  name: string;
  logLevel: '' | NonNullable<MetalLBSpec['logLevel']>;
  bgpBackend: '' | NonNullable<MetalLBSpec['bgpBackend']>;
  loadBalancerClass: string;
  speakerNodeSelector: string;
}

export function emptyMetalLB(): MetalLBFormValues {
  return { name: METALLB_NAME, logLevel: '', bgpBackend: '', loadBalancerClass: '', speakerNodeSelector: '' };
}

export function metallbFromObject(obj: MetalLB): MetalLBFormValues {
  const s = obj.spec ?? {};
  return {
    name: obj.metadata?.name ?? '',
    logLevel: s.logLevel ?? '',
    bgpBackend: s.bgpBackend ?? '',
    loadBalancerClass: s.loadBalancerClass ?? '',
    speakerNodeSelector: formatLabels(s.nodeSelector),
  };
}

export function metallbToObject(v: MetalLBFormValues, namespace: string, base?: MetalLB): MetalLB {
  const nodeSelector = parseLabels(v.speakerNodeSelector);
  return {
    apiVersion: 'metallb.io/v1beta1',
    kind: 'MetalLB',
    metadata: formMetadata(v.name, namespace, base),
    spec: compact({
      ...base?.spec,
      logLevel: v.logLevel || undefined,
      bgpBackend: v.bgpBackend || undefined,
      loadBalancerClass: v.loadBalancerClass.trim() || undefined,
      nodeSelector: Object.keys(nodeSelector).length ? nodeSelector : undefined,
    }),
  };
}
