// BGPPeer v1beta1 <-> v1beta2 (the storage version). The only structural difference is
// nodeSelectors: v1beta1 has its own NodeSelector type, v1beta2 a metav1.LabelSelector. Every other
// field is carried over unchanged (our v1beta1 schema serves all v1beta2 fields, so a round trip
// through either version loses nothing).
import type {
  BGPPeer,
  BGPPeerV1beta1,
  LabelSelector,
  LabelSelectorRequirement,
  LegacyNodeSelector,
} from '../types';

export const BGPPEER_V1BETA1 = 'metallb.io/v1beta1';
export const BGPPEER_V1BETA2 = 'metallb.io/v1beta2';

export class ConversionError extends Error {
  override name = 'ConversionError';
}

export function legacyNodeSelectorToLabelSelector(sel: LegacyNodeSelector): LabelSelector {
  const out: LabelSelector = {};
  if (sel.matchLabels && Object.keys(sel.matchLabels).length > 0) out.matchLabels = { ...sel.matchLabels };
  if (sel.matchExpressions && sel.matchExpressions.length > 0) {
    out.matchExpressions = sel.matchExpressions.map((e) => {
      // The operator is free text in v1beta1; an invalid one is reported by the v1beta2 validation.
      const req: LabelSelectorRequirement = {
        key: e.key,
        operator: e.operator as LabelSelectorRequirement['operator'],
      };
      if (e.values && e.values.length > 0) req.values = [...e.values];
      return req;
    });
  }
  return out;
}

export function labelSelectorToLegacyNodeSelector(sel: LabelSelector): LegacyNodeSelector {
  const out: LegacyNodeSelector = {};
  if (sel.matchLabels && Object.keys(sel.matchLabels).length > 0) out.matchLabels = { ...sel.matchLabels };
  if (sel.matchExpressions && sel.matchExpressions.length > 0) {
    // v1beta1 requires `values`; Exists/DoesNotExist have none.
    out.matchExpressions = sel.matchExpressions.map((e) => ({
      key: e.key,
      operator: e.operator,
      values: [...(e.values ?? [])],
    }));
  }
  return out;
}

export function bgpPeerV1beta1ToV1beta2(src: BGPPeerV1beta1): BGPPeer {
  const { nodeSelectors, ...rest } = src.spec ?? ({} as BGPPeerV1beta1['spec']);
  const spec: BGPPeer['spec'] = { ...rest };
  if (nodeSelectors) spec.nodeSelectors = nodeSelectors.map(legacyNodeSelectorToLabelSelector);
  return { ...src, apiVersion: BGPPEER_V1BETA2, spec };
}

export function bgpPeerV1beta2ToV1beta1(src: BGPPeer): BGPPeerV1beta1 {
  const { nodeSelectors, ...rest } = src.spec ?? ({} as BGPPeer['spec']);
  const spec: BGPPeerV1beta1['spec'] = { ...rest };
  if (nodeSelectors) spec.nodeSelectors = nodeSelectors.map(labelSelectorToLegacyNodeSelector);
  return { ...src, apiVersion: BGPPEER_V1BETA1, spec };
}

/** What a ConversionReview handler calls for each object. */
export function convertBGPPeer(
  obj: BGPPeer | BGPPeerV1beta1,
  desiredAPIVersion: string,
): BGPPeer | BGPPeerV1beta1 {
  // Input comes from the wire: check what the types only promise.
  const { kind, apiVersion } = obj as { kind: unknown; apiVersion: unknown };
  if (kind !== 'BGPPeer')
    throw new ConversionError(`cannot convert kind ${JSON.stringify(kind)}, only BGPPeer`);
  if (apiVersion !== BGPPEER_V1BETA1 && apiVersion !== BGPPEER_V1BETA2) {
    throw new ConversionError(`unsupported source apiVersion ${JSON.stringify(apiVersion)}`);
  }
  if (desiredAPIVersion === obj.apiVersion) return obj;
  if (desiredAPIVersion === BGPPEER_V1BETA2) return bgpPeerV1beta1ToV1beta2(obj as BGPPeerV1beta1);
  if (desiredAPIVersion === BGPPEER_V1BETA1) return bgpPeerV1beta2ToV1beta1(obj as BGPPeer);
  throw new ConversionError(`unsupported desired apiVersion ${JSON.stringify(desiredAPIVersion)}`);
}
