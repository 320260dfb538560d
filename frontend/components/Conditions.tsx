// A resource's status conditions as a table.
import type { FC } from 'react';
import { Label } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import type { Condition } from '../../api/types';
import { useMetalLBTranslation } from '../i18n';
import { shortTimestamp } from './timestamp';

/** Conditions whose True is bad news. */
const NEGATIVE = new Set(['Degraded', 'Progressing']);

export function conditionGood(c: Condition): boolean {
  return NEGATIVE.has(c.type) ? c.status !== 'True' : c.status === 'True';
}

export const Conditions: FC<{ conditions?: Condition[]; testId?: string }> = ({ conditions, testId }) => {
  const { t, i18n } = useMetalLBTranslation();
  if (!conditions?.length) return <p>{t('No conditions reported yet.')}</p>;
  return (
    <Table variant="compact" aria-label={t('Conditions')} data-test={testId}>
      <Thead>
        <Tr>
          <Th>{t('Type')}</Th>
          <Th>{t('Status')}</Th>
          <Th>{t('Reason')}</Th>
          <Th>{t('Message')}</Th>
          <Th>{t('Updated')}</Th>
        </Tr>
      </Thead>
      <Tbody>
        {conditions.map((c) => (
          <Tr key={c.type}>
            <Td dataLabel={t('Type')}>{c.type}</Td>
            <Td dataLabel={t('Status')}>
              <Label color={conditionGood(c) ? 'green' : c.type === 'Progressing' ? 'blue' : 'red'} isCompact>
                {c.status}
              </Label>
            </Td>
            <Td dataLabel={t('Reason')}>{c.reason}</Td>
            <Td dataLabel={t('Message')}>{c.message}</Td>
            <Td dataLabel={t('Updated')} modifier="nowrap">
              <span title={c.lastTransitionTime}>{shortTimestamp(c.lastTransitionTime, i18n.language)}</span>
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};
