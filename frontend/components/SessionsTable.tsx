// BGP sessions (BGPSessionState objects written by the speakers): node, peer, BGP and BFD state.
import type { FC } from 'react';
import { Label } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { ResourceLink } from '@openshift-console/dynamic-plugin-sdk';
import type { BGPSessionState } from '../../api/types';
import { useMetalLBTranslation } from '../i18n';
import { BGPPeerModel, gvkOf, NodeModel } from '../models';

export const SessionStateLabel: FC<{ state?: string; ok: boolean }> = ({ state, ok }) => (
  <Label color={ok ? 'green' : 'red'} isCompact>
    {state ?? '-'}
  </Label>
);

export const SessionsTable: FC<{ sessions: BGPSessionState[]; testId?: string }> = ({ sessions, testId }) => {
  const { t } = useMetalLBTranslation();
  if (!sessions.length) return <p>{t('No BGP session is reported yet.')}</p>;
  return (
    <Table variant="compact" aria-label={t('BGP sessions')} data-test={testId}>
      <Thead>
        <Tr>
          <Th>{t('Node')}</Th>
          <Th>{t('Peer')}</Th>
          <Th>{t('Peer address')}</Th>
          <Th>{t('BGP state')}</Th>
          <Th>{t('BFD state')}</Th>
          <Th>{t('Last error')}</Th>
        </Tr>
      </Thead>
      <Tbody>
        {sessions.map((s) => (
          <Tr key={s.metadata.name}>
            <Td dataLabel={t('Node')}>
              <ResourceLink groupVersionKind={gvkOf(NodeModel)} name={s.status?.node} />
            </Td>
            <Td dataLabel={t('Peer')}>
              <ResourceLink
                groupVersionKind={gvkOf(BGPPeerModel)}
                name={s.status?.peer}
                namespace={s.metadata.namespace}
              />
            </Td>
            <Td dataLabel={t('Peer address')}>{s.status?.peerAddress ?? '-'}</Td>
            <Td dataLabel={t('BGP state')}>
              <SessionStateLabel state={s.status?.bgpState} ok={s.status?.bgpState === 'Established'} />
            </Td>
            <Td dataLabel={t('BFD state')}>
              <SessionStateLabel state={s.status?.bfdState} ok={s.status?.bfdState !== 'Down'} />
            </Td>
            <Td dataLabel={t('Last error')}>{s.status?.lastError ?? '-'}</Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};
