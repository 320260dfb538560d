import { describe, expect, it } from 'vitest';
import type { BGPPeer, BGPPeerV1beta1 } from '../types';
import {
  bgpPeerV1beta1ToV1beta2,
  bgpPeerV1beta2ToV1beta1,
  ConversionError,
  convertBGPPeer,
  legacyNodeSelectorToLabelSelector,
} from './bgppeer';

const meta = { name: 'p', namespace: 'metallb-system', uid: 'u1', resourceVersion: '7', labels: { a: 'b' } };

const v1: BGPPeerV1beta1 = {
  apiVersion: 'metallb.io/v1beta1',
  kind: 'BGPPeer',
  metadata: meta,
  spec: {
    myASN: 64512,
    peerASN: 64513,
    peerAddress: '10.0.0.1',
    sourceAddress: '10.0.0.2',
    peerPort: 179,
    holdTime: '90s',
    keepaliveTime: '30s',
    routerID: '10.0.0.100',
    password: 'pw',
    bfdProfile: 'fast',
    ebgpMultiHop: true,
    vrf: 'red',
    nodeSelectors: [
      { matchLabels: { 'kubernetes.io/hostname': 'n1' } },
      { matchExpressions: [{ key: 'rack', operator: 'In', values: ['r1', 'r2'] }] },
      {},
    ],
  },
};

const v2: BGPPeer = {
  apiVersion: 'metallb.io/v1beta2',
  kind: 'BGPPeer',
  metadata: meta,
  spec: {
    myASN: 64512,
    dynamicASN: 'external',
    interface: 'eth1',
    connectTime: '5s',
    passwordSecret: { name: 's', namespace: 'metallb-system' },
    enableGracefulRestart: true,
    dualStackAddressFamily: true,
    localASN: 65000,
    disableMP: false,
    nodeSelectors: [
      { matchLabels: { zone: 'a' }, matchExpressions: [{ key: 'bgp', operator: 'Exists' }] },
      { matchExpressions: [{ key: 'rack', operator: 'NotIn', values: ['r9'] }] },
    ],
  },
};

describe('BGPPeer conversion', () => {
  it('converts legacy node selectors to label selectors', () => {
    expect(bgpPeerV1beta1ToV1beta2(v1).spec.nodeSelectors).toEqual([
      { matchLabels: { 'kubernetes.io/hostname': 'n1' } },
      { matchExpressions: [{ key: 'rack', operator: 'In', values: ['r1', 'r2'] }] },
      {},
    ]);
  });

  it('drops empty legacy parts (an empty legacy selector selects everything, like {})', () => {
    expect(legacyNodeSelectorToLabelSelector({ matchLabels: {}, matchExpressions: [] })).toEqual({});
  });

  it('sets apiVersion and keeps metadata and every other field', () => {
    const out = bgpPeerV1beta1ToV1beta2(v1);
    expect(out.apiVersion).toBe('metallb.io/v1beta2');
    expect(out.metadata).toEqual(meta);
    const { nodeSelectors: _a, ...restIn } = v1.spec;
    const { nodeSelectors: _b, ...restOut } = out.spec;
    expect(restOut).toEqual(restIn);
  });

  it('round-trips v1beta1 -> v1beta2 -> v1beta1', () => {
    expect(bgpPeerV1beta2ToV1beta1(bgpPeerV1beta1ToV1beta2(v1))).toEqual(v1);
  });

  it('round-trips v1beta2 -> v1beta1 -> v1beta2, including v1beta2-only fields and Exists', () => {
    expect(bgpPeerV1beta1ToV1beta2(bgpPeerV1beta2ToV1beta1(v2))).toEqual(v2);
  });

  it('gives Exists expressions an empty values list in v1beta1 (values is required there)', () => {
    const out = bgpPeerV1beta2ToV1beta1(v2);
    expect(out.spec.nodeSelectors?.[0]?.matchExpressions).toEqual([
      { key: 'bgp', operator: 'Exists', values: [] },
    ]);
  });

  it('leaves a peer without nodeSelectors without nodeSelectors', () => {
    const { nodeSelectors: _n, ...spec } = v1.spec;
    expect(bgpPeerV1beta1ToV1beta2({ ...v1, spec }).spec).not.toHaveProperty('nodeSelectors');
  });

  it('convertBGPPeer dispatches on the desired version and returns same-version objects unchanged', () => {
    expect(convertBGPPeer(v1, 'metallb.io/v1beta2').apiVersion).toBe('metallb.io/v1beta2');
    expect(convertBGPPeer(v2, 'metallb.io/v1beta1').apiVersion).toBe('metallb.io/v1beta1');
    expect(convertBGPPeer(v2, 'metallb.io/v1beta2')).toBe(v2);
  });

  it('convertBGPPeer refuses unknown versions and kinds', () => {
    expect(() => convertBGPPeer(v1, 'metallb.io/v2')).toThrow(ConversionError);
    expect(() =>
      convertBGPPeer({ ...v1, apiVersion: 'metallb.io/v1alpha1' } as never, 'metallb.io/v1beta2'),
    ).toThrow(/source apiVersion/);
    expect(() => convertBGPPeer({ ...v1, kind: 'IPAddressPool' } as never, 'metallb.io/v1beta2')).toThrow(
      /only BGPPeer/,
    );
  });
});
