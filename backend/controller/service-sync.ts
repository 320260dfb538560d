// One Service, once: converge it against the allocator (synchronously, so allocation decisions are
// made one at a time, in queue order), write the result, then report it (events, the log line).
import { isOurLoadBalancerClass } from '../../api/load-balancer-class';
import type { V1Service } from '@kubernetes/client-node';
import { convergeService, forgetService, type ConvergeResult } from './allocator/converge';
import { ANNOTATION_ALLOCATED_FROM_POOL, familyPolicy } from './allocator/service-request';
import type { Allocator } from './allocator/allocator';
import type { EventRecorder } from '../../k8s/event-recorder';
import type { ApiClient } from '../../k8s/api-client';
import { isStatus } from '../../k8s/errors';
import type { Logger } from '../../k8s/log';
import { k8sClientMetrics } from './metrics';
import { servicePath, writeServiceStatus } from './service-status';
import type { ControllerSettings } from './settings';
import type { WorkQueue } from './work-queue';

/** What syncing a Service needs from the leading session. */
export interface SyncSession {
  readonly d: { client: ApiClient; log: Logger; settings: ControllerSettings; recorder: EventRecorder };
  readonly allocator: Allocator;
  readonly queue: WorkQueue;
  readonly waiting: Set<string>;
  readonly fresh: Map<string, V1Service>;
  writing: number;
  readonly active: boolean;
  current(key: string): V1Service | undefined;
  mayWrite(): boolean;
  reprocessWaiting(except: string): void;
}

export async function syncService(s: SyncSession, key: string): Promise<void> {
  const { client, settings, recorder } = s.d;
  k8sClientMetrics.updates().inc();
  const svc = s.current(key);
  if (!svc || !isOurLoadBalancerClass(svc, settings.lbClass)) {
    await forget(s, key, svc);
    return;
  }
  const r = convergeService(s.allocator, svc);
  const missingFamily =
    familyPolicy(svc) === 'PreferDualStack' &&
    (svc.spec?.clusterIPs?.length ?? 0) === 2 &&
    r.ingressIPs.length === 1;
  if (r.retry || missingFamily) s.waiting.add(key);
  else s.waiting.delete(key);
  if (r.reprocessAll) s.reprocessWaiting(key);
  if (r.changed) {
    if (!s.mayWrite()) return;
    s.writing++;
    try {
      s.fresh.set(key, await writeServiceStatus(client, svc, r));
    } catch (err) {
      if (!s.active || isStatus(err, 404)) return; // deleted meanwhile: the watch tells us
      if (isStatus(err, 409)) {
        // Someone else changed it: converge again from the fresh copy.
        const { namespace = '', name = '' } = svc.metadata ?? {};
        s.fresh.set(key, await client.get<V1Service>(servicePath(namespace, name)));
        s.queue.add(key);
        return;
      }
      throw err;
    } finally {
      s.writing--;
    }
    logAssignment(s, key, svc, r);
  }
  s.queue.forget(key);
  if (r.events.length > 0 && s.mayWrite()) {
    const target = {
      kind: 'Service',
      apiVersion: 'v1',
      namespace: svc.metadata?.namespace ?? '',
      name: svc.metadata?.name ?? '',
      uid: svc.metadata?.uid,
      resourceVersion: svc.metadata?.resourceVersion,
    };
    for (const e of r.events) recorder.record(target, e);
  }
}

/** The Service is gone, or no longer of our class: free its IPs and re-offer them. */
async function forget(s: SyncSession, key: string, svc: V1Service | undefined): Promise<void> {
  s.waiting.delete(key);
  s.fresh.delete(key);
  if (!forgetService(s.allocator, key).reprocessAll) return;
  s.d.log.info(
    { service: key },
    svc ? 'service left our class; its IPs are free' : 'service deleted; its IPs are free',
  );
  s.reprocessWaiting(key);
  // A type change away from LoadBalancer also drops the class: our annotation stays behind.
  const pool = svc?.metadata?.annotations?.[ANNOTATION_ALLOCATED_FROM_POOL];
  if (svc && svc.spec?.type !== 'LoadBalancer' && pool && s.mayWrite()) {
    await writeServiceStatus(s.d.client, svc, { ingressIPs: [], pool: undefined }).catch((err: Error) =>
      s.d.log.warn({ service: key, err: err.message }, 'could not clear the pool annotation'),
    );
  }
}

/** Upstream's log line per assignment, once it is written. */
function logAssignment(s: SyncSession, key: string, svc: V1Service, r: ConvergeResult): void {
  const before = new Set((svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip));
  for (const e of r.events) {
    if (e.reason !== 'IPAllocated') continue;
    const additional = e.message.startsWith('Assigned additional IP');
    s.d.log.info(
      {
        event: 'ipAllocated',
        ip: additional ? r.ingressIPs.find((ip) => !before.has(ip)) : r.ingressIPs,
        service: key,
        pool: r.pool,
      },
      additional ? 'Additional IP address assigned by controller' : 'IP address assigned by controller',
    );
  }
}
