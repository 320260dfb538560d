// Whether the API server serves a kind: the optional APIs the operator adapts to (OLM's
// OperatorGroup, OpenShift's ConsolePlugin) come and go with the cluster's add-ons.
import { KubernetesObjectApi, type KubeConfig } from '@kubernetes/client-node';
import { apiStatus } from '../k8s/errors';

export const METALLB_RESOURCE = {
  apiVersion: 'metallb.io/v1beta1',
  kind: 'MetalLB',
  plural: 'metallbs',
} as const;

export const OPERATOR_GROUP = {
  apiVersion: 'operators.coreos.com/v1',
  kind: 'OperatorGroup',
  plural: 'operatorgroups',
} as const;

export const CONSOLE_PLUGIN = {
  apiVersion: 'console.openshift.io/v1',
  kind: 'ConsolePlugin',
  plural: 'consoleplugins',
} as const;

/** client-node's resource-list lookup, which it keeps protected. */
class KindLookup extends KubernetesObjectApi {
  async serves(apiVersion: string, kind: string): Promise<boolean> {
    return (await this.resource(apiVersion, kind)) !== undefined;
  }
}

/**
 * True when `apiVersion` serves `kind`; false when the group/version or kind is unknown. A fresh
 * client each time: client-node caches resource lists, which would hide an API added later.
 */
export async function servesKind(kc: KubeConfig, apiVersion: string, kind: string): Promise<boolean> {
  try {
    return await kc.makeApiClient(KindLookup).serves(apiVersion, kind);
  } catch (err) {
    if (apiStatus(err) === 404) return false;
    throw err;
  }
}
