// Why a Service has its IPs, or not, computed with the controller's own code: loadConfig turns the
// pools into the allocator's, convergeService (the controller's per-Service step) decides, and
// one trial per pool (allocateFromPool / assign, released at once) says why each pool would refuse.
// The allocator's state is rebuilt from the live Services the way a restarted controller rebuilds
// it: every Service holding IPs converges first (keeping them while they stay valid).
import { isOurLoadBalancerClass } from '../../api/load-balancer-class';
import type { PoolVerdict, Reason } from '../../api/explain/types';
import { Allocator } from '../controller/allocator/allocator';
import { convergeService } from '../controller/allocator/converge';
import { comparePools, poolAllowsService, poolPinnedFor, type Pool } from '../controller/allocator/pool';
import {
  ANNOTATION_ADDRESS_POOL,
  allocService,
  metallbAnnotation,
  requestedIPs,
  serviceFamilies,
  type AllocService,
  type ServiceInput,
} from '../controller/allocator/service-request';
import { loadConfig } from '../controller/config-load';
import { keyOf, type ClusterSnapshot } from './snapshot';

export interface Allocation {
  ingressIPs: string[];
  pool?: string;
}

export interface ControllerModel {
  allocator: Allocator;
  pools: Pool[];
  configErrors: string[];
}

/** Whether the controller handles the Service at all. */
export function isOurs(svc: ServiceInput & { spec?: { loadBalancerClass?: string } }, lbClass?: string) {
  return svc.spec?.type === 'LoadBalancer' && isOurLoadBalancerClass(svc, lbClass);
}

const heldIPs = (svc: ServiceInput) =>
  (svc.status?.loadBalancer?.ingress ?? []).flatMap((i) => (i.ip ? [i.ip] : []));
const statusIPs = (svc: ServiceInput) => heldIPs(svc).length;

/** The controller's pools and an allocator holding every live allocation but `except`'s. */
export function controllerModel(snap: ClusterSnapshot, except?: string): ControllerModel {
  const config = loadConfig(
    { pools: snap.pools, communities: snap.communities, namespaces: snap.namespaces },
    snap.namespace,
    snap.bgpType,
  );
  const allocator = new Allocator();
  const pools = config.ok ? config.pools : [];
  allocator.setPools(pools);
  const ours = snap.services.filter((s) => isOurs(s, snap.lbClass) && keyOf(s) !== except);
  // A running controller holds every allocation when the configuration changes and keeps those
  // still inside a pool; the Services whose IPs fell out look for new ones only after that.
  const holders = sortByKey(ours.filter((s) => statusIPs(s) > 0));
  const valid: ServiceInput[] = [];
  const fellOut: ServiceInput[] = [];
  for (const s of holders) (allocator.poolFor(heldIPs(s)) !== undefined ? valid : fellOut).push(s);
  for (const svc of valid) convergeService(allocator, svc);
  for (const svc of fellOut) convergeService(allocator, svc);
  return { allocator, pools, configErrors: config.ok ? [] : config.errors };
}

/**
 * What the controller gives every one of its Services: the live allocations kept while valid,
 * the others (and pending Services) allocated in key order. The preview's before and after.
 */
export function simulateAllocations(snap: ClusterSnapshot): Map<string, Allocation> {
  const model = controllerModel(snap);
  const out = new Map<string, Allocation>();
  const ours = sortByKey(snap.services.filter((s) => isOurs(s, snap.lbClass)));
  for (const svc of ours.filter((s) => statusIPs(s) === 0)) convergeService(model.allocator, svc);
  for (const svc of ours) {
    const a = model.allocator.allocation(keyOf(svc));
    out.set(keyOf(svc), a ? { ingressIPs: a.ips, pool: a.pool } : { ingressIPs: [] });
  }
  return out;
}

/** The Service's allocation as the controller computes it, and every pool's verdict. */
export function explainAllocation(
  snap: ClusterSnapshot,
  svc: V1ServiceLike,
): { computed: Allocation; pools: PoolVerdict[]; configErrors: string[] } {
  const key = keyOf(svc);
  const model = controllerModel(snap, key);
  const trials = trialVerdicts(model, svc);
  const r = convergeService(model.allocator, svc);
  const computed: Allocation = { ingressIPs: r.ingressIPs, ...(r.pool ? { pool: r.pool } : {}) };
  const pools = [...model.pools].sort(comparePools).map((p): PoolVerdict => {
    if (computed.pool === p.name) return { pool: p.name, outcome: 'used', reason: reason('poolUsed', p) };
    const t = trials.get(p.name)!;
    if (t === 'usable') {
      return {
        pool: p.name,
        outcome: 'usable',
        reason: reason('poolNotChosen', p, computed.pool ? { chosen: computed.pool } : {}),
      };
    }
    return { pool: p.name, outcome: 'refused', reason: t };
  });
  return { computed, pools, configErrors: model.configErrors };
}

