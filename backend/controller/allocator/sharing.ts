import type { AllocService } from './service-request';

/**
 * Why the Service may not use this already used IP, or undefined if it may. Sharing needs the same
 * non-empty `allow-shared-ip` key, the same backend key (all ETP Cluster, or all ETP Local with the
 * same selector) and no port/protocol used by another Service. A Service alone on an IP may change
 * its key or ports freely.
 *
 * Unlike upstream, the IP's key is always its current users' key: upstream forgets it when sharers
 * without ports release, letting any Service join.
 */
export function sharingError(
  svc: AllocService,
  users: readonly AllocService[],
  ip: string,
): string | undefined {
  const others = users.filter((u) => u.key !== svc.key);
  if (others.length === 0) return undefined;
  const other = others[0]!;
  if (!svc.sharingKey || !other.sharingKey) {
    const who = !other.sharingKey ? other.key : svc.key;
    return `IP ${ip} is already in use by ${other.key} and ${who} does not allow sharing (no metallb.io/allow-shared-ip)`;
  }
  if (svc.sharingKey !== other.sharingKey) {
    return `IP ${ip} is already in use by ${other.key} with sharing key "${other.sharingKey}", not "${svc.sharingKey}"`;
  }
  if (svc.backendKey !== other.backendKey) {
    return `IP ${ip} is already in use by ${other.key} with different backends: services sharing an IP must all use externalTrafficPolicy Cluster, or all Local with the same selector`;
  }
  for (const p of svc.ports) {
    const holder = others.find((o) => o.ports.some((q) => q.port === p.port && q.protocol === p.protocol));
    if (holder) return `port ${p.protocol}/${p.port} on IP ${ip} is already used by ${holder.key}`;
  }
  return undefined;
}
