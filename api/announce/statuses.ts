// The ServiceL2Status / ServiceBGPStatus content this node should have, keyed by Service
// (`namespace/name`). Object names (generateName) and metadata are the writer's business.
import type { ServiceBGPStatusStatus, ServiceL2StatusStatus, ServiceStatusCommon } from '../types';
import type { BGPPlan, BGPServiceAnnouncement } from './bgp';
import type { L2Announcement, L2Plan } from './l2';
import type { ServiceRef } from './services';

/**
 * Statuses by the object they were made from: an announcement, or the desired status an answering
 * one copies. A speaker reuses its announcements from pass to pass (service-memo.ts) and keeps one
 * of these, so its status writers see the same objects and compare nothing; one-off plans (the
 * backend's, for every node) pass none.
 */
export type StatusMemo = WeakMap<object, object>;

function remembered<S extends object>(memo: StatusMemo | undefined, from: object, make: () => S): S {
  const known = memo?.get(from);
  if (known) return known as S;
  const status = make();
  memo?.set(from, status);
  return status;
}

/** The status of each announced Service, made once per announcement when there is a memo. */
function statusesOf<A extends { key: string; service: ServiceRef }, S extends ServiceStatusCommon>(
  node: string,
  announced: readonly A[],
  memo: StatusMemo | undefined,
  rest: (a: A) => Omit<S, keyof ServiceStatusCommon>,
): Map<string, S> {
  const out = new Map<string, S>();
  for (const a of announced) {
    const make = () =>
      ({ node, serviceName: a.service.name, serviceNamespace: a.service.namespace, ...rest(a) }) as S;
    out.set(a.key, remembered(memo, a, make));
  }
  return out;
}

/** One ServiceL2Status per announced Service; interfaces only when not announced on all of them. */
export function desiredL2Statuses(
  node: string,
  plan: L2Plan,
  memo?: StatusMemo,
): Map<string, ServiceL2StatusStatus> {
  return statusesOf<L2Announcement, ServiceL2StatusStatus>(node, plan.announce, memo, (a) =>
    a.interfaces === 'all' ? {} : { interfaces: a.interfaces.map((name) => ({ name })) },
  );
}

/**
 * The ServiceL2Statuses this node may claim: only Services some interface really answers for,
 * naming exactly those interfaces (the wire, not the plan, is the truth). With a memo, last pass's
 * object while the same desired status is answered on the same interfaces.
 */
export function answeringL2Statuses(
  desired: ReadonlyMap<string, ServiceL2StatusStatus>,
  answering: ReadonlyMap<string, readonly string[]>,
  memo?: StatusMemo,
): Map<string, ServiceL2StatusStatus> {
  const out = new Map<string, ServiceL2StatusStatus>();
  for (const [key, status] of desired) {
    const names = answering.get(key);
    if (!names || names.length === 0) continue;
    const known = memo?.get(status) as ServiceL2StatusStatus | undefined;
    const same =
      known?.interfaces?.length === names.length && known.interfaces.every((i, k) => i.name === names[k]);
    const answered = same ? known : { ...status, interfaces: names.map((name) => ({ name })) };
    if (!same) memo?.set(status, answered);
    out.set(key, answered);
  }
  return out;
}

/** One ServiceBGPStatus per advertised Service that some peer receives (none when no peer does). */
export function desiredBGPStatuses(
  node: string,
  plan: BGPPlan,
  memo?: StatusMemo,
): Map<string, ServiceBGPStatusStatus> {
  return statusesOf<BGPServiceAnnouncement, ServiceBGPStatusStatus>(
    node,
    plan.announce.filter((a) => a.peers.length > 0),
    memo,
    (a) => ({ peers: [...a.peers] }),
  );
}
