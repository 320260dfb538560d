// The L2Advertisement details page.
import type { FC } from 'react';
import type { L2Advertisement } from '../../../api/types';
import { DetailsPage } from '../../components/DetailsPage';
import { useMetalLBTranslation } from '../../i18n';
import { L2AdvertisementModel } from '../../models';
import { poolsText, selectorsText } from '../advertisement-text';

export const L2DetailsPage: FC<{ name: string; namespace?: string }> = ({ name, namespace }) => {
  const { t } = useMetalLBTranslation();
  return (
    <DetailsPage<L2Advertisement>
      model={L2AdvertisementModel}
      name={name}
      {...(namespace ? { namespace } : {})}
      facts={(a) => [
        { label: t('IP address pools'), value: poolsText(a.spec, t('All pools')) },
        { label: t('Interfaces'), value: a.spec?.interfaces?.join(', ') || t('All') },
        { label: t('Node selector'), value: selectorsText(a.spec?.nodeSelectors) || t('All nodes') },
        { label: t('Service selector'), value: selectorsText(a.spec?.serviceSelectors) || '-' },
      ]}
    />
  );
};
