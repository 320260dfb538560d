import { parseIP, type IPFamily } from '../../../api/ip-ranges';
import type { Labels } from '../../../api/validation/label-selector';

// What the allocator needs to know about a Service, and how to read it from a Service object
// (annotations, families, ports, sharing and backend keys), following upstream's controller.

export type IPFamilyPolicy = 'SingleStack' | 'PreferDualStack' | 'RequireDualStack';

export interface ServicePort {
  port: number;
  protocol: string;
}

/** The allocator's input for one Service. */
export interface AllocService {
  /** "namespace/name". */
  key: string;
  namespace: string;
  labels: Labels;
  /** 1 or 2 families, primary first (from clusterIPs / ipFamilies). */
  families: readonly IPFamily[];
  policy: IPFamilyPolicy;
  ports: readonly ServicePort[];
  /** `metallb.io/allow-shared-ip`; "" = does not share. */
  sharingKey: string;
  /** Services sharing an IP must have equal backend keys: "" for ETP Cluster, the selector for Local. */
  backendKey: string;
}

/** The subset of a core/v1 Service that the allocator reads (a V1Service fits). */
export interface ServiceInput {
  metadata?: {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: {
    type?: string;
    ipFamilyPolicy?: string;
    ipFamilies?: string[];
    clusterIP?: string;
    clusterIPs?: string[];
    loadBalancerIP?: string;
    loadBalancerClass?: string;
    ports?: { port: number; protocol?: string }[];
    externalTrafficPolicy?: string;
    selector?: Record<string, string>;
  };
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
}

export const ANNOTATION_LOADBALANCER_IPS = 'metallb.io/loadBalancerIPs';
export const ANNOTATION_ADDRESS_POOL = 'metallb.io/address-pool';
export const ANNOTATION_ALLOW_SHARED_IP = 'metallb.io/allow-shared-ip';
export const ANNOTATION_ALLOCATED_FROM_POOL = 'metallb.io/ip-allocated-from-pool';
const STABLE_PREFIX = 'metallb.io/';
export const DEPRECATED_PREFIX = 'metallb.universe.tf/';

export function serviceKey(svc: ServiceInput): string {
  return `${svc.metadata?.namespace ?? ''}/${svc.metadata?.name ?? ''}`;
}

/** A `metallb.io/` annotation, falling back to its deprecated `metallb.universe.tf/` alias. */
export function metallbAnnotation(svc: ServiceInput, stableName: string): string | undefined {
  const a = svc.metadata?.annotations ?? {};
  return a[stableName] ?? a[DEPRECATED_PREFIX + stableName.slice(STABLE_PREFIX.length)];
}

export function hasDeprecatedAnnotation(svc: ServiceInput): boolean {
  return Object.keys(svc.metadata?.annotations ?? {}).some((k) => k.startsWith(DEPRECATED_PREFIX));
}

export function servicePorts(svc: ServiceInput): ServicePort[] {
  return (svc.spec?.ports ?? []).map((p) => ({ port: p.port, protocol: p.protocol || 'TCP' }));
}

/** ETP Local: the pod selector as sorted "k=v,k2=v2"; ETP Cluster: "". */
export function backendKey(svc: ServiceInput): string {
  if (svc.spec?.externalTrafficPolicy !== 'Local') return '';
  return Object.entries(svc.spec.selector ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

export function familyName(f: IPFamily): 'IPv4' | 'IPv6' {
  return f === 4 ? 'IPv4' : 'IPv6';
}

export type Families = { families: IPFamily[] } | { error: string };

/** The Service's families, primary first: from clusterIPs as upstream, else from ipFamilies. */
export function serviceFamilies(svc: ServiceInput): Families {
  const clusterIPs = svc.spec?.clusterIPs?.length
    ? svc.spec.clusterIPs
    : svc.spec?.clusterIP && svc.spec.clusterIP !== 'None'
      ? [svc.spec.clusterIP]
      : [];
  if (clusterIPs.length > 0) {
    const families: IPFamily[] = [];
    for (const ip of clusterIPs) {
      const parsed = parseIP(ip);
      if (!parsed) return { error: `invalid clusterIP ${JSON.stringify(ip)}` };
      families.push(parsed.family);
    }
    return checkFamilies(families, 'clusterIPs');
  }
  const families: IPFamily[] = [];
  for (const f of svc.spec?.ipFamilies ?? []) {
    if (f !== 'IPv4' && f !== 'IPv6') return { error: `invalid ipFamily ${JSON.stringify(f)}` };
    families.push(f === 'IPv4' ? 4 : 6);
  }
  return checkFamilies(families, 'ipFamilies');
}

function checkFamilies(families: IPFamily[], what: string): Families {
  if (families.length > 2 || (families.length === 2 && families[0] === families[1])) {
    return { error: `invalid ${what}: expected one IP family or one of each` };
  }
  return { families };
}

export function familyPolicy(svc: ServiceInput): IPFamilyPolicy {
  const p = svc.spec?.ipFamilyPolicy;
  return p === 'PreferDualStack' || p === 'RequireDualStack' ? p : 'SingleStack';
}

/**
 * The IPs the Service asks for: `metallb.io/loadBalancerIPs` (comma list, one IP or one per family)
 * or `spec.loadBalancerIP`, never both. [] when none is requested.
 */
export function requestedIPs(svc: ServiceInput): { ips: string[] } | { error: string } {
  const annotation = metallbAnnotation(svc, ANNOTATION_LOADBALANCER_IPS);
  const specIP = svc.spec?.loadBalancerIP ?? '';
  if (annotation !== undefined && annotation !== '' && specIP !== '') {
    return {
      error: `service can not have both ${ANNOTATION_LOADBALANCER_IPS} and spec.loadBalancerIP`,
    };
  }
  if (specIP !== '') {
    return parseIP(specIP)
      ? { ips: [specIP] }
      : { error: `invalid spec.loadBalancerIP ${JSON.stringify(specIP)}: not an IP address` };
  }
  if (annotation === undefined || annotation === '') return { ips: [] };
  const ips = annotation.split(',').map((s) => s.trim());
  const bad = ips.find((ip) => !parseIP(ip));
  if (bad !== undefined) {
    return {
      error: `invalid ${ANNOTATION_LOADBALANCER_IPS} annotation value ${JSON.stringify(annotation)}: ${JSON.stringify(bad)} is not an IP address`,
    };
  }
  if (ips.length > 2 || (ips.length === 2 && parseIP(ips[0]!)!.family === parseIP(ips[1]!)!.family)) {
    return {
      error: `invalid ${ANNOTATION_LOADBALANCER_IPS} annotation value ${JSON.stringify(annotation)}: expected one IP, or one IPv4 and one IPv6`,
    };
  }
  return { ips };
}

/** Builds the allocator's input; `families` comes from serviceFamilies (checked by the caller). */
export function allocService(svc: ServiceInput, families: readonly IPFamily[]): AllocService {
  return {
    key: serviceKey(svc),
    namespace: svc.metadata?.namespace ?? '',
    labels: svc.metadata?.labels ?? {},
    families,
    policy: familyPolicy(svc),
    ports: servicePorts(svc),
    sharingKey: metallbAnnotation(svc, ANNOTATION_ALLOW_SHARED_IP) ?? '',
    backendKey: backendKey(svc),
  };
}
