// The BFDProfile list.
import type { FC } from 'react';
import type { BFDProfile } from '../../../api/types';
import { ListPage } from '../../components/ListPage';
import { useMetalLBTranslation } from '../../i18n';
import { BFDProfileModel } from '../../models';

export const BFDListPage: FC<{ namespace?: string }> = ({ namespace }) => {
  const { t } = useMetalLBTranslation();
  return (
    <ListPage<BFDProfile>
      model={BFDProfileModel}
      title={t('BFD profiles')}
      description={t('Timers of the BFD sessions that detect a lost BGP peer quickly.')}
      {...(namespace ? { namespace } : {})}
      columns={[
        { id: 'rx', title: t('Receive interval (ms)'), cell: (b) => b.spec?.receiveInterval ?? 300 },
        { id: 'tx', title: t('Transmit interval (ms)'), cell: (b) => b.spec?.transmitInterval ?? 300 },
        { id: 'mult', title: t('Detect multiplier'), cell: (b) => b.spec?.detectMultiplier ?? 3 },
      ]}
    />
  );
};
