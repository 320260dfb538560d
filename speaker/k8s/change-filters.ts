// Which watch updates change what the speaker plans from. Nodes heartbeat and Services and
// EndpointSlices change in ways the plan never reads; only the parts below trigger a recompute.
import type { KubernetesObject } from '@kubernetes/client-node';

type Obj = KubernetesObject & { spec?: object; status?: object; endpoints?: unknown };

const spec = (o: Obj) => (o.spec ?? {}) as Record<string, unknown>;
const status = (o: Obj) => (o.status ?? {}) as Record<string, unknown>;

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** metallb.io configuration: the spec (generation) or the labels (pools are selected by label). */
export function configChanged(now: Obj, before: Obj): boolean {
  const gen = now.metadata?.generation;
  return (
    gen === undefined ||
    gen !== before.metadata?.generation ||
    !same(now.metadata?.labels, before.metadata?.labels)
  );
}

export function serviceChanged(now: Obj, before: Obj): boolean {
  const view = (s: Obj) => [
    s.metadata?.labels,
    s.metadata?.annotations,
    spec(s).type,
    spec(s).externalTrafficPolicy,
    status(s).loadBalancer,
  ];
  return !same(view(now), view(before));
}

export function endpointSliceChanged(now: Obj, before: Obj): boolean {
  return !same(now.metadata?.labels, before.metadata?.labels) || !same(now.endpoints, before.endpoints);
}

export function nodeChanged(now: Obj, before: Obj): boolean {
  const unavailable = (n: Obj) =>
    ((status(n).conditions as { type: string; status: string }[] | undefined) ?? []).find(
      (c) => c.type === 'NetworkUnavailable',
    )?.status;
  return !same(now.metadata?.labels, before.metadata?.labels) || unavailable(now) !== unavailable(before);
}
