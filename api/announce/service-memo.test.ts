import { describe, expect, it } from 'vitest';
import { desiredState, ServicePlanMemo, type PlanInput } from './desired-state';
import { L2RankingMemo } from './l2-ranking';
import { bgpad, l2ad, node, peer, planInput, pool, service, slice } from './test-fixtures';
import type { NodeInput, ServiceInput } from './inputs';
import { prng } from '../test-prng';

const NODES = ['node-a', 'node-b', 'node-c', 'node-d', 'node-e'];

function svc(i: number, rnd: () => number): ServiceInput {
  const l2 = i % 2 === 0;
  return service(`svc-${i}`, {
    ips: [l2 ? `192.0.2.${i}` : `198.51.100.${i}`],
    local: rnd() < 0.3,
    labels: rnd() < 0.5 ? { tier: 'web' } : {},
  });
}

describe('ServicePlanMemo', () => {
  it('plans exactly as a fresh plan while Services, endpoints, Nodes and advertisements change', () => {
    for (let seed = 1; seed <= 25; seed++) {
      const rnd = prng(seed);
      const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
      const services = Array.from({ length: 12 }, (_, i) => svc(i, rnd));
      const slices = services.map((s) => slice(s.metadata!.name!, [pick(NODES)]));
      let nodes: NodeInput[] = NODES.map((n) => node(n));
      let members: Set<string> | null = null;
      let l2Ads = [l2ad('l2', { ipAddressPools: ['l2'] })];
      let bgpAds = [bgpad('bgp', { ipAddressPools: ['bgp'], localPref: 100 })];
      // The same objects from pass to pass, as the watches hand them over.
      const pools = [pool('l2', ['192.0.2.0/24']), pool('bgp', ['198.51.100.0/24'])];
      const routers = [peer('router', { peerAddress: '203.0.113.1' })];
      let reused = 0;
      let last = new Set<object>();
      const l2Memo = new L2RankingMemo();
      const serviceMemo = new ServicePlanMemo();
      for (let step = 0; step < 40; step++) {
        const r = rnd();
        const i = Math.floor(rnd() * services.length);
        if (r < 0.35) services[i] = svc(i, rnd);
        else if (r < 0.6)
          slices[i] = slice(services[i]!.metadata!.name!, [pick(NODES), `${pick(NODES)}:notready`]);
        else if (r < 0.7)
          nodes = nodes.map((n) => (rnd() < 0.3 ? node(n.metadata!.name!, { zone: pick(['x', 'y']) }) : n));
        else if (r < 0.78) members = rnd() < 0.3 ? null : new Set(NODES.filter(() => rnd() < 0.7));
        else if (r < 0.86)
          l2Ads = [
            l2ad('l2', {
              ipAddressPools: ['l2'],
              ...(rnd() < 0.5 ? { nodeSelectors: [{ matchLabels: { zone: 'x' } }] } : {}),
            }),
          ];
        else if (r < 0.94)
          bgpAds = [
            bgpad('bgp', { ipAddressPools: ['bgp'], localPref: 100 }),
            ...(rnd() < 0.5
              ? [
                  bgpad('bgp-web', {
                    ipAddressPools: ['bgp'],
                    serviceSelectors: [{ matchLabels: { tier: 'web' } }],
                    communities: ['64512:7'],
                  }),
                ]
              : []),
          ];
        // else: nothing changed (a pass after a heartbeat)
        const input = (): PlanInput =>
          planInput({
            node: 'node-b',
            nodes,
            services: [...services],
            endpointSlices: [...slices],
            pools,
            l2Advertisements: l2Ads,
            bgpAdvertisements: bgpAds,
            bgpPeers: routers,
            members,
          });
        const memoized = desiredState({ ...input(), l2Memo, serviceMemo });
        const fresh = desiredState(input());
        expect(memoized, `seed ${seed} step ${step}`).toEqual(fresh);
        const outcomes = [
          ...memoized.l2.announce,
          ...memoized.l2.skipped,
          ...memoized.bgp.announce,
          ...memoized.bgp.skipped,
        ];
        reused += outcomes.filter((o) => last.has(o)).length;
        last = new Set(outcomes);
      }
      // The memo was used, not merely consulted: most outcomes came from the pass before.
      expect(reused).toBeGreaterThan(150);
    }
  });

  it('reuses a Service outcome while nothing it depends on changed, and replans it when its endpoints change', () => {
    const serviceMemo = new ServicePlanMemo();
    const base = planInput({
      node: 'node-a',
      services: [service('web', { ips: ['192.0.2.1'] })],
      endpointSlices: [slice('web', ['node-a'])],
      pools: [pool('l2', ['192.0.2.0/24'])],
      l2Advertisements: [l2ad('l2')],
      serviceMemo,
    });
    const outcome = (d: ReturnType<typeof desiredState>) => [...d.l2.announce, ...d.l2.skipped][0];
    const first = desiredState(base);
    expect(outcome(first)).toBeDefined();
    const again = desiredState({ ...base, services: [...base.services] });
    expect(outcome(again)).toBe(outcome(first));
    expect(again.l2Statuses.get('default/web')).toBe(first.l2Statuses.get('default/web'));
    const moved = desiredState({ ...base, endpointSlices: [slice('web', ['node-b'])] });
    expect(outcome(moved)).not.toBe(outcome(first));
  });
});
