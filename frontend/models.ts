// Static models of the kinds the pages read and write (the console learns the same from
// discovery), and the console URLs of their pages.
import type { K8sGroupVersionKind, K8sModel } from '@openshift-console/dynamic-plugin-sdk';
import { DEFAULT_NAMESPACE, GROUP } from '../api/types';

function metallb(kind: string, plural: string, abbr: string, apiVersion = 'v1beta1'): K8sModel {
  return {
    apiGroup: GROUP,
    apiVersion,
    kind,
    plural,
    abbr,
    label: kind,
    labelPlural: `${kind}s`,
    namespaced: true,
    crd: true,
  };
}

export const MetalLBModel = metallb('MetalLB', 'metallbs', 'MLB');
export const IPAddressPoolModel = metallb('IPAddressPool', 'ipaddresspools', 'IPP');
export const L2AdvertisementModel = metallb('L2Advertisement', 'l2advertisements', 'L2A');
export const BGPAdvertisementModel = metallb('BGPAdvertisement', 'bgpadvertisements', 'BGPA');
export const BGPPeerModel = metallb('BGPPeer', 'bgppeers', 'BGPP', 'v1beta2');
export const BFDProfileModel = metallb('BFDProfile', 'bfdprofiles', 'BFDP');
export const CommunityModel = metallb('Community', 'communities', 'COM');
export const ServiceL2StatusModel = metallb('ServiceL2Status', 'servicel2statuses', 'SL2S');
export const ServiceBGPStatusModel = metallb('ServiceBGPStatus', 'servicebgpstatuses', 'SBGPS');
export const BGPSessionStateModel = metallb('BGPSessionState', 'bgpsessionstates', 'BGPS');
export const ConfigurationStateModel = metallb('ConfigurationState', 'configurationstates', 'CS');

export const ServiceModel: K8sModel = {
  apiVersion: 'v1',
  kind: 'Service',
  plural: 'services',
  abbr: 'S',
  label: 'Service',
  labelPlural: 'Services',
  namespaced: true,
};
export const NodeModel: K8sModel = {
  apiVersion: 'v1',
  kind: 'Node',
  plural: 'nodes',
  abbr: 'N',
  label: 'Node',
  labelPlural: 'Nodes',
  namespaced: false,
};

export const METALLB_NAMESPACE = DEFAULT_NAMESPACE;

export function gvkOf(model: K8sModel): K8sGroupVersionKind {
  return model.apiGroup
    ? { group: model.apiGroup, version: model.apiVersion, kind: model.kind }
    : { version: model.apiVersion, kind: model.kind };
}

/** `group~version~kind`, the console's reference of a custom kind in URLs. */
export function referenceOf(model: K8sModel): string {
  return model.apiGroup ? `${model.apiGroup}~${model.apiVersion}~${model.kind}` : model.plural;
}

export function listPath(model: K8sModel, namespace = METALLB_NAMESPACE): string {
  return `/k8s/ns/${namespace}/${referenceOf(model)}`;
}

export function detailsPath(model: K8sModel, name: string, namespace = METALLB_NAMESPACE): string {
  return `${listPath(model, namespace)}/${name}`;
}

export function createFormPath(model: K8sModel, namespace = METALLB_NAMESPACE): string {
  return `${listPath(model, namespace)}/~new/form`;
}

export function editFormPath(model: K8sModel, name: string, namespace = METALLB_NAMESPACE): string {
  return `${detailsPath(model, name, namespace)}/edit`;
}
