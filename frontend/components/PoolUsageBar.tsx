// A pool family's utilisation: a bar, the counts, and the warning near exhaustion.
import type { FC } from 'react';
import { Progress, ProgressMeasureLocation, ProgressVariant } from '@patternfly/react-core';
import type { FamilyUsage } from '../../api/pool-usage';
import { useMetalLBTranslation } from '../i18n';

export const PoolUsageBar: FC<{ usage: FamilyUsage; family: 'IPv4' | 'IPv6'; testId?: string }> = ({
  usage,
  family,
  testId,
}) => {
  const { t } = useMetalLBTranslation();
  if (usage.level === 'empty') return null;
  const variant =
    usage.level === 'exhausted'
      ? ProgressVariant.danger
      : usage.level === 'warning'
        ? ProgressVariant.warning
        : undefined;
  const label = t('{{assigned}} of {{total}} assigned, {{available}} available', {
    assigned: usage.assigned,
    total: usage.total,
    available: usage.available,
  });
  return (
    <Progress
      value={Math.min(100, usage.percent)}
      title={`${family}: ${label}`}
      size="sm"
      measureLocation={ProgressMeasureLocation.none}
      valueText={label}
      {...(variant ? { variant } : {})}
      helperText={
        usage.level === 'exhausted'
          ? t('Exhausted: new Services get no {{family}} address.', { family })
          : usage.level === 'warning'
            ? t('Nearly exhausted ({{percent}}% used).', { percent: usage.percent })
            : undefined
      }
      data-test={testId}
    />
  );
};
