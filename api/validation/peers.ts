// Rules on one BGPPeer: ASNs, addresses, timers, selectors, password versus secret, and the
// references to a password Secret and a BFDProfile (missing ones are transient: they may be
// created after the peer).
import { parseIP } from '../ip-ranges';
import type { BGPPeer } from '../types';
import type { SecretInput } from './config-input';
import type { IssueCollector, ObjectRef } from './issues';
import { selectorListProblems } from './label-selector';
import { nameOf } from './object-names';
import { timerProblems } from './peer-timers';

export const BASIC_AUTH_SECRET_TYPE = 'kubernetes.io/basic-auth';
const UINT32_MAX = 0xffff_ffff;

export interface PeerContext {
  namespace: string;
  /** undefined when Secrets are not known. */
  secrets: readonly SecretInput[] | undefined;
  /** undefined when BFDProfiles are not known. */
  bfdProfileNames: ReadonlySet<string> | undefined;
}

function isUint32(n: unknown, min = 0): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= min && n <= UINT32_MAX;
}

function checkASNs(ref: ObjectRef, peer: BGPPeer, out: IssueCollector): void {
  const s = peer.spec;
  if (s.myASN === undefined || s.myASN === 0) {
    out.error(ref, 'spec.myASN', 'missing local ASN: myASN must be 1-4294967295');
  } else if (!isUint32(s.myASN)) {
    out.error(ref, 'spec.myASN', `invalid myASN ${s.myASN}: must be 1-4294967295`);
  }
  const hasPeerASN = s.peerASN !== undefined && s.peerASN !== 0;
  const hasDynamic = s.dynamicASN !== undefined && (s.dynamicASN as string) !== '';
  if (!hasPeerASN && !hasDynamic) {
    out.error(ref, 'spec.peerASN', 'missing peer ASN and dynamicASN: exactly one of them is required');
  } else if (hasPeerASN && hasDynamic) {
    out.error(ref, 'spec.dynamicASN', 'both peerASN and dynamicASN specified: they are mutually exclusive');
  }
  if (hasPeerASN && !isUint32(s.peerASN)) {
    out.error(ref, 'spec.peerASN', `invalid peerASN ${s.peerASN}: must be 1-4294967295`);
  }
  if (hasDynamic && s.dynamicASN !== 'internal' && s.dynamicASN !== 'external') {
    out.error(
      ref,
      'spec.dynamicASN',
      `invalid dynamicASN ${JSON.stringify(s.dynamicASN)}: must be internal or external`,
    );
  }
  if (s.localASN !== undefined && !isUint32(s.localASN, 1)) {
    out.error(ref, 'spec.localASN', `invalid localASN ${s.localASN}: must be 1-4294967295`);
  }
  const ibgp = (hasPeerASN && s.peerASN === s.myASN) || s.dynamicASN === 'internal';
  if (s.ebgpMultiHop && ibgp) {
    out.error(
      ref,
      'spec.ebgpMultiHop',
      'invalid ebgp-multihop parameter set for an ibgp peer: ebgpMultiHop needs peerASN different from myASN',
    );
  }
}

function checkAddresses(ref: ObjectRef, peer: BGPPeer, out: IssueCollector): void {
  const s = peer.spec;
  const q = JSON.stringify;
  if (!s.peerAddress && !s.interface) {
    out.error(
      ref,
      'spec.peerAddress',
      'peer has no peerAddress or interface specified: exactly one is required',
    );
  } else if (s.peerAddress && s.interface) {
    out.error(
      ref,
      'spec.interface',
      'peer has both peerAddress and interface specified: they are mutually exclusive',
    );
  }
  if (s.peerAddress && !parseIP(s.peerAddress)) {
    out.error(
      ref,
      'spec.peerAddress',
      `invalid BGPPeer address ${q(s.peerAddress)}: must be an IPv4 or IPv6 address`,
    );
  }
  if (s.sourceAddress && !parseIP(s.sourceAddress)) {
    out.error(ref, 'spec.sourceAddress', `invalid source IP ${q(s.sourceAddress)}`);
  }
  if (s.routerID) {
    const ip = parseIP(s.routerID);
    if (!ip) out.error(ref, 'spec.routerID', `invalid router ID ${q(s.routerID)}: must be an IPv4 address`);
    else if (ip.family !== 4)
      out.error(
        ref,
        'spec.routerID',
        `invalid router ID ${q(s.routerID)}: a BGP router ID is a 32-bit IPv4 address`,
      );
  }
  // These strings end up in FRR's configuration file, where a newline would inject configuration.
  for (const field of ['interface', 'vrf', 'password'] as const) {
    const v = s[field];
    if (typeof v === 'string' && /[\r\n]/.test(v)) {
      out.error(ref, `spec.${field}`, `${field} contains invalid characters (line breaks)`);
    }
  }
  if (s.peerPort !== undefined && (!Number.isInteger(s.peerPort) || s.peerPort < 1 || s.peerPort > 16384)) {
    out.error(ref, 'spec.peerPort', `invalid peerPort ${s.peerPort}: must be 1-16384`);
  }
}

