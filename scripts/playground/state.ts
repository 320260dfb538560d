// `.playground/state.json`, the playground's public contract (../shared/docs/architecture.md):
// exactly these keys, so tests and scripts can find the UI, the namespaces and the Service IPs.
import type { Plan } from './plan';
import type { SampleService } from './sample-config';

export interface PlaygroundState {
  kubeconfig: string;
  uiUrl: string;
  /** null when there are no namespaces (not root). */
  clientNetns: string | null;
  /** null without a router (--no-router, or no namespaces). */
  routerNetns: string | null;
  nodes: { name: string; netns: string; interface: string }[];
  services: { namespace: string; name: string; ip: string; port: number; mode: 'l2' | 'bgp' }[];
}

/** One entry per Service IP (a dual-stack Service gives two), IPv4 first. */
export function buildState(o: {
  kubeconfig: string;
  uiUrl: string;
  plan: Plan;
  dataplane: boolean;
  services: SampleService[];
  ips: Map<string, string[]>;
}): PlaygroundState {
  return {
    kubeconfig: o.kubeconfig,
    uiUrl: o.uiUrl,
    clientNetns: o.dataplane ? o.plan.client.netns : null,
    routerNetns: o.dataplane && o.plan.router ? o.plan.router.netns : null,
    nodes: o.dataplane
      ? o.plan.nodes.map((n) => ({ name: n.name, netns: n.netns, interface: n.interface }))
      : [],
    services: o.services.flatMap((s) =>
      [...(o.ips.get(`${s.namespace}/${s.name}`) ?? [])]
        .sort((a, b) => Number(a.includes(':')) - Number(b.includes(':')))
        .map((ip) => ({ namespace: s.namespace, name: s.name, ip, port: s.port, mode: s.mode })),
    ),
  };
}
