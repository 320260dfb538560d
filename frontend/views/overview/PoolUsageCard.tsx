// Per-pool utilisation from the backend (assigned/available, IPv4 and IPv6), warning near exhaustion.
import type { FC } from 'react';
import { Alert, Card, CardBody, CardTitle } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { ResourceLink } from '@openshift-console/dynamic-plugin-sdk';
import type { PoolUsage } from '../../../api/pool-usage';
import { PoolUsageBar } from '../../components/PoolUsageBar';
import { StatusBox } from '../../components/StatusBox';
import { useMetalLBTranslation } from '../../i18n';
import { useBackendJSON } from '../../k8s/backend-api';
import { gvkOf, IPAddressPoolModel } from '../../models';

export const PoolUsageCard: FC = () => {
  const { t } = useMetalLBTranslation();
  const usage = useBackendJSON<{ pools: PoolUsage[] }>('/api/v1/pools/usage');
  const pools = usage.data?.pools ?? [];
  const short = pools.filter((p) => p.level === 'warning' || p.level === 'exhausted');
  return (
    <Card data-test="pool-usage">
      <CardTitle>{t('Address pools')}</CardTitle>
      <CardBody>
        {short.length > 0 && (
          <Alert
            variant={short.some((p) => p.level === 'exhausted') ? 'danger' : 'warning'}
            isInline
            title={t('Running out of addresses: {{pools}}', { pools: short.map((p) => p.name).join(', ') })}
            data-test="pool-warning"
          />
        )}
        <StatusBox
          loaded={usage.loaded}
          error={usage.error}
          empty={pools.length === 0}
          emptyText={t('No IP address pool yet.')}
        >
          <Table variant="compact" aria-label={t('Address pools')}>
            <Thead>
              <Tr>
                <Th>{t('Pool')}</Th>
                <Th>{t('Addresses')}</Th>
                <Th>{t('IPv4')}</Th>
                <Th>{t('IPv6')}</Th>
              </Tr>
            </Thead>
            <Tbody>
              {pools.map((p) => (
                <Tr key={p.name} data-test={`usage-${p.name}`}>
                  <Td dataLabel={t('Pool')}>
                    <ResourceLink
                      groupVersionKind={gvkOf(IPAddressPoolModel)}
                      name={p.name}
                      namespace={p.namespace}
                    />
                  </Td>
                  <Td dataLabel={t('Addresses')}>{p.addresses.join(', ')}</Td>
                  <Td dataLabel={t('IPv4')}>
                    {p.ipv4.level === 'empty' ? '-' : <PoolUsageBar usage={p.ipv4} family="IPv4" />}
                  </Td>
                  <Td dataLabel={t('IPv6')}>
                    {p.ipv6.level === 'empty' ? '-' : <PoolUsageBar usage={p.ipv6} family="IPv6" />}
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        </StatusBox>
      </CardBody>
    </Card>
  );
};
