// The MetalLB instance details page, with its conditions.
import type { FC } from 'react';
import { Title } from '@patternfly/react-core';
import type { MetalLB } from '../../../api/types';
import { Conditions } from '../../components/Conditions';
import { DetailsPage, LabelList } from '../../components/DetailsPage';
import { useMetalLBTranslation } from '../../i18n';
import { MetalLBModel } from '../../models';

export const MetalLBDetailsPage: FC<{ name: string; namespace?: string }> = ({ name, namespace }) => {
  const { t } = useMetalLBTranslation();
  return (
    <DetailsPage<MetalLB>
      model={MetalLBModel}
      name={name}
      {...(namespace ? { namespace } : {})}
      facts={(m) => [
        { label: t('Log level'), value: m.spec?.logLevel ?? 'info' },
        { label: t('BGP implementation'), value: m.spec?.bgpBackend ?? t('Default') },
        { label: t('Load balancer class'), value: m.spec?.loadBalancerClass ?? '-' },
        { label: t('Speaker node selector'), value: <LabelList labels={m.spec?.nodeSelector} /> },
      ]}
      extra={(m) => (
        <div className="metallb-plugin__section">
          <Title headingLevel="h2">{t('Conditions')}</Title>
          <Conditions conditions={m.status?.conditions} />
        </div>
      )}
    />
  );
};
