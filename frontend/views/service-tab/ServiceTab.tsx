// The MetalLB tab on a Service's page: its load-balancer IPs, the pool they came from, the
// node(s) announcing them (ServiceL2Status / ServiceBGPStatus) and the BGP peers they go to.
import type { FC } from 'react';
import { Alert, Label, LabelGroup, PageSection, Title } from '@patternfly/react-core';
import { ResourceLink, type K8sResourceCommon } from '@openshift-console/dynamic-plugin-sdk';
import { POOL_ANNOTATION, type ServiceLike } from '../../../api/pool-usage';
import { STATUS_LABELS } from '../../../api/operand';
import type { ServiceBGPStatus, ServiceL2Status } from '../../../api/types';
import { Facts } from '../../components/DetailsPage';
import { useMetalLBTranslation } from '../../i18n';
import { ExplainPanel } from '../explain/ExplainPanel';
import {
  BGPPeerModel,
  gvkOf,
  IPAddressPoolModel,
  METALLB_NAMESPACE,
  NodeModel,
  ServiceBGPStatusModel,
  ServiceL2StatusModel,
} from '../../models';
import { useK8sWatchResource } from '@openshift-console/dynamic-plugin-sdk';

function useStatuses<T>(model: typeof ServiceL2StatusModel, svc: ServiceLike): T[] {
  const [data] = useK8sWatchResource<K8sResourceCommon[]>({
    groupVersionKind: gvkOf(model),
    namespace: METALLB_NAMESPACE,
    isList: true,
    selector: {
      matchLabels: {
        [STATUS_LABELS.serviceName]: svc.metadata.name ?? '',
        [STATUS_LABELS.serviceNamespace]: svc.metadata.namespace ?? '',
      },
    },
  });
  return (data ?? []) as unknown as T[];
}

const NodeLinks: FC<{ nodes: string[] }> = ({ nodes }) =>
  nodes.length ? (
    <>
      {nodes.map((n) => (
        <ResourceLink key={n} groupVersionKind={gvkOf(NodeModel)} name={n} inline />
      ))}
    </>
  ) : (
    <>-</>
  );

export const ServiceTab: FC<{ obj?: ServiceLike }> = ({ obj }) => {
  const { t } = useMetalLBTranslation();
  const svc: ServiceLike = obj ?? { metadata: {} };
  const l2 = useStatuses<ServiceL2Status>(ServiceL2StatusModel, svc);
  const bgp = useStatuses<ServiceBGPStatus>(ServiceBGPStatusModel, svc);
  if (!obj) return null;
  const ips = (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? i.hostname ?? '').filter(Boolean);
  const pool = svc.metadata.annotations?.[POOL_ANNOTATION];
  const l2Nodes = [...new Set(l2.map((s) => s.status?.node).filter((n): n is string => !!n))].sort();
  const bgpNodes = [...new Set(bgp.map((s) => s.status?.node).filter((n): n is string => !!n))].sort();
  const peers = [...new Set(bgp.flatMap((s) => s.status?.peers ?? []))].sort();
  const isLB = svc.spec?.type === 'LoadBalancer';
  return (
    <PageSection data-test="metallb-service-tab">
      <Title headingLevel="h2">{t('MetalLB')}</Title>
      {!isLB && (
        <Alert
          variant="info"
          isInline
          title={t('This Service is not of type LoadBalancer; MetalLB does not handle it.')}
        />
      )}
      {isLB && ips.length === 0 && (
        <Alert variant="warning" isInline title={t('No load-balancer IP is assigned yet.')} />
      )}
      <Facts
        testId="service-metallb-facts"
        facts={[
          {
            label: t('Load-balancer IPs'),
            value: ips.length ? (
              <LabelGroup>
                {ips.map((ip) => (
                  <Label key={ip} color="blue" data-test="service-ip">
                    {ip}
                  </Label>
                ))}
              </LabelGroup>
            ) : (
              '-'
            ),
          },
          {
            label: t('IP address pool'),
            value: pool ? (
              <ResourceLink
                groupVersionKind={gvkOf(IPAddressPoolModel)}
                name={pool}
                namespace={METALLB_NAMESPACE}
                dataTest="service-pool"
              />
            ) : (
              '-'
            ),
          },
          { label: t('Announced by (L2)'), value: <NodeLinks nodes={l2Nodes} /> },
          { label: t('Announced by (BGP)'), value: <NodeLinks nodes={bgpNodes} /> },
          {
            label: t('BGP peers'),
            value: peers.length
              ? peers.map((p) => (
                  <ResourceLink
                    key={p}
                    groupVersionKind={gvkOf(BGPPeerModel)}
                    name={p}
                    namespace={METALLB_NAMESPACE}
                    inline
                  />
                ))
              : '-',
          },
        ]}
      />
      {isLB && <ExplainPanel namespace={svc.metadata.namespace ?? ''} name={svc.metadata.name ?? ''} />}
    </PageSection>
  );
};
