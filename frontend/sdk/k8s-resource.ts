// The SDK's k8s calls (get, create, update, patch, delete) over the backend's apiserver proxy.
import type {
  K8sResourceCommon,
  k8sCreate as SDKCreate,
  k8sDelete as SDKDelete,
  k8sGet as SDKGet,
  k8sPatch as SDKPatch,
  k8sUpdate as SDKUpdate,
} from '@openshift-console/dynamic-plugin-sdk';
import { consoleFetchJSON } from './console-fetch';
import { k8sUrl } from './k8s-url';

const nsOf = (r: K8sResourceCommon | undefined) => r?.metadata?.namespace;

export const k8sGet: typeof SDKGet = ({ model, name, ns, path, queryParams, requestInit }) =>
  consoleFetchJSON(k8sUrl(model, { name, ns, path, queryParams }), 'GET', requestInit);

export const k8sCreate: typeof SDKCreate = ({ model, data, path, queryParams, ns }) =>
  consoleFetchJSON.post(k8sUrl(model, { ns: ns ?? nsOf(data), path, queryParams }), data);

export const k8sUpdate: typeof SDKUpdate = ({ model, data, ns, name, path, queryParams }) =>
  consoleFetchJSON.put(
    k8sUrl(model, { ns: ns ?? nsOf(data), name: name ?? data.metadata?.name, path, queryParams }),
    data,
  );

export const k8sPatch: typeof SDKPatch = ({ model, resource, data, path, queryParams }) =>
  consoleFetchJSON.patch(
    k8sUrl(model, { ns: nsOf(resource), name: resource.metadata?.name, path, queryParams }),
    data,
  );

export const k8sDelete: typeof SDKDelete = ({ model, resource, path, queryParams, requestInit, json }) =>
  consoleFetchJSON.delete(
    k8sUrl(model, { ns: nsOf(resource), name: resource.metadata?.name, path, queryParams }),
    json ??
      (model.propagationPolicy
        ? { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: model.propagationPolicy }
        : null),
    requestInit,
  );
