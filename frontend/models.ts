// Static models of the kinds the pages read and write (the console learns the same from
// discovery), and the console URLs of their pages.
import type { K8sGroupVersionKind, K8sModel } from '@openshift-console/dynamic-plugin-sdk';
import { METALLB_KINDS, type MetalLBKindName } from '../api/kinds';
import { DEFAULT_NAMESPACE } from '../api/types';

/** The console's model of a metallb.io kind, from the one kind table (api/kinds.ts). */
function metallb(name: MetalLBKindName, abbr: string): K8sModel {
  const { group, version, kind, plural, namespaced } = METALLB_KINDS[name];
  return {
    apiGroup: group,
    apiVersion: version,
    kind,
    plural,
    abbr,
    label: kind,
    labelPlural: `${kind}s`,
    namespaced,
    crd: true,
  };
}

export const MetalLBModel = metallb('MetalLB', 'MLB');
export const IPAddressPoolModel = metallb('IPAddressPool', 'IPP');
export const L2AdvertisementModel = metallb('L2Advertisement', 'L2A');
export const BGPAdvertisementModel = metallb('BGPAdvertisement', 'BGPA');
export const BGPPeerModel = metallb('BGPPeer', 'BGPP');
export const BFDProfileModel = metallb('BFDProfile', 'BFDP');
export const CommunityModel = metallb('Community', 'COM');
export const ServiceL2StatusModel = metallb('ServiceL2Status', 'SL2S');
export const ServiceBGPStatusModel = metallb('ServiceBGPStatus', 'SBGPS');
export const BGPSessionStateModel = metallb('BGPSessionState', 'BGPS');
export const ConfigurationStateModel = metallb('ConfigurationState', 'CS');

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

/** The kinds users edit, each with its pages and actions. */
export const EDITABLE_MODELS: readonly K8sModel[] = [
  IPAddressPoolModel,
  L2AdvertisementModel,
  BGPAdvertisementModel,
  BGPPeerModel,
  BFDProfileModel,
  CommunityModel,
  MetalLBModel,
];

/** The model of an editable metallb.io object, by its kind (any served version). */
export function modelOfResource(obj: { apiVersion?: string; kind?: string }): K8sModel | undefined {
  const group = obj.apiVersion?.split('/')[0];
  return EDITABLE_MODELS.find((m) => m.kind === obj.kind && m.apiGroup === group);
}

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
