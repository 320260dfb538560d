// Checking IPs given explicitly (loadBalancerIPs, status IPs kept, re-homing on new pools): which
// pool holds them all, and whether the Service may have them. No state change.
import { parseIP, type IPFamily } from '../../../api/ip-ranges';
import { notAllowed } from './allocation';
import type { Holdings } from './holdings';
import { poolAllowsService } from './pool';
import type { PoolState, Slot } from './pool-state';
import type { AllocService } from './service-request';

/** Validates explicit IPs for the Service: the pool and slots to commit, or why not. */
export function placeIPs(
  pools: ReadonlyMap<string, PoolState>,
  holdings: Holdings,
  svc: AllocService,
  ips: readonly string[],
): { pool: PoolState; slots: Slot[] } | { error: string } {
  const found = findPool(pools, ips);
  if ('error' in found) return found;
  const { pool, values } = found;
  if (!poolAllowsService(pool.config, svc.namespace, svc.labels)) return notAllowed(pool, svc);
  const slots: Slot[] = [];
  for (const v of values) {
    const slot = pool.locate(v.family, v.value) as Slot;
    const err = holdings.conflict(svc, slot);
    if (err) return { error: err };
    slots.push(slot);
  }
  return { pool, slots };
}

/** The pool containing all these IPs (buggy IPs of avoiding pools excluded), or why there is none. */
export function findPool(
  pools: ReadonlyMap<string, PoolState>,
  ips: readonly string[],
): { pool: PoolState; values: { family: IPFamily; value: bigint }[] } | { error: string } {
  if (ips.length === 0) return { error: 'no IP given' };
  const values: { family: IPFamily; value: bigint }[] = [];
  for (const ip of ips) {
    const v = parseIP(ip);
    if (!v) return { error: `invalid IP ${JSON.stringify(ip)}` };
    values.push(v);
  }
  if (values.length > 2) return { error: `too many IPs (${ips.join(', ')}): at most one per family` };
  if (values.length === 2 && values[0]!.family === values[1]!.family) {
    return { error: `IPs ${ips.join(' and ')} are of the same family` };
  }
  let buggyIn: string | undefined;
  for (const pool of pools.values()) {
    let all = true;
    for (const v of values) {
      const loc = pool.locate(v.family, v.value);
      if (loc === 'buggy') buggyIn ??= pool.name;
      if (loc === undefined || loc === 'buggy') {
        all = false;
        break;
      }
    }
    if (all) return { pool, values };
  }
  for (const [i, v] of values.entries()) {
    const home = [...pools.values()].find((p) => p.locate(v.family, v.value) !== undefined);
    if (!home) return { error: `IP ${ips[i]} is not in any pool` };
    if (home.locate(v.family, v.value) === 'buggy') {
      return { error: `IP ${ips[i]} can not be used: pool "${home.name}" avoids buggy IPs (.0 and .255)` };
    }
  }
  return {
    error: buggyIn
      ? `IPs ${ips.join(' and ')} are not usable together: pool "${buggyIn}" avoids buggy IPs`
      : `IPs ${ips.join(' and ')} are not in the same pool`,
  };
}