function hasKey(obj: Record<string, string> | undefined, key: string): boolean {
  return !!obj && Object.prototype.hasOwnProperty.call(obj, key);
}

/** Linux's TCP_MD5SIG_MAXKEYLEN: a longer key cannot be installed on a socket. */
export const TCP_MD5_MAX_KEY_BYTES = 80;

function checkPassword(ref: ObjectRef, peer: BGPPeer, ctx: PeerContext, out: IssueCollector): void {
  const s = peer.spec;
  const bytes = s.password ? new TextEncoder().encode(s.password).length : 0;
  if (bytes > TCP_MD5_MAX_KEY_BYTES) {
    out.error(
      ref,
      'spec.password',
      `the password is ${bytes} bytes long: TCP-MD5 keys are at most ${TCP_MD5_MAX_KEY_BYTES} bytes`,
    );
  }
  const secretName = s.passwordSecret?.name;
  if (!secretName) return;
  if (s.password) {
    out.error(
      ref,
      'spec.passwordSecret',
      'can not have both password and passwordSecret set: use one of them',
    );
  }
  const secretRef: ObjectRef = { kind: 'Secret', name: secretName };
  const ns = s.passwordSecret?.namespace;
  if (ns && ns !== ctx.namespace) {
    out.error(
      ref,
      'spec.passwordSecret.namespace',
      `the password secret must be in the MetalLB namespace ${JSON.stringify(ctx.namespace)}, not ${JSON.stringify(ns)}`,
    );
    return;
  }
  if (!ctx.secrets) return;
  const secret = ctx.secrets.find(
    (x) => x.metadata.name === secretName && (x.metadata.namespace ?? ctx.namespace) === ctx.namespace,
  );
  if (!secret) {
    out.transient(
      ref,
      'spec.passwordSecret.name',
      `secret ref not found: Secret ${JSON.stringify(secretName)} does not exist in namespace ${JSON.stringify(ctx.namespace)} (yet)`,
      secretRef,
    );
    return;
  }
  if (secret.type !== BASIC_AUTH_SECRET_TYPE) {
    out.error(
      ref,
      'spec.passwordSecret.name',
      `secret type mismatch on Secret ${JSON.stringify(secretName)}: type ${JSON.stringify(BASIC_AUTH_SECRET_TYPE)} is expected, got ${JSON.stringify(secret.type ?? 'Opaque')}`,
      secretRef,
    );
    return;
  }
  if (!hasKey(secret.data, 'password') && !hasKey(secret.stringData, 'password')) {
    out.error(
      ref,
      'spec.passwordSecret.name',
      `password not specified in the Secret ${JSON.stringify(secretName)} (key "password")`,
      secretRef,
    );
  }
}

export function checkPeer(peer: BGPPeer, ctx: PeerContext, out: IssueCollector): void {
  const ref: ObjectRef = { kind: 'BGPPeer', name: nameOf(peer) };
  if (!peer.spec) {
    out.error(ref, 'spec', 'spec is required');
    return;
  }
  checkASNs(ref, peer, out);
  checkAddresses(ref, peer, out);
  for (const p of timerProblems(peer.spec)) out.error(ref, p.field, p.detail);
  for (const p of selectorListProblems(peer.spec.nodeSelectors, 'spec.nodeSelectors'))
    out.error(ref, p.field, p.detail);
  checkPassword(ref, peer, ctx, out);
  const profile = peer.spec.bfdProfile;
  if (profile && ctx.bfdProfileNames && !ctx.bfdProfileNames.has(profile)) {
    out.transient(
      ref,
      'spec.bfdProfile',
      `peer references non existing BFDProfile ${JSON.stringify(profile)} (it may not be created yet)`,
      { kind: 'BFDProfile', name: profile },
    );
  }
  if (peer.spec.disableMP) {
    out.warning(
      ref,
      'spec.disableMP',
      'disableMP is deprecated and has no effect; use dualStackAddressFamily instead',
    );
  }
}
