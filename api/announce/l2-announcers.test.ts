import { describe, expect, it } from 'vitest';
import { planNode, prepare } from './desired-state';
import type { NodeInput } from './inputs';
import { l2Announcers } from './l2';
import { l2ad, node, planInput, pool, service, slice } from './test-fixtures';
import { prng } from '../test-prng';

const NAMES = ['node-a', 'node-b', 'node-c', 'node-d'];

describe('l2Announcers', () => {
  it('names the node whose own plan announces each Service, and no other', () => {
    let announced = 0;
    for (let seed = 1; seed <= 80; seed++) {
      const rnd = prng(seed);
      const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
      const nodes: NodeInput[] = NAMES.map((n) =>
        node(
          n,
          {
            ...(rnd() < 0.5 ? { zone: pick(['x', 'y']) } : {}),
            ...(rnd() < 0.15 ? { 'node.kubernetes.io/exclude-from-external-load-balancers': '' } : {}),
          },
          rnd() < 0.1,
        ),
      );
      const services = Array.from({ length: 10 }, (_, i) =>
        service(`s${i}`, {
          ips: [`192.0.2.${rnd() < 0.2 ? 1 : i}`],
          local: rnd() < 0.4,
          labels: rnd() < 0.5 ? { tier: 'web' } : {},
          ...(rnd() < 0.2 ? { annotations: { 'metallb.io/allow-shared-ip': 'k' } } : {}),
        }),
      );
      const input = planInput({
        node: '',
        nodes,
        services,
        endpointSlices: services.map((s) =>
          slice(
            s.metadata!.name!,
            NAMES.filter(() => rnd() < 0.5).map((n) => (rnd() < 0.2 ? `${n}:notready` : n)),
          ),
        ),
        pools: [pool('p', ['192.0.2.0/24'])],
        l2Advertisements: [
          l2ad('l2', {
            ...(rnd() < 0.5 ? { nodeSelectors: [{ matchLabels: { zone: 'x' } }] } : {}),
            ...(rnd() < 0.3 ? { serviceSelectors: [{ matchLabels: { tier: 'web' } }] } : {}),
          }),
        ],
        members: rnd() < 0.3 ? null : new Set(NAMES.filter(() => rnd() < 0.8)),
      });
      const prepared = prepare(input);
      const perNode = new Map<string, string>();
      for (const n of NAMES) for (const a of planNode(prepared, n).l2.announce) perNode.set(a.key, n);
      const once = l2Announcers(prepared.considered, {
        nodes: prepared.nodes,
        advertisements: input.l2Advertisements,
        endpoints: prepared.endpoints,
        members: input.members,
      });
      expect(once, `seed ${seed}`).toEqual(perNode);
      announced += once.size;
    }
    // Most Services had an announcing node: the comparison was not between empty maps.
    expect(announced).toBeGreaterThan(200);
  });
});
