// The BGPAdvertisement details page.
import type { FC } from 'react';
import type { BGPAdvertisement } from '../../../api/types';
import { DetailsPage } from '../../components/DetailsPage';
import { useMetalLBTranslation } from '../../i18n';
import { BGPAdvertisementModel } from '../../models';
import { poolsText, selectorsText } from '../advertisement-text';

export const BGPAdDetailsPage: FC<{ name: string; namespace?: string }> = ({ name, namespace }) => {
  const { t } = useMetalLBTranslation();
  return (
    <DetailsPage<BGPAdvertisement>
      model={BGPAdvertisementModel}
      name={name}
      {...(namespace ? { namespace } : {})}
      facts={(a) => [
        { label: t('IP address pools'), value: poolsText(a.spec, t('All pools')) },
        { label: t('Peers'), value: a.spec?.peers?.join(', ') || t('All peers') },
        { label: t('Communities'), value: a.spec?.communities?.join(', ') || '-' },
        { label: t('Aggregation length (IPv4)'), value: a.spec?.aggregationLength ?? 32 },
        { label: t('Aggregation length (IPv6)'), value: a.spec?.aggregationLengthV6 ?? 128 },
        { label: t('Local preference'), value: a.spec?.localPref ?? '-' },
        { label: t('Node selector'), value: selectorsText(a.spec?.nodeSelectors) || t('All nodes') },
      ]}
    />
  );
};
