// The MetalLB instance list (one instance is expected).
import type { FC } from 'react';
import { Label } from '@patternfly/react-core';
import type { MetalLB } from '../../../api/types';
import { conditionGood } from '../../components/Conditions';
import { ListPage } from '../../components/ListPage';
import { useMetalLBTranslation } from '../../i18n';
import { MetalLBModel } from '../../models';

export const MetalLBListPage: FC<{ namespace?: string }> = ({ namespace }) => {
  const { t } = useMetalLBTranslation();
  const cond = (m: MetalLB, type: string) => {
    const c = m.status?.conditions?.find((x) => x.type === type);
    return c ? (
      <Label color={conditionGood(c) ? 'green' : 'red'} isCompact>
        {c.status}
      </Label>
    ) : (
      '-'
    );
  };
  return (
    <ListPage<MetalLB>
      model={MetalLBModel}
      title={t('MetalLB')}
      description={t('The MetalLB instance the operator deploys (controller and speakers).')}
      {...(namespace ? { namespace } : {})}
      columns={[
        { id: 'available', title: t('Available'), cell: (m) => cond(m, 'Available') },
        { id: 'degraded', title: t('Degraded'), cell: (m) => cond(m, 'Degraded') },
        { id: 'backend', title: t('BGP implementation'), cell: (m) => m.spec?.bgpBackend ?? t('Default') },
      ]}
    />
  );
};
