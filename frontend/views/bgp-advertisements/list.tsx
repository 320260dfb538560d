// The BGPAdvertisement list.
import type { FC } from 'react';
import type { BGPAdvertisement } from '../../../api/types';
import { ListPage } from '../../components/ListPage';
import { useMetalLBTranslation } from '../../i18n';
import { BGPAdvertisementModel } from '../../models';
import { poolsText } from '../advertisement-text';

export const BGPAdListPage: FC<{ namespace?: string }> = ({ namespace }) => {
  const { t } = useMetalLBTranslation();
  return (
    <ListPage<BGPAdvertisement>
      model={BGPAdvertisementModel}
      title={t('BGP advertisements')}
      description={t('Which pools are announced to which BGP peers, with which attributes.')}
      {...(namespace ? { namespace } : {})}
      columns={[
        { id: 'pools', title: t('IP address pools'), cell: (a) => poolsText(a.spec, t('All pools')) },
        { id: 'peers', title: t('Peers'), cell: (a) => a.spec?.peers?.join(', ') || t('All peers') },
        { id: 'communities', title: t('Communities'), cell: (a) => a.spec?.communities?.join(', ') || '-' },
      ]}
    />
  );
};
