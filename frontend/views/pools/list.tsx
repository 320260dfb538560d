// The IPAddressPool list.
import type { FC } from 'react';
import { Label } from '@patternfly/react-core';
import type { IPAddressPool } from '../../../api/types';
import { poolUsage } from '../../../api/pool-usage';
import { ListPage } from '../../components/ListPage';
import { useMetalLBTranslation } from '../../i18n';
import { IPAddressPoolModel } from '../../models';

export const PoolListPage: FC<{ namespace?: string }> = ({ namespace }) => {
  const { t } = useMetalLBTranslation();
  return (
    <ListPage<IPAddressPool>
      model={IPAddressPoolModel}
      title={t('IP address pools')}
      description={t('Ranges of addresses MetalLB assigns to LoadBalancer Services.')}
      {...(namespace ? { namespace } : {})}
      columns={[
        { id: 'addresses', title: t('Addresses'), cell: (p) => (p.spec?.addresses ?? []).join(', ') },
        {
          id: 'autoAssign',
          title: t('Auto assign'),
          cell: (p) => (p.spec?.autoAssign === false ? t('No') : t('Yes')),
        },
        {
          id: 'usage',
          title: t('In use'),
          cell: (p) => {
            const u = poolUsage(p);
            const text = [u.ipv4, u.ipv6]
              .filter((f) => f.level !== 'empty')
              .map((f) => `${f.assigned}/${f.total}`)
              .join(' · ');
            const color = u.level === 'exhausted' ? 'red' : u.level === 'warning' ? 'orange' : 'grey';
            return u.source === 'status' ? (
              <Label color={color} isCompact>
                {text}
              </Label>
            ) : (
              text || '-'
            );
          },
        },
      ]}
    />
  );
};
