// BGPPeer (v1beta2) form values <-> object.
import type { BGPPeer } from '../../../api/types';
import { selectorsOf, selectorValue, type SelectorValue } from '../../forms/selector-field';
import { compact, intText, optionalInt, formMetadata } from '../../forms/values';

export interface PeerFormValues {
  name: string;
  myASN: string;
  peerASN: string;
  dynamicASN: '' | 'internal' | 'external';
  peerAddress: string;
  peerPort: string;
  sourceAddress: string;
  routerID: string;
  holdTime: string;
  keepaliveTime: string;
  bfdProfile: string;
  ebgpMultiHop: boolean;
  enableGracefulRestart: boolean;
  vrf: string;
  passwordSecret: string;
  nodeSelector: SelectorValue;
}

export function emptyPeer(): PeerFormValues {
  return {
    name: '',
    myASN: '',
    peerASN: '',
    dynamicASN: '',
    peerAddress: '',
    peerPort: '',
    sourceAddress: '',
    routerID: '',
    holdTime: '',
    keepaliveTime: '',
    bfdProfile: '',
    ebgpMultiHop: false,
    enableGracefulRestart: false,
    vrf: '',
    passwordSecret: '',
    nodeSelector: selectorValue(undefined),
  };
}

export function peerFromObject(obj: BGPPeer): PeerFormValues {
  const s = obj.spec ?? { myASN: 0 };
  return {
    name: obj.metadata?.name ?? '',
    myASN: intText(s.myASN),
    peerASN: intText(s.peerASN),
    dynamicASN: s.dynamicASN ?? '',
    peerAddress: s.peerAddress ?? '',
    peerPort: intText(s.peerPort),
    sourceAddress: s.sourceAddress ?? '',
    routerID: s.routerID ?? '',
    holdTime: s.holdTime ?? '',
    keepaliveTime: s.keepaliveTime ?? '',
    bfdProfile: s.bfdProfile ?? '',
    ebgpMultiHop: s.ebgpMultiHop ?? false,
    enableGracefulRestart: s.enableGracefulRestart ?? false,
    vrf: s.vrf ?? '',
    passwordSecret: s.passwordSecret?.name ?? '',
    nodeSelector: selectorValue(s.nodeSelectors),
  };
}

const text = (s: string) => s.trim() || undefined;

export function peerToObject(v: PeerFormValues, namespace: string, base?: BGPPeer): BGPPeer {
  const b = base?.spec;
  const flag = (now: boolean, before: boolean | undefined) => (now || before !== undefined ? now : undefined);
  return {
    apiVersion: 'metallb.io/v1beta2',
    kind: 'BGPPeer',
    metadata: formMetadata(v.name, namespace, base),
    spec: compact({
      ...b,
      myASN: optionalInt(v.myASN) ?? Number.NaN,
      peerASN: optionalInt(v.peerASN),
      dynamicASN: v.dynamicASN || undefined,
      peerAddress: text(v.peerAddress),
      peerPort: optionalInt(v.peerPort),
      sourceAddress: text(v.sourceAddress),
      routerID: text(v.routerID),
      holdTime: text(v.holdTime),
      keepaliveTime: text(v.keepaliveTime),
      bfdProfile: text(v.bfdProfile),
      ebgpMultiHop: flag(v.ebgpMultiHop, b?.ebgpMultiHop),
      enableGracefulRestart: flag(v.enableGracefulRestart, b?.enableGracefulRestart),
      vrf: text(v.vrf),
      passwordSecret: v.passwordSecret.trim()
        ? { ...b?.passwordSecret, name: v.passwordSecret.trim(), namespace }
        : undefined,
      nodeSelectors: selectorsOf(v.nodeSelector, b?.nodeSelectors),
    }),
  };
}
