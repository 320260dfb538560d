// Which node answers ARP/NDP for each Service IP, from the speakers' ServiceL2Status objects.
// A page of rows at a time: at 5,000 Layer 2 Services the card holds one list of statuses and one
// watch per visible row, never the cluster's whole Service list.
import { useMemo, useState, type FC } from 'react';
import {
  Card,
  CardBody,
  CardTitle,
  Pagination,
  SearchInput,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { ResourceLink } from '@openshift-console/dynamic-plugin-sdk';
import type { ServiceLike } from '../../../api/pool-usage';
import { statusServiceRef } from '../../../api/operand';
import type { ServiceL2Status } from '../../../api/types';
import { useMetalLBTranslation } from '../../i18n';
import { useWatchList, useWatchObject } from '../../k8s/watch';
import { gvkOf, METALLB_NAMESPACE, NodeModel, ServiceL2StatusModel, ServiceModel } from '../../models';

interface OwnerRow {
  key: string;
  name: string;
  ns: string;
  node?: string;
  interfaces?: string;
}

function rowOf(s: ServiceL2Status): OwnerRow {
  const ref = statusServiceRef(s);
  return {
    key: s.metadata.name ?? '',
    name: ref.name ?? '',
    ns: ref.namespace ?? '',
    ...(s.status?.node ? { node: s.status.node } : {}),
    ...(s.status?.interfaces ? { interfaces: s.status.interfaces.map((i) => i.name).join(', ') } : {}),
  };
}

const Owner: FC<{ row: OwnerRow }> = ({ row }) => {
  const { t } = useMetalLBTranslation();
  const svc = useWatchObject<ServiceLike>(ServiceModel, row.name, row.ns);
  const ips = (svc.data?.status?.loadBalancer?.ingress ?? [])
    .map((i) => i.ip)
    .filter(Boolean)
    .join(', ');
  return (
    <Tr data-test={`l2-owner-${row.ns}-${row.name}`}>
      <Td dataLabel={t('Service')}>
        <ResourceLink groupVersionKind={gvkOf(ServiceModel)} name={row.name} namespace={row.ns} />
      </Td>
      <Td dataLabel={t('IPs')}>{ips || '-'}</Td>
      <Td dataLabel={t('Node')}>
        <ResourceLink groupVersionKind={gvkOf(NodeModel)} name={row.node} />
      </Td>
      <Td dataLabel={t('Interfaces')}>{row.interfaces || t('All')}</Td>
    </Tr>
  );
};

export const L2OwnersCard: FC = () => {
  const { t } = useMetalLBTranslation();
  const statuses = useWatchList<ServiceL2Status>(ServiceL2StatusModel, METALLB_NAMESPACE);
  const [filter, setFilter] = useState('');
  const [page, setPage] = useState(1);
  const [perPage, setPerPage] = useState(10);
  const rows = useMemo(() => {
    const f = filter.toLowerCase();
    return statuses.data
      .map(rowOf)
      .filter((r) => !f || `${r.ns}/${r.name}`.toLowerCase().includes(f) || (r.node ?? '').includes(f))
      .sort((a, b) => (a.ns === b.ns ? a.name.localeCompare(b.name) : a.ns.localeCompare(b.ns)));
  }, [statuses.data, filter]);
  const lastPage = Math.max(1, Math.ceil(rows.length / perPage));
  const shown = rows.slice((Math.min(page, lastPage) - 1) * perPage, Math.min(page, lastPage) * perPage);
  return (
    <Card data-test="l2-owners">
      <CardTitle>{t('Layer 2 owners')}</CardTitle>
      <CardBody>
        {statuses.data.length === 0 ? (
          <p>{t('No node announces a Service with Layer 2 yet.')}</p>
        ) : (
          <>
            <Toolbar>
              <ToolbarContent>
                <ToolbarItem>
                  <SearchInput
                    placeholder={t('Filter by Service or node')}
                    aria-label={t('Filter by Service or node')}
                    value={filter}
                    onChange={(_e, v) => {
                      setFilter(v);
                      setPage(1);
                    }}
                    onClear={() => setFilter('')}
                  />
                </ToolbarItem>
                <ToolbarItem variant="pagination" align={{ default: 'alignEnd' }}>
                  <Pagination
                    itemCount={rows.length}
                    page={Math.min(page, lastPage)}
                    perPage={perPage}
                    perPageOptions={[10, 20, 50].map((n) => ({ title: String(n), value: n }))}
                    onSetPage={(_e, p) => setPage(p)}
                    onPerPageSelect={(_e, n) => {
                      setPerPage(n);
                      setPage(1);
                    }}
                    isCompact
                    data-test="l2-owners-pagination"
                  />
                </ToolbarItem>
              </ToolbarContent>
            </Toolbar>
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
                {shown.map((r) => (
                  <Owner key={r.key} row={r} />
                ))}
              </Tbody>
            </Table>
          </>
        )}
      </CardBody>
    </Card>
  );
};
