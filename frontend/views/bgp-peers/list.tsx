// The BGPPeer list.
import type { FC } from 'react';
import type { BGPPeer } from '../../../api/types';
import { ListPage } from '../../components/ListPage';
import { useMetalLBTranslation } from '../../i18n';
import { BGPPeerModel } from '../../models';

export const PeerListPage: FC<{ namespace?: string }> = ({ namespace }) => {
  const { t } = useMetalLBTranslation();
  return (
    <ListPage<BGPPeer>
      model={BGPPeerModel}
      title={t('BGP peers')}
      description={t('The routers the speakers open BGP sessions to.')}
      {...(namespace ? { namespace } : {})}
      columns={[
        {
          id: 'address',
          title: t('Peer address'),
          cell: (p) => p.spec?.peerAddress ?? p.spec?.interface ?? '-',
        },
        {
          id: 'asn',
          title: t('ASNs (local / peer)'),
          cell: (p) => `${p.spec?.myASN ?? '-'} / ${p.spec?.peerASN ?? p.spec?.dynamicASN ?? '-'}`,
        },
        { id: 'bfd', title: t('BFD profile'), cell: (p) => p.spec?.bfdProfile ?? '-' },
      ]}
    />
  );
};
