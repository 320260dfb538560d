// ServiceAccounts and least-privilege RBAC for the controller and the speaker. Each rule names
// the exact verbs its component uses; metallb.io config lives in the operator's namespace, so it
// is granted by namespaced Roles, and only what is cluster-wide (Services, Nodes, events,
// webhook and CRD caBundles) by ClusterRoles.
import type {
  V1ClusterRole,
  V1ClusterRoleBinding,
  V1PolicyRule,
  V1Role,
  V1RoleBinding,
  V1ServiceAccount,
} from '@kubernetes/client-node';
import type { MetalLB } from '../../../api/types';
import type { OperatorEnv } from '../env';
import { type Component, objectMeta, ownedMeta } from './labels';
import { NAMES } from '../../../api/operand';

export const READ = ['get', 'list', 'watch'];
const WRITE_STATUS = ['patch', 'update'];

/** The metallb.io kinds users write; both components read them all. */
export const CONFIG_RESOURCES = [
  'bfdprofiles',
  'bgpadvertisements',
  'bgppeers',
  'communities',
  'ipaddresspools',
  'l2advertisements',
];

export const rule = (
  apiGroups: string[],
  resources: string[],
  verbs: string[],
  resourceNames?: string[],
): V1PolicyRule => ({
  apiGroups,
  resources,
  verbs,
  ...(resourceNames ? { resourceNames } : {}),
});

export const CONTROLLER_CLUSTER_RULES: readonly V1PolicyRule[] = [
  rule([''], ['services', 'namespaces'], READ),
  rule([''], ['services/status'], WRITE_STATUS),
  rule([''], ['events'], ['create', 'patch']),
  rule(['events.k8s.io'], ['events'], ['create', 'patch']),
  // The controller injects its self-signed CA into the webhook and into the CRD whose conversion
  // webhook it serves; nothing else there is writable.
  rule(
    ['admissionregistration.k8s.io'],
    ['validatingwebhookconfigurations'],
    [...READ, 'patch'],
    [NAMES.webhookConfiguration],
  ),
  rule(['apiextensions.k8s.io'], ['customresourcedefinitions'], [...READ, 'patch'], ['bgppeers.metallb.io']),
];

export const CONTROLLER_NAMESPACED_RULES: readonly V1PolicyRule[] = [
  rule(['metallb.io'], [...CONFIG_RESOURCES, 'metallbs'], READ),
  rule(['metallb.io'], ['ipaddresspools/status'], WRITE_STATUS),
  rule(['metallb.io'], ['configurationstates'], [...READ, 'create', 'patch', 'update']),
  rule(['metallb.io'], ['configurationstates/status'], WRITE_STATUS),
  rule(['coordination.k8s.io'], ['leases'], ['create', 'get', 'update']),
  // The webhook serving certificate: create cannot be limited by name, everything else is.
  rule([''], ['secrets'], ['create']),
  rule([''], ['secrets'], [...READ, 'patch', 'update'], [NAMES.webhookCertSecret]),
];

export const SPEAKER_CLUSTER_RULES: readonly V1PolicyRule[] = [
  rule([''], ['nodes', 'services'], READ),
  rule(['discovery.k8s.io'], ['endpointslices'], READ),
  rule([''], ['events'], ['create', 'patch']),
  rule(['events.k8s.io'], ['events'], ['create', 'patch']),
  // OpenShift: a host-network pod with added capabilities needs the privileged SCC. Inert elsewhere.
  rule(['security.openshift.io'], ['securitycontextconstraints'], ['use'], ['privileged']),
];

const SPEAKER_STATUS_KINDS = ['bgpsessionstates', 'servicebgpstatuses', 'servicel2statuses'];

export const SPEAKER_NAMESPACED_RULES: readonly V1PolicyRule[] = [
  rule(['metallb.io'], CONFIG_RESOURCES, READ),
  // Per-node status objects: the speaker creates them, keeps them current and removes its own.
  rule(['metallb.io'], SPEAKER_STATUS_KINDS, [...READ, 'create', 'delete', 'patch', 'update']),
  rule(
    ['metallb.io'],
    SPEAKER_STATUS_KINDS.map((r) => `${r}/status`),
    WRITE_STATUS,
  ),
  rule(['metallb.io'], ['configurationstates'], [...READ, 'create', 'patch', 'update']),
  rule(['metallb.io'], ['configurationstates/status'], WRITE_STATUS),
  // Memberlist finds its peers by listing speaker pods; BGP passwords come from Secrets.
  rule([''], ['pods'], READ),
  rule([''], ['secrets'], READ),
];

function account(component: Component, cr: MetalLB, env: OperatorEnv): V1ServiceAccount {
  return {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: ownedMeta(component, component, cr, env),
  };
}

function clusterRole(
  name: string,
  component: Component,
  rules: readonly V1PolicyRule[],
  env: OperatorEnv,
): V1ClusterRole {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: objectMeta(name, { component, version: env.version }),
    rules: structuredClone([...rules]),
  };
}

function clusterRoleBinding(name: string, component: Component, env: OperatorEnv): V1ClusterRoleBinding {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: objectMeta(name, { component, version: env.version }),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
    subjects: [{ kind: 'ServiceAccount', name: component, namespace: env.namespace }],
  };
}

function role(
  name: string,
  component: Component,
  rules: readonly V1PolicyRule[],
  cr: MetalLB,
  env: OperatorEnv,
): V1Role {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: ownedMeta(name, component, cr, env),
    rules: structuredClone([...rules]),
  };
}

function roleBinding(name: string, component: Component, cr: MetalLB, env: OperatorEnv): V1RoleBinding {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: ownedMeta(name, component, cr, env),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
    subjects: [{ kind: 'ServiceAccount', name: component, namespace: env.namespace }],
  };
}

export function serviceAccounts(cr: MetalLB, env: OperatorEnv): V1ServiceAccount[] {
  return [account('controller', cr, env), account('speaker', cr, env)];
}

/** Roles and bindings, each role before its binding so an apply in order never dangles. */
export function rbac(
  cr: MetalLB,
  env: OperatorEnv,
): (V1ClusterRole | V1ClusterRoleBinding | V1Role | V1RoleBinding)[] {
  return [
    clusterRole(NAMES.controllerClusterRole, 'controller', CONTROLLER_CLUSTER_RULES, env),
    clusterRoleBinding(NAMES.controllerClusterRole, 'controller', env),
    clusterRole(NAMES.speakerClusterRole, 'speaker', SPEAKER_CLUSTER_RULES, env),
    clusterRoleBinding(NAMES.speakerClusterRole, 'speaker', env),
    role(NAMES.controllerRole, 'controller', CONTROLLER_NAMESPACED_RULES, cr, env),
    roleBinding(NAMES.controllerRole, 'controller', cr, env),
    role(NAMES.speakerRole, 'speaker', SPEAKER_NAMESPACED_RULES, cr, env),
    roleBinding(NAMES.speakerRole, 'speaker', cr, env),
  ];
}
