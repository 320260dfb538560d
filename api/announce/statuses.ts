// The ServiceL2Status / ServiceBGPStatus content this node should have, keyed by Service
// (`namespace/name`). Object names (generateName) and metadata are the writer's business.
import type { ServiceBGPStatusStatus, ServiceL2StatusStatus } from '../types';
import type { BGPPlan } from './bgp';
import type { L2Plan } from './l2';

/**
 * Statuses by the announcement they were made from. A speaker reuses its announcements from pass
 * to pass (service-memo.ts) and keeps one of these, so its status writers see the same objects and
 * compare nothing; one-off plans (the backend's, for every node) pass none.
 */
export type StatusMemo = WeakMap<object, object>;

function remembered<S extends object>(memo: StatusMemo | undefined, a: object, make: () => S): S {
  const known = memo?.get(a);
  if (known) return known as S;
  const status = make();
  memo?.set(a, status);
  return status;
}

/** One ServiceL2Status per announced Service; interfaces only when not announced on all of them. */
export function desiredL2Statuses(
  node: string,
  plan: L2Plan,
  memo?: StatusMemo,
): Map<string, ServiceL2StatusStatus> {
  const out = new Map<string, ServiceL2StatusStatus>();
  for (const a of plan.announce) {
    out.set(
      a.key,
      remembered(memo, a, () => ({
        node,
        serviceName: a.service.name,
        serviceNamespace: a.service.namespace,
        ...(a.interfaces === 'all' ? {} : { interfaces: a.interfaces.map((name) => ({ name })) }),
      })),
    );
  }
  return out;
}

/**
 * The ServiceL2Statuses this node may claim: only Services some interface really answers for,
 * naming exactly those interfaces (the wire, not the plan, is the truth).
 */
export function answeringL2Statuses(
  desired: ReadonlyMap<string, ServiceL2StatusStatus>,
  answering: ReadonlyMap<string, readonly string[]>,
): Map<string, ServiceL2StatusStatus> {
  const out = new Map<string, ServiceL2StatusStatus>();
  for (const [key, status] of desired) {
    const names = answering.get(key);
    if (names && names.length > 0) out.set(key, { ...status, interfaces: names.map((name) => ({ name })) });
  }
  return out;
}

/** One ServiceBGPStatus per advertised Service that some peer receives (none when no peer does). */
export function desiredBGPStatuses(
  node: string,
  plan: BGPPlan,
  memo?: StatusMemo,
): Map<string, ServiceBGPStatusStatus> {
  const out = new Map<string, ServiceBGPStatusStatus>();
  for (const a of plan.announce) {
    if (a.peers.length === 0) continue;
    out.set(
      a.key,
      remembered(memo, a, () => ({
        node,
        serviceName: a.service.name,
        serviceNamespace: a.service.namespace,
        peers: [...a.peers],
      })),
    );
  }
  return out;
}
