// Labels that mark an object as ours, and object metadata with the owner reference.
import type { V1ObjectMeta, V1OwnerReference } from '@kubernetes/client-node';
import { LABELS, MANAGED_BY, PART_OF } from '../../../api/operand';
import type { MetalLB } from '../../../api/types';
import type { OperatorEnv } from '../env';
import type { OperandMeta } from '../operand';

/** Label selector matching every operand object (what the reconciler lists and prunes by). */
export const OPERAND_SELECTOR = `${LABELS.managedBy}=${MANAGED_BY},${LABELS.partOf}=${PART_OF}`;

export type Component = 'controller' | 'speaker' | 'console-plugin';

/**
 * Pod selector labels. `app: metallb` and `component` are upstream's; the seed's pod-affinity
 * example selects `app: metallb`, and selectors are immutable, so these never change.
 */
export function selectorLabels(component: Component): Record<string, string> {
  return { app: 'metallb', component };
}

/** Pod template labels: no version, so an operator upgrade alone does not roll the pods. */
export function podLabels(component: Component): Record<string, string> {
  return {
    ...selectorLabels(component),
    [LABELS.component]: component,
    [LABELS.managedBy]: MANAGED_BY,
    [LABELS.partOf]: PART_OF,
  };
}

export function objectLabels(component: Component, version: string): Record<string, string> {
  return { ...podLabels(component), [LABELS.version]: labelValue(version) };
}

/** A label value (<= 63 chars of [A-Za-z0-9._-], alphanumeric at both ends) from any string. */
export function labelValue(raw: string): string {
  return raw
    .replace(/[^A-Za-z0-9._-]/g, '_')
    .slice(0, 63)
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
}

export function ownerReference(cr: MetalLB): V1OwnerReference {
  const { name, uid } = cr.metadata;
  if (!name || !uid)
    throw new Error('the MetalLB object has no name or uid; it must be read from the API server');
  return { apiVersion: cr.apiVersion, kind: cr.kind, name, uid, controller: true, blockOwnerDeletion: true };
}

export interface MetaOptions {
  component: Component;
  version: string;
  /** Namespaced objects get the owner reference; cluster-scoped ones cannot point at a namespaced owner. */
  namespace?: string;
  owner?: MetalLB;
  annotations?: Record<string, string>;
}

export function objectMeta(name: string, o: MetaOptions): OperandMeta {
  const meta: V1ObjectMeta & { name: string } = { name };
  if (o.namespace) meta.namespace = o.namespace;
  meta.labels = objectLabels(o.component, o.version);
  if (o.annotations && Object.keys(o.annotations).length > 0) meta.annotations = o.annotations;
  if (o.namespace && o.owner) meta.ownerReferences = [ownerReference(o.owner)];
  return meta;
}

/** Metadata of a namespaced operand: in the operator's namespace, owned by the MetalLB object. */
export function ownedMeta(
  name: string,
  component: Component,
  cr: MetalLB,
  env: OperatorEnv,
  annotations?: Record<string, string>,
): OperandMeta {
  return objectMeta(name, {
    component,
    version: env.version,
    namespace: env.namespace,
    owner: cr,
    ...(annotations ? { annotations } : {}),
  });
}
