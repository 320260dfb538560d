// The BGPAdvertisement form.
import type { FC } from 'react';
import type { BGPAdvertisement } from '../../../api/types';
import { ListField, SelectorField, TextField } from '../../forms/fields';
import type { FieldsProps, FormSpec } from '../../forms/form-spec';
import { RoutedFormPage } from '../../forms/RoutedFormPage';
import { useMetalLBTranslation } from '../../i18n';
import { BGPAdvertisementModel } from '../../models';
import { bgpAdFromObject, bgpAdToObject, emptyBGPAd, type BGPAdFormValues } from './convert';
import { bgpAdTemplate } from './template';

const list = (key: 'ipAddressPools' | 'peers' | 'communities', path: string, v: BGPAdFormValues) =>
  v[key].map((_, i): [string, typeof key] => [`${path}[${i}]`, key]);

const BGPAdFields: FC<FieldsProps<BGPAdFormValues>> = ({ values, set, messages, isEdit, config }) => {
  const { t } = useMetalLBTranslation();
  const pools = (config.ipAddressPools ?? []).map((p) => p.metadata.name).join(', ');
  const peers = (config.bgpPeers ?? []).map((p) => p.metadata.name).join(', ');
  return (
    <>
      <TextField
        id="metadata.name"
        label={t('Name')}
        required
        value={values.name}
        onChange={(name) => set({ name })}
        isDisabled={isEdit}
        messages={messages('metadata.name')}
      />
      <ListField
        id="spec.ipAddressPools"
        label={t('IP address pools')}
        values={values.ipAddressPools}
        onChange={(ipAddressPools) => set({ ipAddressPools })}
        hint={t('Leave empty (and no selector) to advertise every pool. Existing pools: {{pools}}', {
          pools: pools || '-',
        })}
        itemMessages={(i) => messages(`spec.ipAddressPools[${i}]`)}
        messages={messages('spec.ipAddressPools')}
        addLabel={t('Add pool')}
      />
      <SelectorField
        id="spec.ipAddressPoolSelectors"
        label={t('Pool selector')}
        value={values.poolSelector}
        onChange={(poolSelector) => set({ poolSelector })}
        messages={messages('spec.ipAddressPoolSelectors')}
        hint={t('Pools with these labels are advertised too.')}
      />
      <ListField
        id="spec.peers"
        label={t('Peers')}
        values={values.peers}
        onChange={(peers) => set({ peers })}
        hint={t('Advertise only to these BGP peers (all when empty). Existing peers: {{peers}}', {
          peers: peers || '-',
        })}
        itemMessages={(i) => messages(`spec.peers[${i}]`)}
        messages={messages('spec.peers')}
        addLabel={t('Add peer')}
      />
      <ListField
        id="spec.communities"
        label={t('Communities')}
        values={values.communities}
        onChange={(communities) => set({ communities })}
        hint={t('Values like 65535:65282, large:1:2:3, or a Community alias.')}
        itemMessages={(i) => messages(`spec.communities[${i}]`)}
        messages={messages('spec.communities')}
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
      <SelectorField
        id="spec.nodeSelectors"
        label={t('Node selector')}
        value={values.nodeSelector}
        onChange={(nodeSelector) => set({ nodeSelector })}
        messages={messages('spec.nodeSelectors')}
        hint={t('Only nodes with these labels announce (all when empty).')}
      />
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
    ['spec.ipAddressPools', 'ipAddressPools'],
    ...list('ipAddressPools', 'spec.ipAddressPools', v),
    ['spec.ipAddressPoolSelectors', 'poolSelector'],
    ['spec.peers', 'peers'],
    ...list('peers', 'spec.peers', v),
    ['spec.communities', 'communities'],
    ...list('communities', 'spec.communities', v),
    ['spec.aggregationLength', 'aggregationLength'],
    ['spec.aggregationLengthV6', 'aggregationLengthV6'],
    ['spec.localPref', 'localPref'],
    ['spec.nodeSelectors', 'nodeSelector'],
  ],
  Fields: BGPAdFields,
  yamlTemplate: bgpAdTemplate,
};

export const BGPAdFormPage: FC = () => <RoutedFormPage spec={bgpAdFormSpec} />;
