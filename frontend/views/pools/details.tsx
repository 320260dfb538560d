// The IPAddressPool details page.
import type { FC } from 'react';
import { Title } from '@patternfly/react-core';
import type { IPAddressPool } from '../../../api/types';
import { poolUsage } from '../../../api/pool-usage';
import { DetailsPage } from '../../components/DetailsPage';
import { PoolUsageBar } from '../../components/PoolUsageBar';
import { useMetalLBTranslation } from '../../i18n';
import { IPAddressPoolModel } from '../../models';

export const PoolDetailsPage: FC<{ name: string; namespace?: string }> = ({ name, namespace }) => {
  const { t } = useMetalLBTranslation();
  return (
    <DetailsPage<IPAddressPool>
      model={IPAddressPoolModel}
      name={name}
      {...(namespace ? { namespace } : {})}
      facts={(p) => [
        { label: t('Addresses'), value: (p.spec?.addresses ?? []).join(', ') },
        { label: t('Auto assign'), value: p.spec?.autoAssign === false ? t('No') : t('Yes') },
        { label: t('Avoid buggy IPs'), value: p.spec?.avoidBuggyIPs ? t('Yes') : t('No') },
        { label: t('Priority'), value: p.spec?.serviceAllocation?.priority ?? '-' },
        { label: t('Only for namespaces'), value: p.spec?.serviceAllocation?.namespaces?.join(', ') || '-' },
      ]}
      extra={(p) => {
        const u = poolUsage(p);
        return (
          <div className="metallb-plugin__section">
            <Title headingLevel="h2">{t('Utilisation')}</Title>
            {u.source === 'computed' && (
              <p>{t('The controller has not reported usage for this pool yet.')}</p>
            )}
            <PoolUsageBar usage={u.ipv4} family="IPv4" />
            <PoolUsageBar usage={u.ipv6} family="IPv6" />
          </div>
        );
      }}
    />
  );
};
