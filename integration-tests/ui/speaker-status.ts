// Status objects as the speakers will write them (ServiceL2Status, ServiceBGPStatus,
// BGPSessionState): until the speakers exist, the test writes them itself with the same schema.
import { stringify } from 'yaml';

type Kubectl = (args: string[], stdin?: string) => Promise<string>;

async function createWithStatus(
  kubectl: Kubectl,
  kind: string,
  plural: string,
  name: string,
  labels: Record<string, string>,
  status: object,
) {
  const obj = {
    apiVersion: 'metallb.io/v1beta1',
    kind,
    metadata: { name, namespace: 'metallb-system', labels },
    spec: {},
  };
  await kubectl(['apply', '-f', '-'], stringify(obj));
  await kubectl([
    'patch',
    plural,
    name,
    '-n',
    'metallb-system',
    '--subresource=status',
    '--type=merge',
    '-p',
    JSON.stringify({ status }),
  ]);
}

export function announceL2(kubectl: Kubectl, svc: { name: string; namespace: string }, node: string) {
  return createWithStatus(
    kubectl,
    'ServiceL2Status',
    'servicel2statuses',
    `l2-${svc.namespace}-${svc.name}-${node}`,
    {
      'metallb.io/service-name': svc.name,
      'metallb.io/service-namespace': svc.namespace,
      'metallb.io/node': node,
    },
    { node, serviceName: svc.name, serviceNamespace: svc.namespace, interfaces: [{ name: 'eth0' }] },
  );
}

export function announceBGP(
  kubectl: Kubectl,
  svc: { name: string; namespace: string },
  node: string,
  peers: string[],
) {
  return createWithStatus(
    kubectl,
    'ServiceBGPStatus',
    'servicebgpstatuses',
    `bgp-${svc.namespace}-${svc.name}-${node}`,
    {
      'metallb.io/service-name': svc.name,
      'metallb.io/service-namespace': svc.namespace,
      'metallb.io/node': node,
    },
    { node, serviceName: svc.name, serviceNamespace: svc.namespace, peers },
  );
}

export function reportSession(
  kubectl: Kubectl,
  node: string,
  peer: string,
  bgpState: string,
  bfdState: string,
) {
  return createWithStatus(
    kubectl,
    'BGPSessionState',
    'bgpsessionstates',
    `${node}-${peer}`,
    { 'metallb.io/node': node },
    {
      node,
      peer,
      peerAddress: '10.0.0.1',
      bgpState,
      bfdState,
      ...(bgpState === 'Established'
        ? { prefixesSent: 1, prefixesReceived: 0 }
        : { lastError: 'connection refused' }),
    },
  );
}
