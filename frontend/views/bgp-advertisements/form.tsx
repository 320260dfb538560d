// The BGPAdvertisement form.
import type { FC } from 'react';
import type { BGPAdvertisement } from '../../../api/types';
import {
  AdvertisedPoolsFields,
  advertisedPoolsPaths,
  listFieldPaths,
  listMessages,
  NameField,
  NodeSelectorField,
} from '../../forms/common-fields';
import { ListField, TextField } from '../../forms/fields';
import type { FieldsProps, FormSpec } from '../../forms/form-spec';
import { RoutedFormPage } from '../../forms/RoutedFormPage';
import { useMetalLBTranslation } from '../../i18n';
import { BGPAdvertisementModel } from '../../models';
import { bgpAdFromObject, bgpAdToObject, emptyBGPAd, type BGPAdFormValues } from './convert';
import { bgpAdTemplate } from './template';

const BGPAdFields: FC<FieldsProps<BGPAdFormValues>> = (props) => {
  const { values, set, messages, config } = props;
  const { t } = useMetalLBTranslation();
  const peers = (config.bgpPeers ?? []).map((p) => p.metadata.name).join(', ');
  return (
    <>
      <NameField {...props} />
      <AdvertisedPoolsFields {...props} />
      <ListField
        id="spec.peers"
        label={t('Peers')}
        values={values.peers}
        onChange={(peers) => set({ peers })}
        hint={t('Advertise only to these BGP peers (all when empty). Existing peers: {{peers}}', {
          peers: peers || '-',
        })}
        {...listMessages(messages, 'spec.peers')}
        addLabel={t('Add peer')}
      />
      <ListField
        id="spec.communities"
        label={t('Communities')}
        values={values.communities}
        onChange={(communities) => set({ communities })}
        hint={t('Values like 65535:65282, large:1:2:3, or a Community alias.')}
        {...listMessages(messages, 'spec.communities')}
        addLabel={t('Add community')}
      />
      <TextField
        id="spec.aggregationLength"
        label={t('Aggregation length (IPv4)')}
        value={values.aggregationLength}
        onChange={(aggregationLength) => set({ aggregationLength })}
        placeholder="32"
        messages={messages('spec.aggregationLength')}
      />
      <TextField
        id="spec.aggregationLengthV6"
        label={t('Aggregation length (IPv6)')}
        value={values.aggregationLengthV6}
        onChange={(aggregationLengthV6) => set({ aggregationLengthV6 })}
        placeholder="128"
        messages={messages('spec.aggregationLengthV6')}
      />
      <TextField
        id="spec.localPref"
        label={t('Local preference')}
        value={values.localPref}
        onChange={(localPref) => set({ localPref })}
        messages={messages('spec.localPref')}
      />
      <NodeSelectorField {...props} hint={t('Only nodes with these labels announce (all when empty).')} />
    </>
  );
};

export const bgpAdFormSpec: FormSpec<BGPAdFormValues, BGPAdvertisement> = {
  model: BGPAdvertisementModel,
  empty: emptyBGPAd,
  fromObject: bgpAdFromObject,
  toObject: bgpAdToObject,
  fields: (v) => [
    ['metadata.name', 'name'],
    ...advertisedPoolsPaths(v),
    ...listFieldPaths('spec.peers', 'peers', v.peers),
    ...listFieldPaths('spec.communities', 'communities', v.communities),
    ['spec.aggregationLength', 'aggregationLength'],
    ['spec.aggregationLengthV6', 'aggregationLengthV6'],
    ['spec.localPref', 'localPref'],
    ['spec.nodeSelectors', 'nodeSelector'],
  ],
  Fields: BGPAdFields,
  yamlTemplate: bgpAdTemplate,
};

export const BGPAdFormPage: FC = () => <RoutedFormPage spec={bgpAdFormSpec} />;
