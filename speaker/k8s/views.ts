// What the speaker keeps of the Services, EndpointSlices and Nodes it watches: the fields its plan
// reads (api/announce/inputs.ts), the change filters compare, and its events name (uid,
// resourceVersion). At 10,000 Services and their EndpointSlices the rest (ports, cluster IPs,
// endpoint addresses and targetRefs, Node images and addresses) was most of the speaker's heap.
// Applied as the reflectors' transform, so nothing else is ever cached.
import type { V1EndpointSlice, V1Node, V1Service } from '@kubernetes/client-node';
import { LAST_APPLIED_ANNOTATION } from '../../k8s/trim';

type Meta = V1Service['metadata'];

function meta(m: Meta, withAnnotations: boolean): Meta {
  if (!m) return m;
  const out: NonNullable<Meta> = {};
  for (const k of ['name', 'namespace', 'uid', 'resourceVersion', 'labels'] as const)
    if (m[k] !== undefined) (out as Record<string, unknown>)[k] = m[k];
  if (withAnnotations && m.annotations) {
    const { [LAST_APPLIED_ANNOTATION]: _last, ...rest } = m.annotations;
    out.annotations = rest;
  }
  return out;
}

export function serviceView(s: V1Service): V1Service {
  const spec = s.spec;
  return {
    apiVersion: s.apiVersion,
    kind: s.kind,
    metadata: meta(s.metadata, true),
    ...(spec
      ? {
          spec: {
            ...(spec.type !== undefined ? { type: spec.type } : {}),
            ...(spec.externalTrafficPolicy !== undefined
              ? { externalTrafficPolicy: spec.externalTrafficPolicy }
              : {}),
            ...(spec.loadBalancerClass !== undefined ? { loadBalancerClass: spec.loadBalancerClass } : {}),
          },
        }
      : {}),
    ...(s.status?.loadBalancer ? { status: { loadBalancer: s.status.loadBalancer } } : {}),
  };
}

export function endpointSliceView(e: V1EndpointSlice): V1EndpointSlice {
  return {
    apiVersion: e.apiVersion,
    kind: e.kind,
    metadata: meta(e.metadata, false),
    addressType: e.addressType,
    endpoints: (e.endpoints ?? []).map((p) => ({
      addresses: [],
      ...(p.nodeName !== undefined ? { nodeName: p.nodeName } : {}),
      ...(p.conditions ? { conditions: p.conditions } : {}),
    })),
  };
}

export function nodeView(n: V1Node): V1Node {
  return {
    apiVersion: n.apiVersion,
    kind: n.kind,
    metadata: meta(n.metadata, false),
    ...(n.status?.conditions
      ? {
          status: {
            // Only the type and status are read; the heartbeat times change every few seconds.
            conditions: n.status.conditions.map((c) => ({ type: c.type, status: c.status })),
          },
        }
      : {}),
  };
}
