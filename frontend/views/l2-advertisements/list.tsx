// The L2Advertisement list.
import type { FC } from 'react';
import type { L2Advertisement } from '../../../api/types';
import { ListPage } from '../../components/ListPage';
import { useMetalLBTranslation } from '../../i18n';
import { L2AdvertisementModel } from '../../models';
import { poolsText, selectorsText } from '../advertisement-text';

export const L2ListPage: FC<{ namespace?: string }> = ({ namespace }) => {
  const { t } = useMetalLBTranslation();
  return (
    <ListPage<L2Advertisement>
      model={L2AdvertisementModel}
      title={t('L2 advertisements')}
      description={t('Which pools are announced with ARP/NDP, from which nodes and interfaces.')}
      {...(namespace ? { namespace } : {})}
      columns={[
        { id: 'pools', title: t('IP address pools'), cell: (a) => poolsText(a.spec, t('All pools')) },
        { id: 'interfaces', title: t('Interfaces'), cell: (a) => a.spec?.interfaces?.join(', ') || t('All') },
        {
          id: 'nodes',
          title: t('Node selector'),
          cell: (a) => selectorsText(a.spec?.nodeSelectors) || t('All nodes'),
        },
      ]}
    />
  );
};
