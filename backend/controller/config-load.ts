// The controller's configuration: IPAddressPools (plus Communities, validated alongside as upstream's
// controller does) turned into allocator pools, or the reasons they cannot be. A configuration with
// errors is not loaded: the controller keeps running on the previous one (stale) as upstream does.
import type { Community, IPAddressPool } from '../../api/types';
import { validateConfig, type BGPType } from '../../api/validation';
import type { Pool } from './allocator/pool';
import { poolsFromConfig, type NamespaceLike } from './allocator/pools-from-config';

export interface ConfigInputs {
  pools: readonly IPAddressPool[];
  communities: readonly Community[];
  namespaces: readonly NamespaceLike[];
}

export type ConfigOutcome =
  { ok: true; pools: Pool[]; signature: string } | { ok: false; errors: string[]; signature: string };

export function loadConfig(inputs: ConfigInputs, namespace: string, bgpType: BGPType): ConfigOutcome {
  const validation = validateConfig(
    {
      ipAddressPools: [...inputs.pools],
      communities: [...inputs.communities],
      namespaces: inputs.namespaces.map((n) => ({
        metadata: { name: n.metadata?.name ?? '', labels: n.metadata?.labels ?? {} },
      })),
    },
    { namespace, bgpType },
  );
  const parsed = poolsFromConfig(inputs.pools, inputs.namespaces);
  const errors = [...validation.errors, ...validation.transient].map((i) => i.message);
  // The validation core reports everything the pool parser does, in better words; keep the
  // parser's own messages only should the two ever disagree.
  if (errors.length === 0) errors.push(...parsed.errors);
  const signature = configSignature(inputs, parsed.pools);
  return errors.length > 0 ? { ok: false, errors, signature } : { ok: true, pools: parsed.pools, signature };
}

/**
 * What the allocator depends on: pool specs, the namespaces their selectors resolve to, and the
 * Communities. Status-only writes (our own pool counters) leave it unchanged.
 */
function configSignature(inputs: ConfigInputs, pools: readonly Pool[]): string {
  const specs = [...inputs.pools]
    .map((p) => [p.metadata.name ?? '', p.spec] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const resolved = pools.map((p) => [p.name, [...(p.serviceAllocation?.namespaces ?? [])].sort()]);
  const communities = [...inputs.communities]
    .map((c) => [c.metadata.name ?? '', c.spec] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([specs, resolved, communities]);
}

export function bgpTypeFromEnv(env: NodeJS.ProcessEnv): BGPType {
  const t = env.METALLB_BGP_TYPE;
  return t === 'frr' || t === 'frr-k8s' ? t : 'native';
}
