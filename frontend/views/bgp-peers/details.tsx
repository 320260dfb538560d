// The BGPPeer details page, with the sessions the speakers report for it.
import type { FC } from 'react';
import { Title } from '@patternfly/react-core';
import { ResourceLink } from '@openshift-console/dynamic-plugin-sdk';
import type { BGPPeer, BGPSessionState } from '../../../api/types';
import { DetailsPage } from '../../components/DetailsPage';
import { SessionsTable } from '../../components/SessionsTable';
import { useMetalLBTranslation } from '../../i18n';
import { useWatchList } from '../../k8s/watch';
import { BFDProfileModel, BGPPeerModel, BGPSessionStateModel, gvkOf, METALLB_NAMESPACE } from '../../models';
import { selectorsText } from '../advertisement-text';

export const PeerDetailsPage: FC<{ name: string; namespace?: string }> = ({
  name,
  namespace = METALLB_NAMESPACE,
}) => {
  const { t } = useMetalLBTranslation();
  const sessions = useWatchList<BGPSessionState>(BGPSessionStateModel, namespace);
  return (
    <DetailsPage<BGPPeer>
      model={BGPPeerModel}
      name={name}
      namespace={namespace}
      facts={(p) => [
        { label: t('Peer address'), value: p.spec?.peerAddress ?? p.spec?.interface ?? '-' },
        { label: t('Local ASN'), value: p.spec?.myASN },
        { label: t('Peer ASN'), value: p.spec?.peerASN ?? p.spec?.dynamicASN ?? '-' },
        { label: t('Peer port'), value: p.spec?.peerPort ?? 179 },
        { label: t('Hold time'), value: p.spec?.holdTime ?? '-' },
        {
          label: t('BFD profile'),
          value: p.spec?.bfdProfile ? (
            <ResourceLink
              groupVersionKind={gvkOf(BFDProfileModel)}
              name={p.spec.bfdProfile}
              namespace={namespace}
            />
          ) : (
            '-'
          ),
        },
        { label: t('eBGP multi-hop'), value: p.spec?.ebgpMultiHop ? t('Yes') : t('No') },
        { label: t('Node selector'), value: selectorsText(p.spec?.nodeSelectors) || t('All nodes') },
      ]}
      extra={() => (
        <div className="metallb-plugin__section">
          <Title headingLevel="h2">{t('BGP sessions')}</Title>
          <SessionsTable
            sessions={sessions.data.filter((s) => s.status?.peer === name)}
            testId="peer-sessions"
          />
        </div>
      )}
    />
  );
};
