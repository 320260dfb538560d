// The Community details page.
import type { FC } from 'react';
import type { Community } from '../../../api/types';
import { DetailsPage } from '../../components/DetailsPage';
import { useMetalLBTranslation } from '../../i18n';
import { CommunityModel } from '../../models';

export const CommunityDetailsPage: FC<{ name: string; namespace?: string }> = ({ name, namespace }) => {
  const { t } = useMetalLBTranslation();
  return (
    <DetailsPage<Community>
      model={CommunityModel}
      name={name}
      {...(namespace ? { namespace } : {})}
      facts={(c) =>
        (c.spec?.communities ?? []).map((a) => ({
          label: t('Alias {{name}}', { name: a.name }),
          value: a.value,
        }))
      }
    />
  );
};
