// The Community list.
import type { FC } from 'react';
import type { Community } from '../../../api/types';
import { ListPage } from '../../components/ListPage';
import { useMetalLBTranslation } from '../../i18n';
import { CommunityModel } from '../../models';

export const CommunityListPage: FC<{ namespace?: string }> = ({ namespace }) => {
  const { t } = useMetalLBTranslation();
  return (
    <ListPage<Community>
      model={CommunityModel}
      title={t('Communities')}
      description={t('Names for BGP community values, usable in BGP advertisements.')}
      {...(namespace ? { namespace } : {})}
      columns={[
        {
          id: 'aliases',
          title: t('Aliases'),
          cell: (c) => (c.spec?.communities ?? []).map((a) => `${a.name}=${a.value}`).join(', ') || '-',
        },
      ]}
    />
  );
};
