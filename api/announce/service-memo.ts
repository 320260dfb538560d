// A speaker's passes at 10,000 Services mostly follow one Service's change: replanning all of them
// made 35 MB of garbage per pass. Each Service's Layer 2 and BGP outcome depends only on the
// Service, its endpoints and a context the whole pass shares (the node, every Node's labels and
// liveness, the advertisements, peers and communities), so the outcome of the last pass is reused
// while all three are the same objects. Any change to the context replans every Service.
import type { AdvertisementSpec, Route } from './advertisement';
import type { BGPOutcome } from './bgp';
import type { ElectionEndpoint } from './election';
import type { NodeInput } from './inputs';
import type { L2Outcome } from './l2';
import type { StatusMemo } from './statuses';
import { electionNode } from './nodes';
import type { ConsideredService } from './services';

interface Entry<R> {
  svc: ConsideredService;
  endpoints: readonly ElectionEndpoint[] | undefined;
  result: R;
  seen: number;
}

/** The results of one protocol's plan by Service, across passes. */
export class ServiceResults<R> {
  private context: readonly unknown[] = [];
  private readonly entries = new Map<string, Entry<R>>();
  private pass = 0;

  /** Results kept for one plan only (callers without a memo). */
  static fresh<R>(): ServiceResults<R> {
    const r = new ServiceResults<R>();
    r.begin([]);
    return r;
  }

  /** Starts a pass; everything is forgotten when the context differs (element by element). */
  begin(context: readonly unknown[]): void {
    if (context.length !== this.context.length || context.some((c, i) => c !== this.context[i]))
      this.entries.clear();
    this.context = context;
    this.pass++;
  }

  /** Last pass's result when the Service and its endpoints are the same objects; else compute's. */
  get(svc: ConsideredService, endpoints: readonly ElectionEndpoint[] | undefined, compute: () => R): R {
    const e = this.entries.get(svc.key);
    if (e && e.svc === svc && e.endpoints === endpoints) {
      e.seen = this.pass;
      return e.result;
    }
    const result = compute();
    this.entries.set(svc.key, { svc, endpoints, result, seen: this.pass });
    return result;
  }

  /** Forgets the Services this pass did not plan (deleted, or no longer considered). */
  end(): void {
    for (const [key, e] of this.entries) if (e.seen !== this.pass) this.entries.delete(key);
  }
}

/** What a speaker keeps from pass to pass for its node (PlanInput.serviceMemo). */
export class ServicePlanMemo {
  readonly l2 = new ServiceResults<L2Outcome>();
  readonly bgp = new ServiceResults<BGPOutcome>();
  /** The status objects made from the reused announcements (the memo is for one node). */
  readonly statuses: StatusMemo = new WeakMap();
  /** Each BGP session's last routes, by peer. */
  readonly routes = new Map<string, { advertisements: AdvertisementSpec[]; routes: Route[] }>();
}

const nodeSignatures = new WeakMap<NodeInput, string>();

/**
 * The Nodes as the plan reads them (name, labels, NetworkUnavailable) and whether each is alive, as
 * context entries: strings equal while the Node's relevant fields are (heartbeats change neither).
 */
export function nodesContext(nodes: readonly NodeInput[], members: ReadonlySet<string> | null): string[] {
  return nodes.map((n) => {
    let sig = nodeSignatures.get(n);
    if (sig === undefined) nodeSignatures.set(n, (sig = JSON.stringify(electionNode(n))));
    const alive = members === null ? '*' : members.has(n.metadata?.name ?? '') ? '+' : '-';
    return alive + sig;
  });
}
