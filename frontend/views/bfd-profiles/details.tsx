// The BFDProfile details page, with the peers that use it.
import type { FC } from 'react';
import { ResourceLink } from '@openshift-console/dynamic-plugin-sdk';
import type { BFDProfile, BGPPeer } from '../../../api/types';
import { DetailsPage } from '../../components/DetailsPage';
import { useMetalLBTranslation } from '../../i18n';
import { useWatchList } from '../../k8s/watch';
import { BFDProfileModel, BGPPeerModel, gvkOf, METALLB_NAMESPACE } from '../../models';

export const BFDDetailsPage: FC<{ name: string; namespace?: string }> = ({
  name,
  namespace = METALLB_NAMESPACE,
}) => {
  const { t } = useMetalLBTranslation();
  const peers = useWatchList<BGPPeer>(BGPPeerModel, namespace);
  const users = peers.data.filter((p) => p.spec?.bfdProfile === name);
  return (
    <DetailsPage<BFDProfile>
      model={BFDProfileModel}
      name={name}
      namespace={namespace}
      facts={(b) => [
        { label: t('Receive interval (ms)'), value: b.spec?.receiveInterval ?? 300 },
        { label: t('Transmit interval (ms)'), value: b.spec?.transmitInterval ?? 300 },
        { label: t('Detect multiplier'), value: b.spec?.detectMultiplier ?? 3 },
        { label: t('Echo mode'), value: b.spec?.echoMode ? t('Yes') : t('No') },
        { label: t('Passive mode'), value: b.spec?.passiveMode ? t('Yes') : t('No') },
        {
          label: t('Used by peers'),
          value: users.length
            ? users.map((p) => (
                <ResourceLink
                  key={p.metadata.name}
                  groupVersionKind={gvkOf(BGPPeerModel)}
                  name={p.metadata.name}
                  namespace={namespace}
                  inline
                />
              ))
            : '-',
        },
      ]}
    />
  );
};
