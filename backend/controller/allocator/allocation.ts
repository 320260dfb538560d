// What the allocator answers with, and the small pure helpers it runs once per allocation.
import type { IPFamily } from '../../../api/ip-ranges';
import type { PoolState } from './pool-state';
import type { AllocService } from './service-request';

export type AllocResult = { ok: true; pool: string; ips: string[] } | { ok: false; error: string };

export interface Allocation {
  pool: string;
  /** IPv4 first when dual-stack. */
  ips: string[];
}

/** Capacity and distinct in-use IPs of one pool (a shared IP counts once). */
export interface PoolUsage {
  pool: string;
  capacityIPv4: bigint;
  capacityIPv6: bigint;
  inUseIPv4: number;
  inUseIPv6: number;
}

export interface AllocatorOptions {
  /** Called once per operation for each pool whose in-use counts changed, and for every pool on setPools. */
  onUsageChange?: (pool: string) => void;
}

const ONLY_V4: readonly IPFamily[] = [4];
const ONLY_V6: readonly IPFamily[] = [6];
const DUAL: readonly IPFamily[] = [4, 6];

/** Constant arrays: this runs once per allocation. */
export function wantedFamilies(svc: AllocService): readonly IPFamily[] {
  if (svc.families.length === 2 && svc.policy !== 'SingleStack') return DUAL;
  return svc.families[0] === 6 ? ONLY_V6 : ONLY_V4;
}

export function notAllowed(pool: PoolState, svc: AllocService): { ok: false; error: string } {
  return {
    ok: false,
    error: `pool "${pool.name}" is not allowed for service ${svc.key} (its serviceAllocation namespaces or selectors do not match)`,
  };
}

export function usageOf(p: PoolState): PoolUsage {
  return {
    pool: p.name,
    capacityIPv4: p.capacity4,
    capacityIPv6: p.capacity6,
    inUseIPv4: p.inUse4,
    inUseIPv6: p.inUse6,
  };
}
