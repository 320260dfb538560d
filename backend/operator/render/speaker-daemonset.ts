// The speaker DaemonSet: one pod per selected node, on the host network, announcing Service IPs.
import type { V1Container, V1DaemonSet, V1Toleration } from '@kubernetes/client-node';
import type { MetalLB } from '../../../api/types';
import type { OperatorEnv } from '../env';
import { ownedMeta } from './labels';
import { ENV, EXCLUDEL2_MOUNT_PATH, MEMBERLIST_MOUNT_PATH, NAMES, PORTS } from '../../../api/operand';
import {
  bgpTypeEnv,
  commonArgs,
  componentPods,
  containerSecurityContext,
  fieldEnv,
  healthProbes,
  httpListenEnv,
  nodeSelector,
  podAnnotations,
  resources,
  scheduling,
  tolerations,
} from './pod-config';

/** The seed runs a speaker on every node by default, control-plane nodes included. */
export const DEFAULT_SPEAKER_TOLERATIONS: readonly V1Toleration[] = [
  { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node-role.kubernetes.io/master', operator: 'Exists', effect: 'NoSchedule' },
];

/**
 * NET_RAW: ARP/NDP on AF_PACKET sockets. NET_ADMIN: interface-level socket options for BGP and
 * BFD, as upstream's BGP (FRR) container has. NET_BIND_SERVICE: routers that open the session
 * connect to port 179. Capabilities only take effect for uid 0, hence runAsUser 0 below.
 */
export const SPEAKER_CAPABILITIES = ['NET_ADMIN', 'NET_BIND_SERVICE', 'NET_RAW'] as const;

export function speakerDaemonSet(cr: MetalLB, env: OperatorEnv): V1DaemonSet {
  const spec = cr.spec ?? {};
  const config = spec.speakerConfig;
  const res = resources(config);
  const container: V1Container = {
    name: 'speaker',
    image: env.speakerImage,
    args: commonArgs(spec),
    env: [
      fieldEnv(ENV.nodeName, 'spec.nodeName'),
      fieldEnv(ENV.hostIP, 'status.hostIP'),
      fieldEnv(ENV.namespace, 'metadata.namespace'),
      fieldEnv(ENV.podName, 'metadata.name'),
      ...httpListenEnv(PORTS.metrics),
      fieldEnv(ENV.mlBindAddr, 'status.podIP'),
      { name: ENV.mlBindPort, value: String(PORTS.memberlist) },
      { name: ENV.mlLabels, value: 'app=metallb,component=speaker' },
      // A file, not an env value: the key is random bytes, and env would also expose it in /proc.
      { name: ENV.mlSecretKeyPath, value: MEMBERLIST_MOUNT_PATH },
      bgpTypeEnv(spec),
    ],
    ports: [
      { name: 'monitoring', containerPort: PORTS.metrics, protocol: 'TCP' },
      { name: 'memberlist-tcp', containerPort: PORTS.memberlist, protocol: 'TCP' },
      { name: 'memberlist-udp', containerPort: PORTS.memberlist, protocol: 'UDP' },
    ],
    ...healthProbes('monitoring'),
    ...(res ? { resources: res } : {}),
    securityContext: containerSecurityContext(SPEAKER_CAPABILITIES),
    volumeMounts: [
      { name: 'memberlist', mountPath: MEMBERLIST_MOUNT_PATH, readOnly: true },
      { name: 'metallb-excludel2', mountPath: EXCLUDEL2_MOUNT_PATH, readOnly: true },
    ],
  };
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: ownedMeta(NAMES.speaker, 'speaker', cr, env),
    spec: componentPods(
      'speaker',
      {
        serviceAccountName: NAMES.speaker,
        hostNetwork: true,
        securityContext: { runAsUser: 0 },
        nodeSelector: nodeSelector(spec.nodeSelector),
        tolerations: tolerations([...DEFAULT_SPEAKER_TOLERATIONS], spec.speakerTolerations),
        ...scheduling(config),
        terminationGracePeriodSeconds: 2,
        containers: [container],
        volumes: [
          { name: 'memberlist', secret: { secretName: NAMES.memberlistSecret, defaultMode: 0o400 } },
          { name: 'metallb-excludel2', configMap: { name: NAMES.excludeL2ConfigMap, defaultMode: 0o400 } },
        ],
      },
      podAnnotations(config),
    ),
  };
}
