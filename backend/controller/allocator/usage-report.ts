import type { IPAddressPoolStatus } from '../../../api/types';
import type { PoolUsage } from './allocator';

// Pool usage as IPAddressPool status and as upstream's allocator metrics.

/**
 * JSON numbers above 2^53 lose precision, so huge IPv6 capacities saturate here (upstream saturates
 * at MaxInt64, which JavaScript cannot write exactly).
 */
export function saturate(n: bigint): number {
  return n > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(n);
}

export function poolStatus(u: PoolUsage): Required<IPAddressPoolStatus> {
  return {
    assignedIPv4: u.inUseIPv4,
    assignedIPv6: u.inUseIPv6,
    availableIPv4: saturate(u.capacityIPv4 - BigInt(u.inUseIPv4)),
    availableIPv6: saturate(u.capacityIPv6 - BigInt(u.inUseIPv6)),
  };
}

/** Values of the `metallb_allocator_*` gauges for one pool (label `pool`). */
export interface AllocatorMetricValues {
  addresses_total: number;
  ipv4_addresses_total: number;
  ipv6_addresses_total: number;
  addresses_in_use_total: number;
  ipv4_addresses_in_use_total: number;
  ipv6_addresses_in_use_total: number;
}

export function allocatorMetrics(u: PoolUsage): AllocatorMetricValues {
  return {
    addresses_total: saturate(u.capacityIPv4 + u.capacityIPv6),
    ipv4_addresses_total: saturate(u.capacityIPv4),
    ipv6_addresses_total: saturate(u.capacityIPv6),
    addresses_in_use_total: u.inUseIPv4 + u.inUseIPv6,
    ipv4_addresses_in_use_total: u.inUseIPv4,
    ipv6_addresses_in_use_total: u.inUseIPv6,
  };
}