export type V1ServiceLike = ServiceInput & { spec?: { loadBalancerClass?: string } };

/** Per pool: 'usable', or the reason the Service cannot get IPs from it. */
function trialVerdicts(model: ControllerModel, svc: V1ServiceLike): Map<string, Reason | 'usable'> {
  const out = new Map<string, Reason | 'usable'>();
  const fam = serviceFamilies(svc);
  const families = 'error' in fam || fam.families.length === 0 ? undefined : fam.families;
  const a = families && allocService(svc, families);
  const wantedPool = metallbAnnotation(svc, ANNOTATION_ADDRESS_POOL);
  const req = requestedIPs(svc);
  const requested = 'error' in req ? [] : req.ips;
  const home = requested.length > 0 ? model.allocator.poolFor(requested) : undefined;
  for (const p of model.pools) {
    out.set(p.name, verdict(model.allocator, p, svc, a, { wantedPool, requested, home }));
  }
  return out;
}

interface Request {
  wantedPool: string | undefined;
  requested: string[];
  home: string | undefined;
}

/** The first refusal in the controller's order of checks, or 'usable' (the trial succeeded). */
function verdict(
  allocator: Allocator,
  p: Pool,
  svc: V1ServiceLike,
  a: AllocService | undefined,
  req: Request,
): Reason | 'usable' {
  const ns = svc.metadata?.namespace ?? '';
  const labels = svc.metadata?.labels ?? {};
  if (req.wantedPool !== undefined && req.wantedPool !== p.name) {
    return reason('poolNotRequested', p, { requested: req.wantedPool });
  }
  if (req.requested.length > 0 && req.home !== p.name) {
    return reason('poolLacksRequestedIP', p, { ips: req.requested.join(', ') });
  }
  // The allocator's own predicate, asked about the namespaces and the selectors separately.
  const sa = p.serviceAllocation;
  if (sa && !poolAllowsService({ ...p, serviceAllocation: { ...sa, serviceSelectors: [] } }, ns, labels)) {
    return reason('poolNamespaceNotSelected', p, { namespace: ns });
  }
  if (!poolAllowsService(p, ns, labels)) return reason('poolServiceNotSelected', p);
  const automatic = req.wantedPool === undefined && req.requested.length === 0;
  if (automatic && !p.autoAssign) return reason('poolAutoAssignDisabled', p);
  if (automatic && sa && !poolPinnedFor(p, ns)) return reason('poolNotPinned', p);
  if (!a) return 'usable'; // no families yet: the controller waits for clusterIPs
  const r =
    req.requested.length > 0 ? allocator.assign(a, req.requested) : allocator.allocateFromPool(a, p.name);
  if (r.ok) {
    allocator.release(a.key);
    return 'usable';
  }
  return classify(r.error, p);
}

/** The allocator's refusals, as codes (its message stays as the detail). */
export function classify(error: string, p: Pool): Reason {
  const family = /has no (IPv4|IPv6) addresses/.exec(error);
  if (family) return reason('poolFamilyMismatch', p, { family: family[1]! });
  if (/no available IPs in pool/.test(error)) return reason('poolExhausted', p);
  const inUse = /IP (\S+) is already in use by (\S+)/.exec(error);
  if (inUse) return reason('sharingConflict', p, { ip: inUse[1]!, holder: inUse[2]!, detail: error });
  const port = /port (\S+) on IP (\S+) is already used by (\S+)/.exec(error);
  if (port) return reason('sharingConflict', p, { ip: port[2]!, holder: port[3]!, detail: error });
  return reason('allocatorError', p, { detail: error });
}

function reason(code: Reason['code'], p: Pool, params: Record<string, string> = {}): Reason {
  return { code, params: { pool: p.name, ...params } };
}

function sortByKey<T extends ServiceInput>(list: T[]): T[] {
  // Keys built once, not twice per comparison (10,000 Services: ~500,000 strings).
  const keyed = list.map((svc) => ({ svc, key: keyOf(svc) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map((k) => k.svc);
}
