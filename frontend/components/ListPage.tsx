// The list page of a kind: a name filter, a table with the kind's columns, each row's actions.
import { useMemo, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import {
  Button,
  PageSection,
  SearchInput,
  Title,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { ResourceLink, type K8sModel, type K8sResourceCommon } from '@openshift-console/dynamic-plugin-sdk';
import { useMetalLBTranslation } from '../i18n';
import { createFormPath, gvkOf, METALLB_NAMESPACE } from '../models';
import { useWatchList } from '../k8s/watch';
import { ActionsMenu } from './ActionsMenu';
import { StatusBox } from './StatusBox';

export interface Column<T> {
  id: string;
  title: string;
  cell: (obj: T) => ReactNode;
}

export interface ListPageProps<T> {
  model: K8sModel;
  title: string;
  /** From the console: the active namespace, or undefined for all namespaces. */
  namespace?: string;
  columns: Column<T>[];
  description?: string;
}

export function ListPage<T extends K8sResourceCommon>({
  model,
  title,
  namespace,
  columns,
  description,
}: ListPageProps<T>) {
  const { t } = useMetalLBTranslation();
  const [filter, setFilter] = useState('');
  const list = useWatchList<T>(model, namespace);
  const rows = useMemo(
    () => list.data.filter((o) => (o.metadata?.name ?? '').toLowerCase().includes(filter.toLowerCase())),
    [list.data, filter],
  );
  return (
    <>
      <PageSection>
        <Title headingLevel="h1" data-test="page-title">
          {title}
        </Title>
        {description && <p className="metallb-plugin__description">{description}</p>}
      </PageSection>
      <PageSection>
        <Toolbar>
          <ToolbarContent>
            <ToolbarItem>
              <SearchInput
                placeholder={t('Filter by name')}
                value={filter}
                onChange={(_e, v) => setFilter(v)}
                onClear={() => setFilter('')}
                aria-label={t('Filter by name')}
              />
            </ToolbarItem>
            <ToolbarItem>
              <Link to={createFormPath(model, namespace ?? METALLB_NAMESPACE)}>
                <Button variant="primary" data-test="create">
                  {t('Create {{kind}}', { kind: model.kind })}
                </Button>
              </Link>
            </ToolbarItem>
          </ToolbarContent>
        </Toolbar>
        <StatusBox
          loaded={list.loaded}
          error={list.error}
          empty={list.data.length === 0}
          emptyText={t('No {{kind}} objects yet.', { kind: model.kind })}
        >
          <Table aria-label={title} variant="compact" data-test="resource-table">
            <Thead>
              <Tr>
                <Th>{t('Name')}</Th>
                {!namespace && <Th>{t('Namespace')}</Th>}
                {columns.map((c) => (
                  <Th key={c.id}>{c.title}</Th>
                ))}
                <Th screenReaderText={t('Actions')} />
              </Tr>
            </Thead>
            <Tbody>
              {rows.map((o) => (
                <Tr
                  key={`${o.metadata?.namespace}/${o.metadata?.name}`}
                  data-test={`row-${o.metadata?.name}`}
                >
                  <Td dataLabel={t('Name')}>
                    <ResourceLink
                      groupVersionKind={gvkOf(model)}
                      name={o.metadata?.name}
                      namespace={o.metadata?.namespace}
                    />
                  </Td>
                  {!namespace && <Td dataLabel={t('Namespace')}>{o.metadata?.namespace}</Td>}
                  {columns.map((c) => (
                    <Td key={c.id} dataLabel={c.title}>
                      {c.cell(o)}
                    </Td>
                  ))}
                  <Td isActionCell>
                    <ActionsMenu model={model} obj={o} />
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        </StatusBox>
      </PageSection>
    </>
  );
}
