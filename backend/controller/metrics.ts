// The controller's Prometheus metrics, with upstream MetalLB's names: allocator usage per pool and
// the k8s client counters.
import { sharedCounter, sharedGauge } from '../../k8s/metrics';
import type { PoolUsage } from './allocator/allocator';
import { allocatorMetrics, type AllocatorMetricValues } from './allocator/usage-report';

const POOL_GAUGES: Record<keyof AllocatorMetricValues, string> = {
  addresses_total: 'Number of usable IP addresses, per pool',
  ipv4_addresses_total: 'Number of usable IPv4 addresses, per pool',
  ipv6_addresses_total: 'Number of usable IPv6 addresses, per pool',
  addresses_in_use_total: 'Number of IP addresses in use, per pool (a shared IP counts once)',
  ipv4_addresses_in_use_total: 'Number of IPv4 addresses in use, per pool',
  ipv6_addresses_in_use_total: 'Number of IPv6 addresses in use, per pool',
};

function poolGauges() {
  return Object.entries(POOL_GAUGES).map(
    ([field, help]) =>
      [
        field as keyof AllocatorMetricValues,
        sharedGauge(`metallb_allocator_${field}`, help, ['pool']),
      ] as const,
  );
}

export const k8sClientMetrics = {
  updates: () =>
    sharedCounter(
      'metallb_k8s_client_updates_total',
      'Number of k8s object updates that have been processed',
    ),
  updateErrors: () =>
    sharedCounter(
      'metallb_k8s_client_update_errors_total',
      'Number of k8s object updates that failed for some reason',
    ),
  configLoaded: () =>
    sharedGauge(
      'metallb_k8s_client_config_loaded_bool',
      '1 if the MetalLB configuration was successfully loaded at least once',
    ),
  configStale: () =>
    sharedGauge(
      'metallb_k8s_client_config_stale_bool',
      '1 if running on a stale configuration, because the latest config failed to load',
    ),
};

/** Registers every controller metric, so /metrics lists them (at 0) before the first event. */
export function registerControllerMetrics(): void {
  poolGauges();
  k8sClientMetrics.updates();
  k8sClientMetrics.updateErrors();
  k8sClientMetrics.configLoaded();
  k8sClientMetrics.configStale();
}

/** Sets the allocator gauges of one pool, or removes them when the pool is gone (usage undefined). */
export function reportPoolUsage(pool: string, usage: PoolUsage | undefined): void {
  const values = usage && allocatorMetrics(usage);
  for (const [field, gauge] of poolGauges()) {
    if (values) gauge.set({ pool }, values[field]);
    else gauge.remove({ pool });
  }
}
