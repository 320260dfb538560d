// The admission decision for one incoming object, as the validating webhooks make it: build the
// candidate configuration (the existing objects with the incoming one added or replaced), validate
// it, and refuse on errors that involve the incoming object. Errors among existing objects only are
// returned as warnings, so a broken configuration can still be repaired one object at a time.
import { bgpPeerV1beta1ToV1beta2 } from '../conversion/bgppeer';
import type {
  BFDProfile,
  BGPAdvertisement,
  BGPPeer,
  BGPPeerV1beta1,
  Community,
  IPAddressPool,
  L2Advertisement,
  MetalLB,
  MetalLBObject,
  ObjectMeta,
} from '../types';
import type { ConfigInput, ValidateOptions } from './config-input';
import { IssueCollector, type ObjectRef, type ValidationIssue, type ValidationResult } from './issues';
import { METALLB_INSTANCE_NAME, validateMetalLB } from './metallb-instance';
import { nameOf } from './object-names';
import { resetAdvertisementTransientFields, resetPeerTransientFields } from './transient-reset';
import { validateConfig } from './validate-config';

export type AdmissionOperation = 'CREATE' | 'UPDATE' | 'DELETE';

/** Any object a metallb.io webhook may receive (status kinds are accepted without checks). */
export type AdmissionObject =
  MetalLBObject | BGPPeerV1beta1 | { apiVersion: string; kind: string; metadata: ObjectMeta; spec?: unknown };

/** `obj.metadata.namespace` must be set (from AdmissionRequest.namespace when the object lacks it). */
export interface AdmissionOptions extends Omit<ValidateOptions, 'focus'> {
  /** The stored object on UPDATE, for immutable fields. */
  oldObject?: AdmissionObject;
}

export interface AdmissionResult extends ValidationResult {
  allowed: boolean;
}

function involves(issue: ValidationIssue, ref: ObjectRef): boolean {
  const c = issue.conflictsWith;
  return (
    (issue.kind === ref.kind && issue.name === ref.name) ||
    (!!c && c.kind === ref.kind && c.name === ref.name)
  );
}

function replaced<T extends { metadata: ObjectMeta }>(list: T[] | undefined, obj: T, namespace: string): T[] {
  const name = nameOf(obj);
  return [
    ...(list ?? []).filter((o) => nameOf(o) !== name && (o.metadata.namespace ?? namespace) === namespace),
    obj,
  ];
}

function inNamespace<T extends { metadata: ObjectMeta }>(list: T[] | undefined, namespace: string): T[] {
  return (list ?? []).filter((o) => (o.metadata.namespace ?? namespace) === namespace);
}

/**
 * The objects each webhook validates together (upstream's table, plus the BGPAdvertisements for a
 * pool so a pool change that breaks an advertisement's aggregation length is refused up front).
 * Existing peers and advertisements get upstream's transient-field reset; lists of referenced kinds
 * (BFDProfiles, Secrets, Communities) are left unknown so dangling references are not judged here.
 */
function candidate(obj: MetalLBObject, existing: ConfigInput, ns: string): ConfigInput | undefined {
  const pools = inNamespace(existing.ipAddressPools, ns);
  const ads = inNamespace(existing.bgpAdvertisements, ns).map(resetAdvertisementTransientFields);
  switch (obj.kind) {
    case 'IPAddressPool':
      return { ipAddressPools: replaced(pools, obj as IPAddressPool, ns), bgpAdvertisements: ads };
    case 'L2Advertisement':
      return {
        l2Advertisements: replaced(existing.l2Advertisements, obj as L2Advertisement, ns),
        ipAddressPools: pools,
      };
    case 'BGPAdvertisement':
      return {
        bgpAdvertisements: replaced(ads, obj as BGPAdvertisement, ns),
        ipAddressPools: pools,
        nodes: existing.nodes,
      };
    case 'Community':
      return { communities: replaced(existing.communities, obj as Community, ns) };
    case 'BGPPeer': {
      const peers = inNamespace(existing.bgpPeers, ns).map(resetPeerTransientFields);
      return { bgpPeers: replaced(peers, obj as BGPPeer, ns), nodes: existing.nodes };
    }
    case 'BFDProfile':
      return { bfdProfiles: replaced(existing.bfdProfiles, obj as BFDProfile, ns) };
    default:
      return undefined;
  }
}

