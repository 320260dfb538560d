// Labels of the speaker's status objects, as upstream MetalLB sets them: consumers (the UI, the
// topology view, kubectl -l) select by node and Service with them.
export const NODE_LABEL = 'metallb.io/node';
export const SERVICE_NAME_LABEL = 'metallb.io/service-name';
export const SERVICE_NAMESPACE_LABEL = 'metallb.io/service-namespace';
/** BGPSessionState only (our kind): the BGPPeer's name. */
export const PEER_LABEL = 'metallb.io/peer';
/** ConfigurationState: `controller` or `speaker`. */
export const COMPONENT_TYPE_LABEL = 'metallb.io/component-type';
/** ConfigurationState of a speaker: its node. */
export const NODE_NAME_LABEL = 'metallb.io/node-name';
/** The field manager of every speaker write. */
export const SPEAKER_FIELD_MANAGER = 'metallb-speaker';
