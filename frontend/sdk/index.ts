// The standalone implementation of the console SDK calls the MetalLB pages use. The standalone
// build aliases `@openshift-console/dynamic-plugin-sdk` to this module; inside the console the
// console's own implementation is used. Every export is typed by the real SDK's declarations.
import './sdk.css';
export { consoleFetch, consoleFetchJSON, consoleFetchText } from './console-fetch';
export { HttpError } from './http-error';
export { k8sCreate, k8sDelete, k8sGet, k8sPatch, k8sUpdate } from './k8s-resource';
export { useK8sWatchResource } from './use-k8s-watch-resource';
export { ResourceLink } from './resource-link';
export { ResourceYAMLEditor } from './yaml-editor';
export { useActivePerspective } from './perspective';
export { ActionServiceProvider } from './action-service';
export { useDeleteModal, useLabelsModal } from './modals';