function finish(out: IssueCollector): AdmissionResult {
  return { allowed: out.result.errors.length === 0, ...out.result };
}

function checkDelete(
  obj: AdmissionObject,
  existing: ConfigInput,
  ns: string,
  ref: ObjectRef,
  out: IssueCollector,
) {
  if (obj.kind !== 'BFDProfile' || (obj.metadata?.namespace ?? ns) !== ns) return;
  for (const peer of inNamespace(existing.bgpPeers, ns)) {
    if (peer.spec?.bfdProfile === ref.name) {
      out.error(
        ref,
        'metadata.name',
        `failed to delete BFDProfile ${JSON.stringify(ref.name)}, used by BGPPeer ${JSON.stringify(nameOf(peer))}`,
        { kind: 'BGPPeer', name: nameOf(peer), field: 'spec.bfdProfile' },
      );
    }
  }
}

function checkImmutable(
  obj: MetalLBObject,
  old: AdmissionObject | undefined,
  ref: ObjectRef,
  out: IssueCollector,
) {
  if (obj.kind !== 'BGPPeer' || old?.kind !== 'BGPPeer') return;
  const before = !!(old as BGPPeer).spec?.enableGracefulRestart;
  const after = !!obj.spec?.enableGracefulRestart;
  if (before !== after) {
    out.error(ref, 'spec.enableGracefulRestart', 'EnableGracefulRestart cannot be changed after creation');
  }
}

export function validateAdmission(
  op: AdmissionOperation,
  obj: AdmissionObject,
  existing: ConfigInput,
  opts: AdmissionOptions,
): AdmissionResult {
  const out = new IssueCollector();
  const ref: ObjectRef = { kind: obj.kind, name: nameOf(obj) };
  if (op === 'DELETE') {
    checkDelete(obj, existing, opts.namespace, ref, out);
    return finish(out);
  }
  const ns = obj.metadata?.namespace;
  if (ns !== opts.namespace) {
    if (op === 'CREATE') {
      out.error(ref, 'metadata.namespace', `resource must be created in ${opts.namespace} namespace`);
    } else {
      out.warning(
        ref,
        'metadata.namespace',
        `MetalLB ignores objects outside the ${opts.namespace} namespace`,
      );
    }
    return finish(out);
  }
  if (obj.kind === 'MetalLB') {
    if (op === 'CREATE' && ref.name !== METALLB_INSTANCE_NAME) {
      out.error(
        ref,
        'metadata.name',
        `only a single MetalLB instance named ${JSON.stringify(METALLB_INSTANCE_NAME)} is supported`,
      );
    }
    const r = validateMetalLB(obj as MetalLB);
    out.result.errors.push(...r.errors);
    out.result.warnings.push(...r.warnings);
    return finish(out);
  }
  const incoming = (
    obj.kind === 'BGPPeer' && obj.apiVersion === 'metallb.io/v1beta1'
      ? bgpPeerV1beta1ToV1beta2(obj as BGPPeerV1beta1)
      : obj
  ) as MetalLBObject;
  const cfg = candidate(incoming, existing, opts.namespace);
  if (!cfg) return finish(out);
  if (op === 'UPDATE') checkImmutable(incoming, opts.oldObject, ref, out);
  const { oldObject: _old, ...validateOptions } = opts;
  const result = validateConfig(cfg, { ...validateOptions, focus: ref });
  for (const issue of result.errors) {
    if (involves(issue, ref)) out.result.errors.push(issue);
    else
      out.result.warnings.push({ ...issue, message: `existing configuration is invalid: ${issue.message}` });
  }
  out.result.transient.push(...result.transient);
  out.result.warnings.push(...result.warnings.filter((w) => involves(w, ref)));
  return finish(out);
}
