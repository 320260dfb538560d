import { describe, expect, it } from 'vitest';
import type { BFDProfile, BGPPeer, IPAddressPool } from '../../api/types';
import type { ConfigInput } from '../../api/validation';
import { reviewAdmission } from './admission-review';

const opts = { namespace: 'metallb-system', bgpType: 'native' as const };
const pool = (name: string, addresses: string[], namespace = 'metallb-system'): IPAddressPool => ({
  apiVersion: 'metallb.io/v1beta1',
  kind: 'IPAddressPool',
  metadata: { name, namespace },
  spec: { addresses },
});
const review = (request: Record<string, unknown>) => ({
  apiVersion: 'admission.k8s.io/v1',
  kind: 'AdmissionReview',
  request: { uid: 'u-1', operation: 'CREATE', namespace: 'metallb-system', ...request },
});
type Response = { response: { uid: string; allowed: boolean; status?: { message: string; code: number } } };

describe('reviewAdmission', () => {
  it('allows a valid pool and echoes the request uid', () => {
    const r = reviewAdmission(review({ object: pool('a', ['192.0.2.0/24']) }), 'IPAddressPool', {}, opts);
    expect(r.status).toBe(200);
    expect((r.body as Response).response).toMatchObject({ uid: 'u-1', allowed: true });
  });

  it('refuses an overlapping pool naming the field and the other pool', () => {
    const existing: ConfigInput = { ipAddressPools: [pool('b', ['192.0.2.128/25'])] };
    const r = reviewAdmission(
      review({ object: pool('a', ['192.0.2.0/24']) }),
      'IPAddressPool',
      existing,
      opts,
    );
    const res = (r.body as Response).response;
    expect(res.allowed).toBe(false);
    expect(res.status?.code).toBe(403);
    expect(res.status?.message).toContain('spec.addresses[0]');
    expect(res.status?.message).toContain('IPAddressPool "b"');
  });

  it('refuses objects outside the MetalLB namespace', () => {
    const r = reviewAdmission(
      review({ namespace: 'default', object: pool('a', ['192.0.2.0/24'], 'default') }),
      'IPAddressPool',
      {},
      opts,
    );
    expect((r.body as Response).response.status?.message).toContain('must be created in metallb-system');
  });

  it('refuses deleting a BFDProfile a BGPPeer uses', () => {
    const profile: BFDProfile = {
      apiVersion: 'metallb.io/v1beta1',
      kind: 'BFDProfile',
      metadata: { name: 'fast', namespace: 'metallb-system' },
      spec: {},
    };
    const peer: BGPPeer = {
      apiVersion: 'metallb.io/v1beta2',
      kind: 'BGPPeer',
      metadata: { name: 'r1', namespace: 'metallb-system' },
      spec: { myASN: 64500, peerASN: 64501, peerAddress: '198.51.100.1', bfdProfile: 'fast' },
    };
    const r = reviewAdmission(
      review({ operation: 'DELETE', oldObject: profile }),
      'BFDProfile',
      { bgpPeers: [peer] },
      opts,
    );
    expect((r.body as Response).response.status?.message).toContain('used by BGPPeer "r1"');
  });

  it('refuses an object of another kind than the webhook validates', () => {
    const r = reviewAdmission(review({ object: pool('a', ['192.0.2.0/24']) }), 'BGPPeer', {}, opts);
    expect((r.body as Response).response).toMatchObject({ allowed: false });
  });

  it.each([
    ['a string', 'hello', /JSON object/],
    ['an array', [1, 2], /JSON object/],
    ['null', null, /JSON object/],
    ['another kind', { apiVersion: 'v1', kind: 'Pod' }, /AdmissionReview/],
    ['no request', { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview' }, /no request/],
    [
      'no uid',
      { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: { operation: 'CREATE' } },
      /uid/,
    ],
    ['a bad operation', review({ operation: 'EXPLODE' }), /operation/],
    ['no object', review({}), /request.object/],
    [
      'an object without metadata',
      review({ object: { kind: 'IPAddressPool', apiVersion: 'metallb.io/v1beta1' } }),
      /request.object/,
    ],
  ])('answers 400 with a reason for %s', (_what, body, reason) => {
    const r = reviewAdmission(body, 'IPAddressPool', {}, opts);
    expect(r.status).toBe(400);
    expect((r.body as { error: string }).error).toMatch(reason);
  });

  it('refuses, rather than crashes on, a spec of the wrong shape', () => {
    const bad = { ...pool('a', []), spec: { addresses: 'not-a-list' } };
    const r = reviewAdmission(review({ object: bad }), 'IPAddressPool', {}, opts);
    expect(r.status).toBe(200);
    expect((r.body as Response).response.allowed).toBe(false);
  });
});
