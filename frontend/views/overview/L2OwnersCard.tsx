// Which node answers ARP/NDP for each Service IP, from the speakers' ServiceL2Status objects.
import type { FC } from 'react';
import { Card, CardBody, CardTitle } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { ResourceLink } from '@openshift-console/dynamic-plugin-sdk';
import type { ServiceLike } from '../../../api/pool-usage';
import { STATUS_LABELS } from '../../../api/operand';
import type { ServiceL2Status } from '../../../api/types';
import { useMetalLBTranslation } from '../../i18n';
import { useWatchList } from '../../k8s/watch';
import { gvkOf, METALLB_NAMESPACE, NodeModel, ServiceL2StatusModel, ServiceModel } from '../../models';

export const L2OwnersCard: FC = () => {
  const { t } = useMetalLBTranslation();
  const statuses = useWatchList<ServiceL2Status>(ServiceL2StatusModel, METALLB_NAMESPACE);
  const services = useWatchList<ServiceLike>(ServiceModel);
  const byKey = new Map(services.data.map((s) => [`${s.metadata.namespace}/${s.metadata.name}`, s]));
  const rows = statuses.data.map((s) => {
    const name = s.status?.serviceName ?? s.metadata.labels?.[STATUS_LABELS.serviceName] ?? '';
    const ns = s.status?.serviceNamespace ?? s.metadata.labels?.[STATUS_LABELS.serviceNamespace] ?? '';
    const svc = byKey.get(`${ns}/${name}`);
    const ips = (svc?.status?.loadBalancer?.ingress ?? [])
      .map((i) => i.ip)
      .filter(Boolean)
      .join(', ');
    return {
      key: s.metadata.name ?? '',
      name,
      ns,
      ips,
      node: s.status?.node,
      interfaces: s.status?.interfaces?.map((i) => i.name).join(', '),
    };
  });
  return (
    <Card data-test="l2-owners">
      <CardTitle>{t('Layer 2 owners')}</CardTitle>
      <CardBody>
        {rows.length === 0 ? (
          <p>{t('No node announces a Service with Layer 2 yet.')}</p>
        ) : (
          <Table variant="compact" aria-label={t('Layer 2 owners')}>
            <Thead>
              <Tr>
                <Th>{t('Service')}</Th>
                <Th>{t('IPs')}</Th>
                <Th>{t('Node')}</Th>
                <Th>{t('Interfaces')}</Th>
              </Tr>
            </Thead>
            <Tbody>
              {rows.map((r) => (
                <Tr key={r.key}>
                  <Td dataLabel={t('Service')}>
                    <ResourceLink groupVersionKind={gvkOf(ServiceModel)} name={r.name} namespace={r.ns} />
                  </Td>
                  <Td dataLabel={t('IPs')}>{r.ips || '-'}</Td>
                  <Td dataLabel={t('Node')}>
                    <ResourceLink groupVersionKind={gvkOf(NodeModel)} name={r.node} />
                  </Td>
                  <Td dataLabel={t('Interfaces')}>{r.interfaces || t('All')}</Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
      </CardBody>
    </Card>
  );
};
